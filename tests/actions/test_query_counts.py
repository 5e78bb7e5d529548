"""Every page costs the same number of queries with 3 or 30 actions (and follow-ups,
funding rows, milestones, indicators, partners and history entries).

The plan is grown once for the module, not once per page and role: every page is read
with 3 actions, the plan grows to 30, and every page is read again (`query_counts`,
rows_for_module). Each read starts as a test does: an empty cache and a fresh sign-in.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
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
    build_time_plan,
    rows_for_module,
)

from .conftest import build_neighbour, build_users
from .helpers import THIS_YEAR

# The database is made for the module's measurement (pytest-django sets up a test database
# only for a session with tests that ask for one).
pytestmark = pytest.mark.django_db

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


PAGES = [
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
]
ROLES = ["coordinator", "editor"]


def _count(user, url, headers):
    """(status, queries) of one page read with an empty cache, freshly signed in."""
    cache.clear()
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response.status_code, len(queries)


def _read_every_page(users, urls):
    return {(role, page): _count(users[role], *urls[page]) for role in ROLES for page in PAGES}


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(role, page): ((status, queries) with 3 actions, (status, queries) with 30)}."""

    def measure():
        time_plan = build_time_plan(THIS_YEAR - 2, THIS_YEAR + 1)
        build_neighbour()
        users = build_users(time_plan)
        follow_up = _grow(time_plan, 3)
        urls = _urls(time_plan, follow_up)
        # As tests/conftest.py sets for each test: sign-in without django-axes' request.
        with override_settings(AUTHENTICATION_BACKENDS=["accounts.backends.MemberBackend"]):
            small = _read_every_page(users, urls)
            _grow(time_plan, 27)
            large = _read_every_page(users, urls)
        return {key: (small[key], large[key]) for key in small}

    yield from rows_for_module(django_db_blocker, tmp_path_factory.mktemp("media"), measure)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_query_count_does_not_grow_with_data(query_counts, page, role):
    (small_status, small), (large_status, large) = query_counts[role, page]
    assert small_status == large_status == 200
    assert large == small
    # The action's page also reads its comments' history (issue 15): one query more.
    assert small <= (31 if page == "detail" else 30)
