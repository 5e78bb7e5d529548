"""The page per framework item ("What do we do for SDG 11?"), the chips and the dashboard's
Agenda 2030 section: visibility from outside, and constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from frameworks.models import FrameworkItem
from frameworks.services import set_links
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    GoalFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def url(municipality, code="11"):
    return reverse("frameworks:item", args=[municipality.slug, "sdg", code])


def linked_plan(n_actions=1, published=True, status=Strategy.Status.ADOPTED):
    municipality = MunicipalityFactory(is_published=published)
    strategy = StrategyFactory(municipality=municipality, status=status)
    area = GoalAreaFactory(strategy=strategy)
    goal = GoalFactory(goal_area=area, text="Levende byer")
    set_links(goal, [sdg("11")])
    for n in range(n_actions):
        action = ActionFactory(goal_area=area, title=f"Byvandring {n}", status="in_progress")
        set_links(action, [sdg("11"), sdg("17")])
    return strategy


def test_the_item_page_lists_the_linked_goals_and_actions_with_status(client):
    strategy = linked_plan()
    response = client.get(url(strategy.municipality))
    text = response.content.decode()
    assert response.status_code == 200
    assert "SDG 11" in text
    assert "Levende byer" in text
    assert "Byvandring 0" in text
    assert "Pågår" in text or "In progress" in text
    assert "#FD9D24" in text


def test_an_unpublished_municipality_is_a_404_for_anonymous_and_for_another_municipality(
    client,
):
    strategy = linked_plan(published=False)
    assert client.get(url(strategy.municipality)).status_code == 404
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory()))
    assert client.get(url(strategy.municipality)).status_code == 404
    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    assert "Byvandring 0" in client.get(url(strategy.municipality)).content.decode()


def test_a_draft_strategys_links_are_for_members_only(client):
    strategy = linked_plan(status=Strategy.Status.DRAFT)
    text = client.get(url(strategy.municipality)).content.decode()
    assert "Byvandring 0" not in text
    assert "Levende byer" not in text
    client.force_login(member(Role.EDITOR, strategy.municipality))
    assert "Byvandring 0" in client.get(url(strategy.municipality)).content.decode()


def test_another_municipalitys_links_never_show_on_ours(client):
    ours = linked_plan(n_actions=0)
    linked_plan()  # a neighbour's action linked to SDG 11
    text = client.get(url(ours.municipality)).content.decode()
    assert "Byvandring" not in text


def test_an_unknown_item_is_a_404(client):
    strategy = linked_plan()
    assert client.get(url(strategy.municipality, code="18")).status_code == 404
    bad = reverse("frameworks:item", args=[strategy.municipality.slug, "nope", "1"])
    assert client.get(bad).status_code == 404


def test_chips_on_the_action_page_and_the_strategy_page_name_the_goal_in_text(client):
    strategy = linked_plan()
    action = strategy.actions.get()
    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    for page in (
        reverse("actions:detail", args=[action.pk]),
        reverse("goals:strategy", args=[strategy.slug]),
    ):
        text = client.get(page).content.decode()
        assert url(strategy.municipality) in text
        assert "SDG 11 Bærekraftige byer og lokalsamfunn" in text or "SDG 11 Sustainable" in text
        assert "border-left: .6rem solid #FD9D24" in text


def test_the_dashboard_and_public_page_count_the_actions_per_sdg(client):
    strategy = linked_plan(n_actions=2)
    for page in (
        reverse("dashboards:dashboard", args=[strategy.slug]),
        reverse("dashboards:public", args=[strategy.municipality.slug]),
    ):
        text = client.get(page).content.decode()
        assert 'id="agenda-2030"' in text
        assert url(strategy.municipality, "11") in text
        assert "SDG 17" in text


def test_no_agenda_2030_section_when_nothing_is_linked(client):
    strategy = StrategyFactory(municipality=MunicipalityFactory(is_published=True))
    text = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    assert 'id="agenda-2030"' not in text


def count(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


def test_pages_cost_the_same_queries_at_two_sizes(client):
    small, large = linked_plan(n_actions=1), linked_plan(n_actions=8)
    for strategy in (small, large):
        GoalFactory(goal_area=strategy.goal_areas.get())
        set_links(strategy.goal_areas.get().goals.last(), [sdg("4"), sdg("11")])
    for page in (
        lambda s: url(s.municipality),
        lambda s: reverse("goals:strategy", args=[s.slug]),
        lambda s: reverse("dashboards:dashboard", args=[s.slug]),
    ):
        assert count(client, page(small)) == count(client, page(large))


def test_the_public_plan_shows_the_chips_of_goals_and_actions(client):
    strategy = linked_plan()
    text = client.get(reverse("dashboards:public", args=[strategy.municipality.slug])).content
    text = text.decode()
    # The summary (with its year), the goal and the action.
    assert text.count(f'href="{url(strategy.municipality, "11")}') >= 3
    assert url(strategy.municipality, "17") in text


def test_the_public_page_costs_the_same_queries_at_two_sizes(client):
    small, large = linked_plan(n_actions=1), linked_plan(n_actions=6)
    assert count(client, reverse("dashboards:public", args=[small.municipality.slug])) == count(
        client, reverse("dashboards:public", args=[large.municipality.slug])
    )
