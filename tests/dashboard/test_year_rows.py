"""The dashboard reads every year of the strategy period at once: same figures, and the
same queries and SQL for a 20-year period as for a 2-year one."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action, FollowUp
from actions.rules import counted_states, expecting_follow_up, reported_states
from dashboards.selectors import MISSING, STATUS_KEYS, dashboard_figures
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

STATES = [None, FollowUp.State.DRAFT, FollowUp.State.SUBMITTED, FollowUp.State.APPROVED]


def year_figures_by_rule(strategy, year, approved_only):
    """A year's figures action by action, from the queryset rules: the actions owing a
    follow-up (`expecting_follow_up`) plus those with a counted follow-up."""
    base = Action.objects.filter(strategy=strategy, is_archived=False)
    owing = set(expecting_follow_up(base, year).values_list("pk", flat=True))
    counted = {
        f.action_id: f
        for f in FollowUp.objects.filter(
            action__in=base, year=year, state__in=counted_states(approved_only)
        )
    }
    included = [a for a in base if a.pk in owing or a.pk in counted]
    currency = strategy.municipality.currency
    by_status = dict.fromkeys(STATUS_KEYS, 0)
    for action in included:
        by_status[counted[action.pk].status if action.pk in counted else MISSING] += 1
    owing_counted = [f for pk, f in counted.items() if pk in owing]
    return {
        "actions": len(included),
        "expected": len(owing),
        "reported": sum(f.state in reported_states(approved_only) for f in owing_counted),
        "progress_sum": sum(f.progress for f in owing_counted),
        "by_status": by_status,
        "hours_spent": sum(f.hours for f in counted.values()),
        "money_spent": sum(f.money_spent for f in counted.values() if f.currency == currency),
        "money_other_currency": sum(
            f.money_spent > 0 and f.currency != currency for f in counted.values()
        ),
        "estimated_hours": sum(a.estimated_hours or 0 for a in included),
        "estimated_cost": sum(
            a.cost_amount or 0 for a in included if a.cost_currency in (currency, "")
        ),
    }


def test_every_years_figures_are_those_of_the_due_lists_rule_action_by_action():
    """Per year and for the public and members alike, the dashboard counts exactly the
    actions `expecting_follow_up` expects plus those with a counted follow-up: one-off
    actions reported done (in that very year, or before), actions marked done with a
    draft or no follow-up, cancelled ones reporting their cancellation, with follow-ups
    in each state and estimates in more than one currency, over a four-year period."""
    strategy = StrategyFactory(period_start=2016, period_end=2019)
    area = GoalAreaFactory(strategy=strategy)
    department = ResponsiblePartyFactory(municipality=strategy.municipality)
    combos = itertools.product(
        Action.Recurrence.values[:2],
        Action.Status.values,
        [None, (2016, FollowUp.Status.DONE), (2017, FollowUp.Status.ON_TRACK)],
        STATES,
    )
    for i, (recurrence, status, first, state) in enumerate(combos):
        action = ActionFactory(
            strategy=strategy,
            goal_area=area if i % 3 else None,
            responsible=department if i % 2 else None,
            recurrence=recurrence,
            status=status,
            estimated_hours=Decimal(i % 4 * 5) or None,
            cost_amount=Decimal(i * 100) if i % 5 else None,
            cost_currency="EUR" if i % 7 == 1 else "NOK",
        )
        if first:
            FollowUpFactory(
                action=action,
                year=first[0],
                status=first[1],
                state=FollowUp.State.APPROVED,
                hours=Decimal(i % 3),
            )
        if state:
            FollowUpFactory(
                action=action,
                year=2018,
                state=state,
                status=FollowUp.Status.values[i % 5],
                progress=40 + i % 7,
                hours=Decimal("1.5"),
                money_spent=Decimal(i),
                currency="SEK" if i % 4 == 1 else "NOK",
            )
    base = Action.objects.filter(strategy=strategy, is_archived=False)
    for approved_only in (False, True):
        rows = dashboard_figures(strategy, 2019, approved_only=approved_only)["year_over_year"]
        shown = {row["year"]: row for row in rows}
        for year in range(2016, 2020):
            rule = year_figures_by_rule(strategy, year, approved_only)
            assert {key: shown[year][key] for key in rule} == rule, (year, approved_only)
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
    url = reverse("dashboards:dashboard", args=[strategy.slug]) + f"?year={strategy.period_end}"
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
