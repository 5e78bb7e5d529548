"""Time kommune's plan in miniature: a yearly action for the business office, an action
for the schools, one user per role, and a neighbour municipality whose data is off-limits."""

import pytest

from accounts.models import Role
from actions.models import Action, FollowUp
from tests.factories import (
    ActionFactory,
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

from .helpers import INTERNATIONAL_DAY, THIS_YEAR


@pytest.fixture
def time_plan(db):
    municipality = MunicipalityFactory(
        slug="time",
        name="Time kommune",
        language="nn",
        currency="NOK",
        label_goal_area="Satsingsområde",
        label_action="Tiltak",
    )
    strategy = StrategyFactory(
        municipality=municipality,
        slug="time-internasjonal",
        period_start=THIS_YEAR - 2,
        period_end=THIS_YEAR + 1,
    )
    area = GoalAreaFactory(strategy=strategy, code="1", title="Internasjonalt perspektiv")
    goal = GoalFactory(goal_area=area, text="Auka internasjonal forståing")
    business = ResponsiblePartyFactory(
        municipality=municipality, key="naering", name="Næringsavdelinga"
    )
    schools = ResponsiblePartyFactory(municipality=municipality, key="skule", name="Oppvekst skule")
    partner = PartnerFactory(municipality=municipality, key="ks", name="KS")
    twin = TwinTownFactory(municipality=municipality, key="almhult", name="Älmhult")
    day = ActionFactory(
        goal_area=area,
        code="1.1",
        title=INTERNATIONAL_DAY,
        recurrence=Action.Recurrence.YEARLY,
        responsible=business,
    )
    day.goals.add(goal)
    day.partners.add(partner)
    day.twin_towns.add(twin)
    milestone = MilestoneFactory(action=day, title="Program klart")
    indicator = IndicatorFactory(strategy=strategy, action=day, name="Besøkande", unit="personar")
    school_action = ActionFactory(
        goal_area=area, code="1.2", title="Elevutveksling med Älmhult", responsible=schools
    )
    return {
        "municipality": municipality,
        "strategy": strategy,
        "area": area,
        "goal": goal,
        "business": business,
        "schools": schools,
        "partner": partner,
        "twin": twin,
        "day": day,
        "milestone": milestone,
        "indicator": indicator,
        "school_action": school_action,
    }


@pytest.fixture
def neighbour(db):
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
def users(time_plan, neighbour):
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
