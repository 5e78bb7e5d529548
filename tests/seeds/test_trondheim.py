"""Trondheim's international strategy (bystyret 2010-01-28) loads with its real content.

The fixture transcribes an OCR-damaged document, so several checks use words whose
å/ø/æ had to be repaired: a wrong repair or a lost line fails here.
"""

import datetime
from pathlib import Path

import pytest

from goals.models import Goal

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "trondheim.yaml"


def _action(strategy, code):
    return strategy.actions.get(code=code)


def _point(strategy, code):
    return strategy.strategy_points.get(code=code)


def test_strategy_is_adopted_by_bystyret_on_28_january_2010(strategy):
    assert strategy.title == "Internasjonal strategi for Trondheim kommune"
    assert strategy.adopted_by == "Bystyret"
    assert strategy.adopted_on == datetime.date(2010, 1, 28)
    assert strategy.status == "adopted"
    assert strategy.period_start == 2010
    assert strategy.period_end is None  # open-ended: the document states no end


def test_municipality_is_published_norwegian_bokmal_in_nok(municipality):
    assert municipality.name == "Trondheim kommune"
    assert (municipality.country, municipality.language, municipality.currency) == (
        "NO",
        "nb",
        "NOK",
    )
    assert municipality.is_published


def test_municipality_uses_its_own_level_labels(municipality):
    assert municipality.label_goal_area == "Målområde"
    assert municipality.label_goal_area_plural == "Målområder"
    assert municipality.label_goal == "Mål"
    assert municipality.label_strategy_point == "Strategi"
    assert municipality.label_action == "Aktivitet"
    assert municipality.label_action_plural == "Aktiviteter"


def test_four_goal_areas_by_title_in_document_order(strategy):
    assert list(strategy.goal_areas.values_list("code", "title")) == [
        ("1", "Internasjonal kontakt og samarbeid"),
        ("2", "Utvikle internasjonal kompetanse og fagkunnskap internt i kommunen"),
        ("3", "Synliggjøre internasjonal aktivitet"),
        ("4", "Utvikle vertskapsrollen"),
    ]


def test_lettered_sub_goals_are_the_goals(strategy):
    goals = Goal.objects.filter(goal_area__strategy=strategy)
    counts = {ga.code: ga.goals.count() for ga in strategy.goal_areas.all()}
    assert counts == {"1": 4, "2": 3, "3": 2, "4": 2}
    assert goals.count() == 11
    assert goals.get(goal_area__code="2", code="2b").text == (
        "øke fokuset på rekruttering av internasjonal kompetanse"
    )
    assert goals.get(goal_area__code="4", code="4a").text == (
        "Trondheim skal fremstå som et bysamfunn som etablerer positive relasjoner til besøkende."
    )
    assert goals.get(goal_area__code="1", code="1b").text.startswith(
        "Avklare kommunens holdning til fortsatt vennskapsbysamarbeid"
    )


def test_four_strategies_with_their_lettered_points(strategy):
    mains = strategy.strategy_points.filter(parent__isnull=True)
    assert list(mains.values_list("code", flat=True)) == ["1", "2", "3", "4"]
    letters = {main.code: main.points.count() for main in mains}
    assert letters == {"1": 9, "2": 3, "3": 6, "4": 8}
    assert _point(strategy, "3").text.startswith(
        "Trondheim kommunes organisasjon skal øke sin internasjonale kompetanse"
    )
    assert _point(strategy, "1b").parent.code == "1"
    assert "økumenisk dialogarbeid" in _point(strategy, "1b").text


def test_strategy_1_carries_the_councils_wording_with_health(strategy):
    assert _point(strategy, "1").text == (
        "Trondheim kommune skal ha en tilretteleggerrolle og bidra til økt internasjonal "
        "kontakt og samarbeid innen utdanning, forskning, helse, kultur og næringsliv."
    )


def test_strategy_2c_names_the_four_twin_city_categories(strategy):
    text = _point(strategy, "2c").text
    assert "deles inn i fire ulike kategorier" in text
    assert "konkrete prosjektavtaler" in text
    assert "særskilte fokusområder" in text
    assert "Solidaritetsrelasjoner" in text
    assert "Hvilende relasjoner" in text


def test_no_strategy_is_paired_with_a_goal_area_the_document_does_not_name(strategy):
    # "fire målområder med tilhørende strategier" names no pairs, and the numbers do not
    # line up (Strategi 2 is about twin cities), so no link is invented.
    for point in strategy.strategy_points.prefetch_related("goal_areas"):
        assert list(point.goal_areas.all()) == [], point.code


def test_every_lettered_point_is_an_action_linked_to_it(strategy):
    points = strategy.strategy_points.filter(parent__isnull=False)
    assert strategy.actions.count() == points.count() == 26
    for action in strategy.actions.prefetch_related("strategy_points"):
        assert [p.code for p in action.strategy_points.all()] == [action.code]


