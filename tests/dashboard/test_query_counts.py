"""Dashboard, public page and compare page cost the same queries at two data sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import FollowUp
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    TwinTownFactory,
)

pytestmark = pytest.mark.django_db


def build(n_areas, n_actions_per_area, n_municipalities=1):
    strategies = []
    for _m in range(n_municipalities):
        municipality = MunicipalityFactory(is_published=True)
        strategy = StrategyFactory(municipality=municipality, period_start=2016, period_end=2019)
        department = ResponsiblePartyFactory(municipality=municipality)
        town = TwinTownFactory(municipality=municipality)
        for _a in range(n_areas):
            area = GoalAreaFactory(strategy=strategy)
            for _i in range(n_actions_per_area):
                action = ActionFactory(
                    goal_area=area, responsible=department, description="youth exchange"
                )
                action.twin_towns.add(town)
                for year in (2016, 2017, 2018):
                    fu = FollowUpFactory(
                        action=action,
                        year=year,
                        state=FollowUp.State.APPROVED,
                        progress=50,
                        hours=3,
                    )
                    ExternalFundingFactory(follow_up=fu)
        strategies.append(strategy)
    return strategies


def count(client, url):
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda s: reverse("dashboards:dashboard", args=[s.slug]) + "?year=2018",
        lambda s: reverse("dashboards:public", args=[s.municipality.slug]) + "?year=2018",
    ],
    ids=["dashboard", "public"],
)
def test_page_queries_do_not_grow_with_data(client, page):
    small = build(1, 1)[0]
    large = build(4, 6)[0]
    assert count(client, page(small)) == count(client, page(large))


def plan_wide_actions(strategies, n):
    for strategy in strategies:
        for _i in range(n):
            ActionFactory(strategy=strategy, goal_area=None, description="youth exchange")


@pytest.mark.parametrize("query", ["", "youth", "Partner youth"], ids=["none", "action", "mixed"])
def test_compare_page_queries_do_not_grow_with_data(client, query):
    """Strategies side by side (goal areas, their actions, plan-wide actions) and the
    search (actions by their texts, partners and twin towns) at two data sizes."""
    plan_wide_actions(build(1, 1, n_municipalities=1), 1)
    url = reverse("dashboards:compare") + f"?q={query}"
    few = count(client, url)
    strategies = build(3, 3, n_municipalities=4)
    plan_wide_actions(strategies, 3)
    for strategy in strategies:
        partner = PartnerFactory(municipality=strategy.municipality, name="Partner youth")
        for action in strategy.actions.all():
            action.partners.add(partner)
    assert count(client, url) == few


def test_dashboard_query_budget(client, django_assert_max_num_queries):
    strategy = build(2, 2)[0]
    # The strategy, the figures (plan goals and twin-town agreements among them) and the
    # Agenda 2030 section's two.
    with django_assert_max_num_queries(15):
        client.get(reverse("dashboards:dashboard", args=[strategy.slug]) + "?year=2018")


def test_a_members_warm_dashboard_reads_only_who_they_are_and_the_strategy(client):
    """Warm, a member's dashboard reads the user with their membership (one query), the
    strategy for the permission check and the unread-notice count; the figures, the
    Agenda 2030 section and the milestone timeline come from the cache."""
    from accounts.models import Role
    from tests.factories import member

    strategy = build(2, 2)[0]
    client.force_login(member(Role.EDITOR, strategy.municipality, username="redaktor"))
    url = reverse("dashboards:dashboard", args=[strategy.slug]) + "?year=2018"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    assert 'id="timeline"' in body  # the member's timeline is on the page
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in ctx.captured_queries]
    assert sorted(tables) == ['"auth_user"', '"collaboration_notification"', '"goals_strategy"']


def test_a_visitors_warm_public_page_reads_the_municipality_and_its_strategies(client):
    """Warm, the public page reads the municipality (for its language, then the page) and
    its strategies in one query (the one shown and the others listed); figures, the
    Agenda 2030 section and the plan come from the cache."""
    strategy = build(2, 2)[0]
    StrategyFactory(municipality=strategy.municipality, period_start=2008, period_end=2015)
    url = reverse("dashboards:public", args=[strategy.municipality.slug]) + "?year=2018"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    assert strategy.title in body
    tables = [query["sql"].split(" FROM ", 1)[1].split()[0] for query in ctx.captured_queries]
    assert tables.count('"goals_strategy"') == 1
    assert len(tables) <= 3, tables
