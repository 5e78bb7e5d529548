"""Tranås's programme "Internationellt arbete" (document 0424, version 1) loads with its content.

The programme names three priority areas but lists no goals or activities under them;
the activities it lists apply to the whole programme and load as plan-wide actions. Its
concrete demand is the yearly report every department and company owes. These tests pin
all three: no invented goals, the listed activities as actions, and the follow-up
requirement with the three things the report must show.
"""

import datetime
from pathlib import Path

import pytest

from goals.models import Goal

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "tranas.yaml"


def _statement_lines(strategy, title):
    return strategy.statements.get(title=title).text.splitlines()


def test_programme_is_decided_by_kommunstyrelsen_with_its_document_metadata(strategy):
    assert strategy.title == "Internationellt arbete"
    assert strategy.adopted_by == "Kommunstyrelsen"
    # The document gives a publication date, not a decision date.
    assert strategy.adopted_on is None
    assert strategy.decision_reference == "Diarienummer 20/16"
    assert strategy.document_id == "0424"
    assert strategy.version == "1"
    assert strategy.status == "adopted"
    # "Dokumenttyp: Program", "Publiceringsdatum: 2016-04-23": kept, not lost.
    assert strategy.document_type == "Program"
    assert strategy.published_on == datetime.date(2016, 4, 23)


def test_programme_runs_four_years_until_revision_in_april_2020(strategy):
    assert strategy.revise_by == datetime.date(2020, 4, 22)
    assert (strategy.period_start, strategy.period_end) == (2016, 2020)


def test_municipality_is_published_swedish_in_sek(municipality):
    assert municipality.name == "Tranås kommun"
    assert (municipality.country, municipality.language, municipality.currency) == (
        "SE",
        "sv",
        "SEK",
    )
    assert municipality.is_published


def test_municipality_uses_its_own_level_labels(municipality):
    assert municipality.label_goal_area == "Prioriterat område"
    assert municipality.label_goal_area_plural == "Prioriterade områden"
    assert municipality.label_goal == "Mål"
    assert municipality.label_action == "Aktivitet"
    assert municipality.label_action_plural == "Aktiviteter"


def test_three_priority_areas_by_title_in_document_order(strategy):
    assert list(strategy.goal_areas.values_list("code", "title")) == [
        ("1", "Livslångt lärande för individen och för samhället"),
        ("2", "Goda och kreativa livsmiljöer"),
        ("3", "Hållbar samhällsplanering"),
    ]


def test_priority_areas_keep_their_description(strategy):
    areas = {ga.code: ga.description for ga in strategy.goal_areas.all()}
    assert areas["1"].startswith("Kompetensutveckling, både för individen och organisationen")
    assert "ändamålsenlig kunskapsöverföring" in areas["1"]
    assert "främjar en social inkludering" in areas["2"]
    assert "effektiv resursanvändning förutsätter energieffektiva system" in areas["3"]


def test_no_goals_or_activities_are_invented_for_the_priority_areas(strategy):
    assert not Goal.objects.filter(goal_area__strategy=strategy).exists()
    assert not strategy.actions.filter(goal_area__isnull=False).exists()
    assert strategy.strategy_points.count() == 0


def test_the_listed_activities_are_plan_wide_actions(strategy):
    actions = {a.code: a for a in strategy.actions.select_related("responsible")}
    assert len(actions) == 9
    assert actions["A1"].title == "Delta i internationella konferenser"
    assert actions["A2"].title == "Genomföra studiebesök"
    assert actions["A3"].title == "Ingå i internationella nätverk"
    assert "extern medfinansiering alltid prövas" in actions["A4"].description
    assert [p.key for p in actions["A4"].partners.all()] == ["eu"]
    report = actions["A8"]
    assert report.recurrence == "yearly"
    assert report.responsible.key == "forvaltningar-och-bolag"
    assert "omslutning i form av arbetstid, pengar och andra resurser" in report.description


def test_activity_titles_are_the_documents_own_sentences(strategy):
    titles = dict(strategy.actions.values_list("code", "title"))
    assert titles["A4"] == (
        "Inför varje nytt utvecklingsprojekt ska möjligheten till extern medfinansiering "
        "alltid prövas."
    )
    assert titles["A5"].startswith("Även detta bör givetvis beaktas och rent generellt är det")
    assert titles["A6"].startswith("Centralt ska finnas en gemensam funktion med uppgiften")
    assert titles["A7"].startswith("Respektive förvaltning och bolag utser kontaktpersoner")
    assert titles["A8"] == (
        "Varje förvaltning och bolag svarar för en årlig återrapportering av det "
        "internationella arbetet."
    )
    assert titles["A9"].startswith("Eftersom programmet tar sin utgångspunkt i")
    assert titles["A9"].endswith("följas upp med relevanta mål- och styrtal.")


def test_responsible_and_recurrence_only_where_the_document_states_them(strategy):
    actions = strategy.actions.select_related("responsible")
    responsible = {a.code: a.responsible.key for a in actions if a.responsible}
    # "Respektive förvaltning och bolag utser ...", "Varje förvaltning och bolag svarar ...".
    assert responsible == {"A7": "forvaltningar-och-bolag", "A8": "forvaltningar-och-bolag"}
    recurrence = {a.code: a.recurrence for a in actions if a.recurrence != "not_stated"}
    assert recurrence == {"A4": "ongoing", "A8": "yearly"}  # "alltid", "årlig"


