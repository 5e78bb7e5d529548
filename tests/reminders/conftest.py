"""Time kommune in miniature for the yearly reminder (tests/factories.py build_time_plan):
two departments with one action each, one editor per department, a coordinator, and Klepp
next door with its own editor."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    build_time_plan,
    member,
)

THIS_YEAR = timezone.localdate().year
REMINDER_DAY = datetime.date(THIS_YEAR, 11, 15)


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMINDER_DATE = "11-15"
    settings.SITE_URL = "https://strategi.example.no"


@pytest.fixture
def time_plan(db):
    plan = build_time_plan(
        THIS_YEAR - 1, THIS_YEAR + 2, day_title="Årleg internasjonal dag", schools_name="Oppvekst"
    )
    municipality, business, schools = plan["municipality"], plan["business"], plan["schools"]
    return {
        **plan,
        "exchange": plan["school_action"],
        "editor": member(Role.EDITOR, municipality, department=business, username="naering"),
        "school_editor": member(Role.EDITOR, municipality, department=schools, username="skule"),
        "coordinator": member(Role.COORDINATOR, municipality, username="koordinator"),
        "politician": member(Role.POLITICIAN, municipality, username="politikar"),
    }


@pytest.fixture
def klepp(db):
    municipality = MunicipalityFactory(slug="klepp", name="Klepp kommune", language="nb")
    strategy = StrategyFactory(
        municipality=municipality, slug="klepp", period_start=THIS_YEAR - 1, period_end=None
    )
    culture = ResponsiblePartyFactory(municipality=municipality, key="kultur", name="Kultur")
    action = ActionFactory(
        goal_area=GoalAreaFactory(strategy=strategy),
        code="K1",
        title="Klepp sitt kulturtiltak",
        responsible=culture,
    )
    return {
        "municipality": municipality,
        "strategy": strategy,
        "culture": culture,
        "action": action,
        "editor": member(Role.EDITOR, municipality, department=culture, username="klepp-kultur"),
        "coordinator": member(Role.COORDINATOR, municipality, username="klepp-koordinator"),
    }
