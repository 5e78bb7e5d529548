"""Arvika's international strategy (Kommunstyrelsen 2012-11-12, § 258) loads with its content.

Each of the four målområden lists its activities; those are the actions, in the
document's wording, linked to the partners and twin towns they name.
"""

import datetime
from pathlib import Path

import pytest

from goals.models import Goal

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "arvika.yaml"


def _action(strategy, code):
    return strategy.actions.get(code=code)


def _partner_keys(action):
    return set(action.partners.values_list("key", flat=True))


def test_strategy_is_adopted_by_kommunstyrelsen_on_12_november_2012_paragraph_258(strategy):
    assert strategy.title == "Internationell strategi"
    assert strategy.adopted_by == "Kommunstyrelsen"
    assert strategy.adopted_on == datetime.date(2012, 11, 12)
    assert strategy.decision_reference == "§ 258"
    assert strategy.status == "adopted"
    assert strategy.period_start == 2012
    assert strategy.period_end is None  # open-ended: the document states no end


def test_municipality_is_published_swedish_in_sek(municipality):
    assert municipality.name == "Arvika kommun"
    assert (municipality.country, municipality.language, municipality.currency) == (
        "SE",
        "sv",
        "SEK",
    )
    assert municipality.is_published


def test_municipality_uses_its_own_level_labels(municipality):
    assert municipality.label_goal_area == "Målområde"
    assert municipality.label_goal_area_plural == "Målområden"
    assert municipality.label_action == "Aktivitet"
    assert municipality.label_action_plural == "Aktiviteter"


def test_four_goal_areas_by_title_in_document_order(strategy):
    assert list(strategy.goal_areas.values_list("code", "title")) == [
        ("1", "Aktivt internationellt arbete bidrar till en attraktiv kommun"),
        ("2", "Mångkulturellt perspektiv"),
        ("3", "Norge och vänorterna"),
        ("4", "Demokratiutveckling"),
    ]


def test_each_goal_areas_listed_activities_are_its_actions(strategy):
    counts = {ga.code: ga.actions.count() for ga in strategy.goal_areas.all()}
    assert counts == {"1": 4, "2": 5, "3": 6, "4": 1}
    assert strategy.actions.count() == 16
    # The areas state no goals of their own; the overall goals are plan-level aims.
    assert not Goal.objects.filter(goal_area__strategy=strategy).exists()


def test_four_overall_goals_are_aims(strategy):
    aims = list(strategy.statements.filter(kind="aim").values_list("text", flat=True))
    assert aims == [
        "bidra till en attraktiv kommun genom ett aktivt internationellt arbete",
        "utveckla Norgesamarbetet och använda partnerskap",
        "utveckla verksamheterna inom kommunkoncernen. Genom att utveckla ett "
        "internationellt perspektiv blir Arvika en mer attraktiv arbetsgivare.",
        "främja ett mångkulturellt perspektiv, motverka främlingsfientliga krafter samt "
        "bidra till utveckling av lokal demokrati internationellt.",
    ]


def test_actions_keep_the_documents_wording(strategy):
    assert _action(strategy, "1.2").title == "Marknadsföra Arvika som etableringsort för företag."
    assert _action(strategy, "2.5").title == (
        "Språkutbildning för personal med internationella kontaktytor."
    )
    stimulate = _action(strategy, "2.1")
    assert stimulate.title == "Stimulera samarbeten som ökar kvaliteten i kommunens verksamheter."
    assert stimulate.description == (
        "I verksamhetsplaneringen se möjligheter till kompetensutveckling och finansiering via EU."
    )
    assert _action(strategy, "3.1").title == (
        "Norgesamarbetet inriktas mot områdena infrastruktur, näringsliv, "
        "kompetensförsörjning och kultur."
    )
    assert '"vänortskontakter"' in _action(strategy, "3.5").title


