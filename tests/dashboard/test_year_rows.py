"""The dashboard reads every year of the strategy period at once: same figures, and the
same queries and SQL for a 20-year period as for a 2-year one."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, FollowUp
from actions.selectors import expecting_follow_up
from reporting.selectors import dashboard_figures
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

STATES = [None, FollowUp.State.DRAFT, FollowUp.State.SUBMITTED, FollowUp.State.APPROVED]


def test_every_years_owing_actions_are_those_the_due_lists_expect():
    """Per year, "expected" on the dashboard is exactly `expecting_follow_up`: one-off
    actions reported done, actions marked done, cancelled ones, with follow-ups in each
    state, over a four-year period."""
    strategy = StrategyFactory(period_start=2016, period_end=2019)
    area = GoalAreaFactory(strategy=strategy)
    combos = itertools.product(
        Action.Recurrence.values[:2],
        Action.Status.values,
        [None, (2016, FollowUp.Status.DONE), (2017, FollowUp.Status.ON_TRACK)],
        STATES,
    )
    for recurrence, status, first, state in combos:
        action = ActionFactory(goal_area=area, recurrence=recurrence, status=status)
        if first:
            FollowUpFactory(
                action=action, year=first[0], status=first[1], state=FollowUp.State.APPROVED
            )
        if state:
            FollowUpFactory(action=action, year=2018, state=state, progress=40)
    base = Action.objects.filter(strategy=strategy, is_archived=False)
    for approved_only in (False, True):
        rows = dashboard_figures(strategy, 2019, approved_only=approved_only)["year_over_year"]
        expected = {row["year"]: row["expected"] for row in rows}
        assert expected == {
            year: expecting_follow_up(base, year).count() for year in range(2016, 2020)
        }
        assert len({e for e in expected.values()}) > 1  # the years differ


def plan(period_end, slug):
    municipality = MunicipalityFactory(is_published=True)
    strategy = StrategyFactory(
        municipality=municipality, slug=slug, period_start=2016, period_end=period_end
    )
    for code in ("1", "2"):
        area = GoalAreaFactory(strategy=strategy, code=code)
        for _i in range(2):
            action = ActionFactory(goal_area=area)
            FollowUpFactory(action=action, year=2016, state=FollowUp.State.APPROVED)
    return strategy


def dashboard_sql(client, strategy):
    url = reverse("reporting:dashboard", args=[strategy.slug]) + f"?year={strategy.period_end}"
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


def test_a_20_year_strategy_costs_the_same_queries_and_sql_as_a_2_year_one(client):
    short = dashboard_sql(client, plan(2017, "plan-a"))
    long = dashboard_sql(client, plan(2035, "plan-b"))
    assert len(long) == len(short)
    # The same SQL but for a few numbers (ids, years): not one more branch per year.
    assert abs(sum(map(len, long)) - sum(map(len, short))) < 40
