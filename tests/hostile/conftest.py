"""A small municipality to attack: one strategy with an action, a follow-up with funding,
an indicator and a milestone, a partner and a twin town, and users of each role."""

import os
import urllib.parse

import pytest
from django.apps import apps
from django.utils import timezone

from accounts.models import Role
from actions.models import Action, FollowUp
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MilestoneFactory,
    MunicipalityFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)


def pytest_configure(config):
    """The quick loop (`make test-fast`, whose marker expression leaves out slow tests)
    runs a quarter of each fuzz test's examples (strategies.examples); `make test` and CI
    run them all. Set here, before the test modules build their settings."""
    if "not slow" in (config.getoption("markexpr") or ""):
        os.environ["FUZZ_QUICK"] = "1"


THIS_YEAR = timezone.localdate().year
# Rows these tables gain on any request (sign-ins, sessions, lockout bookkeeping) are not
# writes of the form under test.
UNWATCHED_APPS = {"contenttypes", "sessions", "axes"}
UNWATCHED_MODELS = {"auth.Permission"}


def row_counts():
    """Rows in every table of the project (history tables included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in UNWATCHED_APPS and model._meta.label not in UNWATCHED_MODELS
    }


def changed(before, after):
    return {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }


def post_form(client, url, data, **extra):
    """POST as a browser does (urlencoded), whatever the keys and values hold."""
    body = urllib.parse.urlencode(data, doseq=True)
    return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra)


@pytest.fixture
def plan(db):
    municipality = MunicipalityFactory(slug="time", name="Time kommune", currency="NOK")
    strategy = StrategyFactory(
        municipality=municipality,
        slug="time-strategi",
        period_start=THIS_YEAR - 2,
        period_end=THIS_YEAR + 1,
    )
    area = GoalAreaFactory(strategy=strategy, code="1")
    goal = GoalFactory(goal_area=area)
    department = ResponsiblePartyFactory(municipality=municipality, key="naering")
    partner = PartnerFactory(municipality=municipality, key="ks", name="KS")
    twin_town = TwinTownFactory(municipality=municipality, key="almhult", name="Älmhult")
    action = ActionFactory(
        goal_area=area,
        code="1.1",
        title="Internasjonal dag",
        recurrence=Action.Recurrence.YEARLY,
        responsible=department,
    )
    action.goals.add(goal)
    milestone = MilestoneFactory(action=action)
    indicator = IndicatorFactory(strategy=strategy, action=action, name="Besøkande")
    follow_up = FollowUpFactory(action=action, year=THIS_YEAR - 1, state=FollowUp.State.DRAFT)
    funding = ExternalFundingFactory(follow_up=follow_up)
    return {
        "municipality": municipality,
        "strategy": strategy,
        "area": area,
        "goal": goal,
        "department": department,
        "partner": partner,
        "twin_town": twin_town,
        "action": action,
        "milestone": milestone,
        "indicator": indicator,
        "follow_up": follow_up,
        "funding": funding,
        "coordinator": member(Role.COORDINATOR, municipality, username="koordinator"),
        "editor": member(Role.EDITOR, municipality, department=department, username="redaktor"),
    }


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="root", is_staff=True, is_superuser=True)


def attempt(client, url, data, *, success=(302,), **extra):
    """POST hostile data; never a server error, and a refusal writes nothing.

    Returns the response and whether the request counted as a success (a status in
    `success`), for tests that check what a success wrote.
    """
    before = row_counts()
    response = post_form(client, url, data, **extra)
    assert response.status_code < 500
    succeeded = response.status_code in success
    if not succeeded:
        assert changed(before, row_counts()) == {}, f"refused ({response.status_code}) but wrote"
    return response, succeeded
