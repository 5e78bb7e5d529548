"""Comparing municipalities: strategies side by side and a search across them."""

import html
import re
from pathlib import Path

import pytest
from django.db import connection
from django.urls import resolve, reverse

from accounts.models import Role
from goals.models import Municipality
from strategy_files.importer import import_file
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)
from tests.pages import visible_text

pytestmark = pytest.mark.django_db


def action_in(municipality, title, description=""):
    area = GoalAreaFactory(strategy=StrategyFactory(municipality=municipality), title="Ungdom")
    return ActionFactory(goal_area=area, title=title, description=description)


def test_search_finds_an_action_by_a_word_in_its_description_across_municipalities(client):
    time = MunicipalityFactory(name="Time kommune", is_published=True)
    tranas = MunicipalityFactory(name="Tranås kommun", is_published=True)
    action_in(time, "Utveksling", "A youth exchange with Ljungby every summer")
    action_in(tranas, "Ungdomsutbyte", "Youth exchanges with partner towns in Latvia")
    action_in(tranas, "Näringsliv", "Export seminars")
    response = client.get(reverse("dashboards:compare"), {"q": "youth exchange"})
    groups = {
        g["municipality"].name: [a.title for a in g["actions"]] for g in response.context["results"]
    }
    assert groups == {"Time kommune": ["Utveksling"], "Tranås kommun": ["Ungdomsutbyte"]}
    assert "Ungdomsutbyte" in response.content.decode()


def test_search_never_shows_another_unpublished_municipality(client):
    mine = MunicipalityFactory(name="Time kommune", is_published=False)
    secret = MunicipalityFactory(name="Hemmeleg kommune", is_published=False)
    action_in(mine, "ICLD-partnarskap", "Kommunalt partnerskap via ICLD")
    action_in(secret, "ICLD hemmeleg", "ICLD prosjekt")
    client.force_login(member(Role.POLITICIAN, mine))
    response = client.get(reverse("dashboards:compare"), {"q": "ICLD"})
    body = response.content.decode()
    assert "ICLD-partnarskap" in body
    assert "Hemmeleg" not in body and "ICLD hemmeleg" not in body


def test_compare_lists_visible_strategies_with_goal_areas_and_action_counts(client):
    published = MunicipalityFactory(name="Time kommune", is_published=True)
    hidden = MunicipalityFactory(name="Skjult kommune", is_published=False)
    action_in(published, "Tiltak 1")
    action_in(hidden, "Tiltak 2")
    body = client.get(reverse("dashboards:compare")).content.decode()
    assert "Time kommune" in body and "Ungdom (1)" in body
    assert "Skjult kommune" not in body


# --- The search on the seeds: compounds, partners, twin towns, links ------------------

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed(name):
    strategy = import_file(FIXTURES / f"{name}.yaml")
    Municipality.objects.filter(pk=strategy.municipality_id).update(is_published=True)
    return strategy


def results(client, query):
    response = client.get(reverse("dashboards:compare"), {"q": query})
    assert response.status_code == 200
    return response, {g["municipality"].name: g for g in response.context["results"]}


def hrefs(response):
    """The links of the search results section, as a visitor would follow them."""
    body = response.content.decode()
    section = body[body.index('id="results-heading"') : body.index('id="strategies-heading"')]
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', section)]


def test_search_finds_compounds_that_end_in_the_word(client):
    """ "utveksling" finds Trondheim's "kulturutveksling" action (1c), on both databases."""
    trondheim = seed("trondheim")
    time = MunicipalityFactory(name="Time kommune", is_published=True)
    action_in(time, "Ungdomsutveksling med Ljungby")
    _, groups = results(client, "utveksling")
    found = {a.code for a in groups[trondheim.municipality.name]["actions"]}
    assert "1c" in found
    assert [a.title for a in groups["Time kommune"]["actions"]] == ["Ungdomsutveksling med Ljungby"]


def test_short_words_match_only_whole_words_or_word_starts_on_postgresql(client):
    """Three letters inside a word are not a hit on PostgreSQL ("ung" in "Tunga"), while
    a word start still is; the SQLite fallback matches anywhere."""
    time = MunicipalityFactory(name="Time kommune", is_published=True)
    action_in(time, "Ungdomsråd")
    action_in(time, "Tunga lyft")
    _, groups = results(client, "ung")
    titles = {a.title for a in groups["Time kommune"]["actions"]}
    assert "Ungdomsråd" in titles
    if connection.vendor == "postgresql":
        assert "Tunga lyft" not in titles


