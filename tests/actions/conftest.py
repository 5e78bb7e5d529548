"""Time kommune's plan in miniature (tests/factories.py build_time_plan): a yearly action
for the business office, an action for the schools, one user per role, and a neighbour
municipality whose data is off-limits."""

import pytest

from accounts.models import Role
from actions.models import FollowUp
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    build_time_plan,
    member,
)

from .helpers import THIS_YEAR


@pytest.fixture
def time_plan(db):
    return build_time_plan(THIS_YEAR - 2, THIS_YEAR + 1)


def build_neighbour():
    """Klepp: a municipality whose plan, action and follow-up are off-limits."""
    municipality = MunicipalityFactory(slug="klepp", name="Klepp kommune")
    strategy = StrategyFactory(
        municipality=municipality, slug="klepp-strategi", period_start=2024, period_end=2030
    )
    department = ResponsiblePartyFactory(municipality=municipality, key="kultur", name="Kultur")
    action = ActionFactory(
        goal_area=GoalAreaFactory(strategy=strategy),
        title="Klepp sitt tiltak",
        responsible=department,
    )
    follow_up = FollowUpFactory(action=action, year=THIS_YEAR, state=FollowUp.State.SUBMITTED)
    return {
        "municipality": municipality,
        "strategy": strategy,
        "action": action,
        "follow_up": follow_up,
        "department": department,
    }


@pytest.fixture
def neighbour(db):
    return build_neighbour()


def build_users(time_plan):
    """One user per role of Time kommune (two editors of different departments)."""
    m = time_plan["municipality"]
    return {
        "editor": member(Role.EDITOR, m, department=time_plan["business"], username="redaktor"),
        "editor_other_dept": member(
            Role.EDITOR, m, department=time_plan["schools"], username="skule"
        ),
        "coordinator": member(Role.COORDINATOR, m, username="koordinator"),
        "politician": member(Role.POLITICIAN, m, username="politikar"),
        "admin": member(Role.ADMIN, None, username="admin"),
    }


@pytest.fixture
def users(time_plan, neighbour):
    return build_users(time_plan)
