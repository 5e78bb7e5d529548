"""Time kommune's Internasjonal strategi 2016-2019 (nynorsk) loads with its real content.

Each check names text from the document, so a lost line, a mistyped word or a wrong
level (goal vs. action) fails here.
"""

from pathlib import Path

import pytest

from actions.models import Action
from goals.models import Goal
from strategy_files.importer import import_file

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "time.yaml"

GOAL_AREAS = [
    "Internasjonalt perspektiv i samfunnsutviklinga",
    "Internasjonale perspektiv i tenesteutviklinga",
    "Eit internasjonalt orientert næringsliv",
]


def _action(strategy, title):
    return strategy.actions.get(title=title)


def test_strategy_covers_2016_to_2019_as_version_2(strategy):
    assert strategy.slug == "time-2016-2019"
    assert strategy.title == "Internasjonal strategi 2016-2019"
    assert (strategy.period_start, strategy.period_end) == (2016, 2019)
    assert strategy.version == "2"
    assert strategy.status == "adopted"


def test_adoption_details_the_document_does_not_state_are_left_empty(strategy):
    assert strategy.adopted_by == ""
    assert strategy.adopted_on is None
    assert strategy.decision_reference == ""


def test_vision_and_introduction_come_from_the_document(strategy):
    assert strategy.vision == "trygg og framtidsretta"
    assert "fekk sin første internasjonale strategi i 2011" in strategy.introduction
    assert "NOU 2012:2 «Innenfor og utenfor, Norges avtaler med EU»" in strategy.introduction
    # Typos in the source repaired, photo captions left out.
    assert "Allerød i Danmark avvikla" in strategy.introduction
    assert "Fargeglobus" not in strategy.introduction


def test_municipality_is_published_nynorsk_in_nok(municipality):
    assert municipality.slug == "time"
    assert municipality.name == "Time kommune"
    assert (municipality.country, municipality.language, municipality.currency) == (
        "NO",
        "nn",
        "NOK",
    )
    assert municipality.is_published


def test_municipality_uses_its_own_level_labels(municipality):
    assert municipality.label_goal_area == "Satsingsområde"
    assert municipality.label_goal_area_plural == "Satsingsområde"
    assert municipality.label_goal == "Mål"
    assert municipality.label_action == "Tiltak"
    assert municipality.label_action_plural == "Tiltak"


def test_three_aims_and_four_challenges(strategy):
    aims = list(strategy.statements.filter(kind="aim").values_list("title", flat=True))
    assert aims == [
        "Ein internasjonalt orientert kommune",
        "Ein internasjonalt aktiv kommune",
        "Ein internasjonalt attraktiv kommune",
    ]
    attractive = strategy.statements.get(title="Ein internasjonalt attraktiv kommune")
    assert attractive.text.startswith("Time er ein open og attraktiv kommune for næringsliv")
    challenges = list(strategy.statements.filter(kind="challenge").values_list("text", flat=True))
    assert len(challenges) == 4
    assert challenges[0] == (
        "Ha tilstrekkeleg språk- og kulturkompetanse i eit stadig meir internasjonalisert samfunn"
    )
    assert challenges[3].startswith("Etablera og avvikla internasjonale relasjonar")


def test_three_goal_areas_in_document_order(strategy):
    areas = list(strategy.goal_areas.order_by("order").values_list("code", "title"))
    assert areas == list(zip(["1", "2", "3"], GOAL_AREAS, strict=True))
    services = strategy.goal_areas.get(code="2")
    assert "digitalisering, velferdsteknologi, VAR-tenester" in services.description


def test_goal_and_action_counts_match_the_document(strategy):
    counts = {
        area.code: (area.goals.count(), area.actions.count()) for area in strategy.goal_areas.all()
    }
    # "Dette vil me gjera" / "Slik vil me gjera det" bullets per satsingsområde.
    assert counts == {"1": (6, 9), "2": (5, 15), "3": (3, 9)}
    assert Goal.objects.filter(goal_area__strategy=strategy).count() == 14
    assert strategy.actions.count() == 33


