import pytest

from accounts.models import Role
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    PartnerFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)


@pytest.fixture
def time_kommune(db):
    municipality = MunicipalityFactory(slug="time", name="Time kommune", language="nn")
    strategy = StrategyFactory(municipality=municipality, slug="time-2016")
    area = GoalAreaFactory(
        strategy=strategy, title="Internasjonalt perspektiv i samfunnsutviklinga"
    )
    ks = PartnerFactory(
        municipality=municipality, key="ks", name="KS", cooperation="Samarbeid om EØS-prosjekt"
    )
    almhult = TwinTownFactory(
        municipality=municipality, key="almhult", name="Älmhult", country="Sverige", since=1979
    )
    action = ActionFactory(goal_area=area, title="Nytta KS sine internasjonale nettverk")
    action.partners.add(ks)
    action.twin_towns.add(almhult)
    return municipality


@pytest.fixture
def other_kommune(db):
    municipality = MunicipalityFactory(slug="arvika", name="Arvika kommun", country="SE")
    PartnerFactory(municipality=municipality, key="arko", name="ARKO")
    TwinTownFactory(municipality=municipality, key="skive", name="Skive", country="Danmark")
    return municipality


@pytest.fixture
def users(time_kommune, other_kommune):
    return {
        "coordinator": member(Role.COORDINATOR, time_kommune, username="koordinator"),
        "editor": member(Role.EDITOR, time_kommune, username="redaktor"),
        "politician": member(Role.POLITICIAN, time_kommune, username="politikar"),
        "admin": member(Role.ADMIN, None, username="administrator"),
        "other_coordinator": member(Role.COORDINATOR, other_kommune, username="samordnare"),
    }
