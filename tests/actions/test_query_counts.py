"""Every page costs the same number of queries with 3 or 30 actions (and follow-ups,
funding rows, milestones, indicators, partners and history entries)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, FollowUp, IndicatorValue
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    IndicatorFactory,
    MilestoneFactory,
    PartnerFactory,
)

from .helpers import THIS_YEAR

STATES = ["draft", "submitted", "approved", "returned"]


def _grow(time_plan, n):
    """Add n actions with follow-ups, and n more of everything on the yearly action."""
    area, business = time_plan["area"], time_plan["business"]
    past = timezone.localdate() - datetime.timedelta(days=1)
    for i in range(n):
        action = ActionFactory(
            goal_area=area,
            responsible=business,
            recurrence=Action.Recurrence.YEARLY,
            planned_end=past if i % 2 else None,
        )
        action.partners.add(time_plan["partner"])
        action.twin_towns.add(time_plan["twin"])
        follow_up = FollowUpFactory(
            action=action, year=THIS_YEAR, state=STATES[i % 4], status="delayed"
        )
        ExternalFundingFactory(follow_up=follow_up)
    day = time_plan["day"]
    follow_up = FollowUp.objects.get_or_create(action=day, year=THIS_YEAR, currency="NOK")[0]
    for i in range(n):
        milestone = MilestoneFactory(action=day)
        follow_up.milestones_reached.add(milestone)
        indicator = IndicatorFactory(strategy=day.strategy, action=day)
        IndicatorValue.objects.create(indicator=indicator, year=THIS_YEAR, value=i)
        ExternalFundingFactory(follow_up=follow_up)
        day.partners.add(PartnerFactory(municipality=day.strategy.municipality))
        day.title = f"Internasjonal dag, versjon {i}"
        day.version += 1
        day.save()
        follow_up.hours = i
        follow_up.save()
    return follow_up


def _urls(time_plan, follow_up):
    plan = reverse("actions:plan", args=[time_plan["strategy"].slug])
    day = time_plan["day"]
    return {
        "plan": (plan, {}),
        "plan_htmx": (plan, {"HTTP_HX_REQUEST": "true"}),
        "plan_csv": (plan + "?format=csv", {}),
        # A dashboard figure of last year: the follow-up column shows that year.
        "plan_drilldown": (
            plan + f"?follow_up_year={THIS_YEAR - 1}&follow_up_status=due&goal_area=",
            {},
        ),
        "detail": (reverse("actions:detail", args=[day.pk]), {}),
        "edit": (reverse("actions:edit", args=[day.pk]), {}),
        "follow_up": (reverse("actions:follow_up", args=[follow_up.pk]), {}),
        "follow_up_edit": (reverse("actions:follow_up_edit", args=[follow_up.pk]), {}),
        "follow_up_new": (
            reverse("actions:follow_up_new", args=[day.pk]) + f"?year={THIS_YEAR - 1}",
            {},
        ),
        "my_work": (reverse("actions:my_work"), {}),
    }


def _count(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page",
    [
        "plan",
        "plan_htmx",
        "plan_csv",
        "plan_drilldown",
        "detail",
        "edit",
        "follow_up",
        "follow_up_edit",
        "follow_up_new",
        "my_work",
    ],
)
@pytest.mark.parametrize("role", ["coordinator", "editor"])
def test_query_count_does_not_grow_with_data(client, time_plan, users, page, role):
    client.force_login(users[role])
    follow_up = _grow(time_plan, 3)
    url, headers = _urls(time_plan, follow_up)[page]
    small = _count(client, url, headers)
    _grow(time_plan, 27)
    large = _count(client, url, headers)
    assert large == small
    # The action's page also reads its comments' history (issue 15): one query more.
    assert small <= (31 if page == "detail" else 30)