def test_goals_are_the_dette_vil_me_gjera_bullets(strategy):
    community = strategy.goal_areas.get(code="1")
    assert community.goals.get(code="1.1").text == (
        "Auka kunnskapen om og engasjementet for internasjonal aktivitet blant "
        "innbyggjarar, organisasjonar og bedrifter i lokalsamfunnet"
    )
    assert community.goals.filter(text="Skapa internasjonale møteplassar i lokalsamfunnet")
    business = strategy.goal_areas.get(code="3")
    # The layout split "tu-/ristar"; the word must be whole.
    assert business.goals.get(code="3.2").text == (
        "Kartleggja og møta behov internasjonale turistar og næringsdrivande har når dei "
        "besøkjer Jæren"
    )


def test_actions_are_the_slik_vil_me_gjera_det_bullets(strategy):
    action = _action(strategy, "Arrangera årleg open internasjonal dag på Bryne kompetansesenter")
    assert (action.code, action.goal_area.code) == ("1.1", "1")
    services = strategy.goal_areas.get(code="2")
    assert services.actions.filter(
        title="Bruka etnisk mangfald som ressurs i organisasjonskulturen."
    )
    assert services.actions.filter(
        title="Spre brev frå KS og Stavangerregionens Europakontor i heile organisasjonen"
    )
    assert strategy.goal_areas.get(code="3").actions.filter(
        title="Utarbeida ein fleirspråkleg næringsbrosjyre"
    )
    # No goal is tied to an action in the document, so none is invented.
    assert not Action.goals.through.objects.filter(action__strategy=strategy).exists()


def test_an_action_repeated_in_two_goal_areas_is_kept_in_both(strategy):
    repeated = strategy.actions.filter(
        title="Gå inn i internasjonale partnarskap saman med lokale bedrifter"
    ).order_by("code")
    assert [(a.code, a.goal_area.code) for a in repeated] == [("1.5", "1"), ("3.7", "3")]


def test_yearly_actions_recur_every_year(strategy):
    yearly = set(strategy.actions.filter(recurrence="yearly").values_list("title", flat=True))
    assert yearly == {
        "Arrangera årleg open internasjonal dag på Bryne kompetansesenter",
        "Bidra til å arrangera årleg eksportdag for bedrifter på Jæren",
        "Arrangera intern årleg temadag «ut i Europa» for å inspirera tilsette til å delta "
        "i internasjonale prosjekt og nettverk",
        "Arrangera årleg faglig eksportdag for bedrifter på Jæren",
    }


def test_only_the_arleg_actions_have_a_stated_recurrence(strategy):
    stated = set(
        strategy.actions.exclude(recurrence="not_stated").values_list("code", "recurrence")
    )
    assert stated == {("1.1", "yearly"), ("1.4", "yearly"), ("2.3", "yearly"), ("3.6", "yearly")}


def test_active_network_membership_is_linked_to_the_network(strategy):
    smart_care = _action(
        strategy,
        "Delta aktivt i nettverk som Norwegian Smart Care Cluster og andre delings- og "
        "læringsarenaer",
    )
    assert smart_care.recurrence == "not_stated"  # "Delta aktivt" gives no frequency
    assert [p.key for p in smart_care.partners.all()] == ["norwegian-smart-care-cluster"]
    who = _action(
        strategy,
        "Delta aktivt i Verdens helseorganisasjon (WHO) sitt norske nettverk «Sunne kommuner»",
    )
    assert who.recurrence == "not_stated"
    assert [(p.key, p.kind) for p in who.partners.all()] == [("sunne-kommuner", "network")]


def test_actions_naming_ks_and_the_europe_office_link_both_partners(strategy):
    action = _action(
        strategy,
        "Nytta Stavangerregionens Europakontor og KS sine internasjonale nettverk og tilbod",
    )
    assert {p.key for p in action.partners.all()} == {"ks", "stavangerregionens-europakontor"}