def test_search_by_partner_finds_the_actions_that_involve_it(client):
    """ "Who works with ICLD?": Arvika's action 4.1 names neither ICLD in its title nor its
    description, but ICLD is one of its partners."""
    arvika = seed("arvika")
    response, groups = results(client, "ICLD")
    group = groups[arvika.municipality.name]
    assert [a.code for a in group["actions"]] == ["4.1"]
    assert "icld" in [p.key for p in group["partners"]]
    assert "Bidra till resultatinriktade samarbeten" in response.content.decode()


def test_search_by_twin_town_country_lists_the_town_and_its_actions_once(client):
    arvika = seed("arvika")
    _, groups = results(client, "Finland")
    group = groups[arvika.municipality.name]
    assert [t.name for t in group["twin_towns"]] == ["Ylöjärvi"]
    # 3.4 involves three twin towns; it is listed once.
    assert [a.code for a in group["actions"]] == ["3.4"]
    _, groups = results(client, "Skive vänortssamarbetet")
    assert [a.code for a in groups[arvika.municipality.name]["actions"]] == ["3.4"]


def test_anonymous_search_links_lead_to_public_pages_that_open(client):
    seed("arvika")
    response, _ = results(client, "ICLD")
    links = hrefs(response)
    assert len(links) >= 2
    for link in links:
        path = link.split("#")[0]
        assert resolve(path.split("?")[0]).namespace not in {"actions", "admin"}, link
        assert client.get(path).status_code == 200, link
    assert any("#action-" in link for link in links)


def test_members_search_links_lead_to_their_own_action_pages(client):
    arvika = seed("arvika")
    action = arvika.actions.get(code="4.1")
    client.force_login(member(Role.POLITICIAN, arvika.municipality))
    response, _ = results(client, "ICLD")
    links = hrefs(response)
    assert reverse("actions:detail", args=[action.pk]) in links
    for link in links:
        assert client.get(link.split("#")[0]).status_code == 200, link


# --- Strategies side by side -------------------------------------------------------


def strategies_section(client):
    body = client.get(reverse("dashboards:compare")).content.decode()
    return body[body.index('id="strategies-heading"') :]


def test_side_by_side_shows_tranas_plan_wide_actions(client):
    """Tranås's actions belong to no goal area: they are counted and listed as the whole
    plan's, not lost."""
    tranas = seed("tranas")
    section = strategies_section(client)
    plan_wide = tranas.actions.filter(is_archived=False).order_by("code")
    assert f"Whole plan ({plan_wide.count()})" in visible_text(section)
    first = plan_wide.first()
    assert f"{first.code} {first.title}" in visible_text(section)


def test_side_by_side_lists_each_goal_areas_actions(client):
    time = MunicipalityFactory(name="Time kommune", is_published=True)
    area = GoalAreaFactory(strategy=StrategyFactory(municipality=time), title="Ungdom")
    ActionFactory(goal_area=area, code="1.1", title="Ungdomsutveksling")
    ActionFactory(goal_area=area, code="1.2", title="Gammalt tiltak", is_archived=True)
    text = visible_text(strategies_section(client))
    assert "Ungdom (1)" in text
    assert "1.1 Ungdomsutveksling" in text
    assert "Gammalt tiltak" not in text


@pytest.mark.parametrize(
    ("seed_name", "typed", "proper"),
    [
        ("time", "älmhult", "Älmhult"),
        ("time", "LAPPTRÄSK", "Lappträsk"),
        ("tranas", "TRANÅS", "Tranås"),
        ("arvika", "ylöjärvi", "Ylöjärvi"),
        ("arvika", "YLÖJÄRVI", "Ylöjärvi"),
    ],
)
def test_search_ignores_the_case_of_letters_beyond_a_to_z(client, seed_name, typed, proper):
    """A visitor typing a Nordic name in lower or upper case finds what the properly
    cased name finds, on SQLite as on PostgreSQL."""
    seed(seed_name)

    def hits(query):
        _, groups = results(client, query)
        return {
            (name, kind, str(hit))
            for name, group in groups.items()
            for kind in ("actions", "goals", "partners", "twin_towns")
            for hit in group[kind]
        }

    expected = hits(proper)
    assert expected
    assert hits(typed) == expected
