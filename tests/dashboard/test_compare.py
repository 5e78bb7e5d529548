"""Comparing municipalities: strategies side by side and a search across them."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

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
    response = client.get(reverse("reporting:compare"), {"q": "youth exchange"})
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
    response = client.get(reverse("reporting:compare"), {"q": "ICLD"})
    body = response.content.decode()
    assert "ICLD-partnarskap" in body
    assert "Hemmeleg" not in body and "ICLD hemmeleg" not in body


def test_compare_lists_visible_strategies_with_goal_areas_and_action_counts(client):
    published = MunicipalityFactory(name="Time kommune", is_published=True)
    hidden = MunicipalityFactory(name="Skjult kommune", is_published=False)
    action_in(published, "Tiltak 1")
    action_in(hidden, "Tiltak 2")
    body = client.get(reverse("reporting:compare")).content.decode()
    assert "Time kommune" in body and "Ungdom (1)" in body
    assert "Skjult kommune" not in body