def test_no_responsible_party_is_invented_for_actions(strategy):
    # Not even 2.1 and 2.15: the role list gives Kommunikasjonssjef contact with the
    # Europe office, but the document names nobody as responsible for an action.
    assert not strategy.actions.exclude(responsible=None).exists()
    assert not strategy.actions.exclude(responsible_note="").exists()


def test_five_roles_with_their_duties(municipality):
    roles = list(municipality.responsible_parties.values_list("name", flat=True))
    assert roles == [
        "Ordførar",
        "Rådmann",
        "Kommunikasjonssjef",
        "Næringssjef",
        "Kommunalsjefar og tenesteleiarar",
    ]
    mayor = municipality.responsible_parties.get(name="Ordførar")
    assert "Representasjon og vertskap i samband med internasjonale besøk." in mayor.duty_list
    business = municipality.responsible_parties.get(name="Næringssjef")
    assert len(business.duty_list) == 5
    assert "Delta i relevante internasjonale nettverk" in business.duty_list


def test_partners_with_what_the_cooperation_is_about(municipality):
    partners = {p.key: p for p in municipality.partners.all()}
    assert set(partners) == {
        "greater-stavanger",
        "ks",
        "stavangerregionens-europakontor",
        "region-stavanger",
        "rogaland-fylkeskommune",
        "sunne-kommuner",
        "norwegian-smart-care-cluster",
        "villa-faraldi",
    }
    assert "Påverknad i EU-saksprosessar" in partners["ks"].cooperation_list
    # "kunnskaps-/sektoren" was split by the layout.
    office = partners["stavangerregionens-europakontor"].cooperation_list
    assert any(line.endswith("næringsliv og kunnskapssektoren.") for line in office)
    assert partners["rogaland-fylkeskommune"].cooperation_list == [
        "Rådgjevar, pådrivar og samarbeidspartnar i europeiske prosjekt"
    ]
    assert partners["sunne-kommuner"].kind == "network"


def test_twin_towns_with_country_and_status(municipality):
    towns = {t.name: (t.country, t.status) for t in municipality.twin_towns.all()}
    assert towns == {
        "Alnwick": ("England", "active"),
        "Lappträsk": ("Finland", "ended"),
        "Allerød": ("Danmark", "ended"),
        "Älmhult": ("Sverige", "being_ended"),
    }


def test_alnwick_keeps_the_30_year_anniversary_not_a_computed_start_year(municipality):
    alnwick = municipality.twin_towns.get(key="alnwick")
    assert alnwick.since is None
    assert "I 2016 vart 30-årsjubileum for vennskapet mellom" in alnwick.description
    assert list(alnwick.status_changes.values_list("year", flat=True)) == [None]
    assert "med fokus på ungdom" in alnwick.description
    assert "Northumberland" in alnwick.description


def test_almhult_history_shows_it_is_being_ended(municipality):
    almhult = municipality.twin_towns.get(key="almhult")
    history = list(almhult.status_changes.order_by("order").values_list("status", flat=True))
    assert history == ["active", "being_ended"]


def test_villa_faraldi_is_a_close_relation_not_a_twin_town(municipality):
    # "eit nært forhold", no friendship agreement: a partner, not a vennskapskommune.
    assert not municipality.twin_towns.filter(name__icontains="Faraldi").exists()
    villa = municipality.partners.get(key="villa-faraldi")
    assert (villa.name, villa.country) == ("Villa Faraldi", "Italia")
    (line,) = villa.cooperation_list
    assert line.startswith("Time kommune har også eit nært forhold til Villa Faraldi kommune")
    assert "kunstnaren Fritz Røed frå Bryne" in line and "Liguria" in line


def test_importing_the_file_again_replaces_the_plan_instead_of_duplicating_it(strategy):
    again = import_file(FIXTURE)
    assert again.pk == strategy.pk
    assert again.municipality.strategies.count() == 1
    assert again.actions.count() == 33
    assert again.municipality.twin_towns.count() == 4