def test_actions_are_plan_wide_as_the_document_places_none_in_a_goal_area(strategy):
    assert not strategy.actions.filter(goal_area__isnull=False).exists()
    assert list(strategy.actions.values_list("code", flat=True)) == [
        *("1a", "1b", "1c", "1d", "1e", "1f", "1g", "1h", "1i"),
        *("2a", "2b", "2c"),
        *("3a", "3b", "3c", "3d", "3e", "3f"),
        *("4a", "4b", "4c", "4d", "4e", "4f", "4g", "4h"),
    ]
    for area in strategy.goal_areas.all():
        assert not area.actions.exists(), area.code
        assert area.goals.exists(), area.code  # the lettered sub-goals stay


def test_actions_keep_the_documents_wording(strategy):
    assert _action(strategy, "3c").title == (
        "Trondheim kommune skal på sin side ta initiativ til at vesentlig kommunal "
        "informasjon blir gjort tilgjengelig gjennom minst to flerspråklige versjoner."
    )
    assert _action(strategy, "4h").title == (
        "Videreutvikle Trondheims rykte som en god arrangørby når det gjelder større begivenheter."
    )
    assert "høste synergi for næringsliv" in _action(strategy, "4h").description
    assert "godkjent / godskrevet sin utdanning i Norge" in _action(strategy, "3b").description


def test_forum_action_links_the_forum_partners_and_the_consulates(strategy):
    keys = set(_action(strategy, "1f").partners.values_list("key", flat=True))
    assert keys == {
        "ntnu",
        "innovasjon-norge",
        "trondelags-europakontor",
        "access-mid-norway",
        "sor-trondelag-fylkeskommune",
        "konsulater",
    }
    assert set(_action(strategy, "4f").partners.values_list("key", flat=True)) == {
        "isfit",
        "iaeste",
    }


def test_no_recurrence_is_claimed_as_the_document_states_none(strategy):
    assert set(strategy.actions.values_list("recurrence", flat=True)) == {"not_stated"}


def test_partners_say_what_the_cooperation_is_about(municipality):
    europakontor = municipality.partners.get(key="trondelags-europakontor")
    assert europakontor.name == "Trøndelags Europakontor"
    assert any("informasjonsaktivitet" in line for line in europakontor.cooperation_list)
    consulates = municipality.partners.get(key="konsulater")
    assert consulates.kind == "consulate"
    assert any("22 konsulater" in line for line in consulates.cooperation_list)
    assert municipality.partners.get(key="sor-trondelag-fylkeskommune").name == (
        "Sør-Trøndelag fylkeskommune"
    )
    assert municipality.partners.get(key="nordisk-ministerrad").kind == "funder"


def test_resolution_point_1_keeps_what_was_adopted(municipality):
    bystyret = municipality.responsible_parties.get(key="bystyret")
    assert bystyret.duty_list[0] == (
        "Bystyret vedtar Internasjonal strategi for Trondheim kommune, som vist i "
        "saksframlegget og i vedlegg nr 1 — Bakgrunnsdokument."
    )


def test_bodies_and_roles_have_their_duties(municipality):
    formannskapet = municipality.responsible_parties.get(key="formannskapet")
    assert formannskapet.duty_list == [
        "Formannskapet gis fullmakt til å vedta handlingsprogram som følge av vedtatt strategi."
    ]
    radmannen = municipality.responsible_parties.get(key="radmannen")
    assert radmannen.name == "Rådmannen"
    assert radmannen.duty_list == ["Rådmannen vil fremme egen sak om vennskapsbyer for bystyret."]


def test_document_names_no_twin_town(municipality):
    assert not municipality.twin_towns.exists()


def test_three_overall_aims_include_the_councils_changes(strategy):
    aims = list(strategy.statements.filter(kind="aim").values_list("text", flat=True))
    assert len(aims) == 3
    assert "fornye samfunnet og styrke bærekraftig utvikling" in aims[1]
    assert aims[2] == "I størst mulig grad være basert på et solidaritetsperspektiv."


def test_action_plan_requirements_are_a_principle(strategy):
    principle = strategy.statements.get(kind="principle")
    for required in (
        "aktiviteter, milepæler og",
        "fremdriftsplan",
        "resultatmål",
        "økonomiske ressurser",
        "indikatorer",
    ):
        assert required in principle.text


def test_council_amendments_name_the_point_they_change(strategy):
    amendments = strategy.amendments.all()
    assert all(a.decided_by == "Bystyret" for a in amendments)
    assert all(a.decided_on == datetime.date(2010, 1, 28) for a in amendments)
    kinds = {a.affects: a.kind for a in amendments if a.affects.startswith("Strategi")}
    assert kinds["Strategi 3 f"] == "addition"
    assert kinds["Strategi 4 d"] == "addition"
    assert kinds["Strategi 4 h"] == "change"
    assert kinds["Strategi 1"] == "change"
    assert amendments.get(affects="Strategi 3 f").text.endswith(
        "samarbeide nært med frivillige organisasjoner med tanke på "
        "kompetanseutveksling og inkludering."
    )
    consulates = amendments.get(reference="Vedtak pkt 7")
    assert "22 konsulater for 22 forskjellige land" in consulates.text
    majority = amendments.get(reference__startswith="Flertallsmerknad")
    assert majority.kind == "remark"
    assert "finansieringsplan" in majority.text
    assert amendments.filter(reference="Vedtak pkt 5", kind="remark").count() == 5