def test_twin_towns_with_country_and_active_status(municipality):
    towns = {t.key: (t.name, t.country, t.status) for t in municipality.twin_towns.all()}
    assert towns == {
        "ylojarvi": ("Ylöjärvi", "Finland", "active"),
        "skive": ("Skive", "Danmark", "active"),
        "kongsvinger": ("Kongsvinger", "Norge", "active"),
    }
    skive = municipality.twin_towns.get(key="skive")
    assert [change.status for change in skive.status_changes.all()] == ["active"]
    assert "1940- och 1950-talet" in skive.status_changes.get().note


def test_evaluating_the_twin_town_cooperation_names_the_twin_towns_but_no_one_responsible(
    strategy,
):
    evaluate = _action(strategy, "3.4")
    assert evaluate.title == "Utvärdera vänortssamarbetet och vid behov föreslå förändringar."
    assert set(evaluate.twin_towns.values_list("key", flat=True)) == {
        "ylojarvi",
        "skive",
        "kongsvinger",
    }
    # "Kommunstyrelsen ... ansvarar för vänortssamarbetet" does not say who evaluates it.
    assert evaluate.responsible is None
    assert not strategy.actions.exclude(responsible=None).exists()
    assert evaluate.recurrence == "not_stated"


def test_arko_is_the_border_network_and_continued_cooperation_is_ongoing(strategy, municipality):
    arko = municipality.partners.get(key="arko")
    assert arko.kind == "network"
    assert "Elva gränskommuner i samverkan." in arko.cooperation_list
    continued = _action(strategy, "3.2")
    assert continued.title == "Fortsatt samverkan inom ARKO."
    assert _partner_keys(continued) == {"arko"}
    assert continued.recurrence == "ongoing"


def test_democracy_action_links_the_sida_funded_icld_partnership(strategy, municipality):
    icld = municipality.partners.get(key="icld")
    assert icld.name == "ICLD (Internationellt Centrum för Lokal Demokrati)"
    assert icld.kind == "funder"
    assert any("SIDA-finansierad" in line for line in icld.cooperation_list)
    democracy = _action(strategy, "4.1")
    assert democracy.title.startswith("Bidra till resultatinriktade samarbeten")
    assert "medborgarperspektiv och ett nyttoperspektiv" in democracy.description
    assert _partner_keys(democracy) == {"icld", "skr", "sida"}


def test_actions_naming_eu_funding_or_the_chamber_of_commerce_link_them(strategy):
    eu_funded = set(strategy.actions.filter(partners__key="eu").values_list("code", flat=True))
    assert eu_funded == {"1.1", "2.1", "3.6"}
    assert _partner_keys(_action(strategy, "3.3")) == {"svensk-norsk-handelskammare"}


def test_only_continued_cooperation_and_kept_contacts_are_ongoing(strategy):
    # "Bibehålla ... kontakterna" and "Fortsatt samverkan"; the rest states no recurrence.
    stated = set(
        strategy.actions.exclude(recurrence="not_stated").values_list("code", "recurrence")
    )
    assert stated == {("1.4", "ongoing"), ("3.2", "ongoing")}


def test_responsibilities_are_shared_as_the_document_says(municipality):
    parties = municipality.responsible_parties
    assert (
        "Kommunstyrelsen leder det internationella arbetet samt ansvarar för vänortssamarbetet."
        in parties.get(key="kommunstyrelsen").duty_list
    )
    assert "officiell representation" in parties.get(key="kommunfullmaktige").duty_list[0]
    departments = parties.get(key="forvaltning-och-bolag")
    assert departments.kind == "department"
    assert "svarar för omvärldsbevakning" in departments.duty_list[0]


def test_introduction_and_purpose_without_page_furniture(strategy):
    assert strategy.introduction.startswith("Vi blir allt mer beroende av vår omvärld.")
    assert '"Värmland växer och känner inga gränser"' in strategy.introduction
    assert "Även medborgarperspektivet ska analyseras före beslut." in strategy.introduction
    assert "Hjälpte informationen" not in strategy.introduction
    purpose = strategy.statements.get(title="Syfte")
    assert "visa hur det internationella arbetet ska bedrivas framöver" in purpose.text