def test_three_kinds_of_international_work(strategy):
    kinds = strategy.statements.filter(kind="work_kind")
    assert list(kinds.values_list("title", flat=True)) == [
        "Omvärldsbevakning",
        "Positionering",
        "Verksamhetsutveckling",
    ]
    assert "delta i internationella konferenser, genomföra studiebesök" in kinds[0].text
    assert "nya exportmöjligheter, ökade turistströmmar" in kinds[1].text
    assert kinds[2].text.endswith(
        "Inför varje nytt utvecklingsprojekt ska möjligheten till extern medfinansiering "
        "alltid prövas."
    )


def test_europa_2020_names_its_five_target_areas(strategy):
    lines = _statement_lines(strategy, "Europa 2020")
    assert strategy.statements.get(title="Europa 2020").kind == "policy_link"
    assert "Smart och Hållbar Tillväxt för Alla" in lines[0]
    assert lines[1:] == [
        "Sysselsättning",
        "Forskning och innovation",
        "Klimat och energi",
        "Utbildning",
        "Fattigdomsbekämpning",
    ]


def test_local_development_plan_names_its_six_priorities(strategy):
    lines = _statement_lines(strategy, "Utvecklingsplan för Tranås kommun")
    assert "det övergripande målet 20 000 invånare år 2020" in lines[0]
    assert len(lines[1:]) == 6
    assert lines[1] == "attraktiva boendemiljöer"
    assert "ett samhälle för alla – trygghet, hälsa och delaktighet" in lines
    assert lines[-1] == "ett hållbart nyttjande av miljö och naturresurser"


def test_other_policy_links_keep_the_repaired_wording(strategy):
    text = strategy.statements.get(title="Andra samband och synergier").text
    assert "EU:s Östersjöstrategi, den regionala utvecklingsstrategin (RUS)" in text
    assert "starkt fokus på strukturpåverkande insatser" in text


def test_yearly_follow_up_per_department_is_a_principle(strategy):
    follow_up = strategy.statements.get(kind="principle", title="Uppföljning")
    text = follow_up.text
    # "åiterrapportering" in the source: the stray letter is gone.
    assert "Varje förvaltning och bolag svarar för en årlig återrapportering" in text
    assert "Sammanställning görs centralt och redovisas för kommunfullmäktige." in text
    assert text.splitlines()[-3:] == [
        "vilka aktiviteter och insatser som genomförts",
        "omslutning i form av arbetstid, pengar och andra resurser",
        "hur arbetet har bidragit till att uppnå förvaltningsspecifika eller "
        "kommunövergripande mål",
    ]
    assert "styrkort" in text


def test_central_function_coordinates_and_compiles_the_reports(municipality):
    central = municipality.responsible_parties.get(key="central-funktion")
    assert central.duty_list[0].startswith(
        "Centralt ska finnas en gemensam funktion med uppgiften att samordna och hjälpa"
    )
    compiles = "Sammanställning görs centralt och redovisas för kommunfullmäktige."
    assert compiles in central.duty_list


def test_contact_persons_watch_the_world_for_their_department(municipality):
    contacts = municipality.responsible_parties.get(key="kontaktpersoner")
    assert contacts.kind == "role"
    duty = contacts.duty_list[0]
    assert "att omvärldsbevaka och att identifiera möjliga utvecklingsprojekt" in duty


def test_every_department_and_company_owes_a_yearly_report(municipality):
    departments = municipality.responsible_parties.get(key="forvaltningar-och-bolag")
    assert departments.kind == "department"
    assert departments.duty_list[-1] == (
        "Varje förvaltning och bolag svarar för en årlig återrapportering av det "
        "internationella arbetet."
    )


def test_council_bodies_have_their_powers(municipality):
    parties = municipality.responsible_parties
    assert parties.get(key="kommunstyrelsen").duty_list == [
        "Kommunstyrelsen beslutar om antagande och revidering av detta program."
    ]
    assert (
        "Kommunfullmäktige beslutar om internationella samarbeten och nya vänorter."
        in parties.get(key="kommunfullmaktige").duty_list
    )
    presidium = parties.get(key="kommunstyrelsens-presidium")
    assert "representera kommunen vid internationella besök" in presidium.duty_list[0]
    assert parties.get(key="fortroendevald-internationella-fragor").kind == "role"
    assert parties.get(key="kansli-och-personalavdelningen").name == (
        "Kansli- och personalavdelningen"
    )


def test_eu_co_financing_is_the_only_partner_and_there_are_no_twin_towns(municipality):
    eu = municipality.partners.get()
    assert (eu.key, eu.kind) == ("eu", "funder")
    assert eu.cooperation_list[0].startswith("Medfinansiering från EU eller annan extern aktör")
    assert not municipality.twin_towns.exists()


def test_page_furniture_is_left_out(strategy):
    texts = [strategy.introduction] + list(strategy.statements.values_list("text", flat=True))
    assert strategy.introduction.startswith("Programmet beskriver hur Tranås kommun ska arbeta")
    assert "ett internationellt perspektiv ger nya erfarenheter" in strategy.introduction
    assert not any("Dokumenttitel" in text or "Dokument-ID" in text for text in texts)
