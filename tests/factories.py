"""factory_boy factories for every model, so tests state only what matters to them."""

import factory
from django.contrib.auth import get_user_model

from accounts.models import Membership, Role
from actions.models import Action, ExternalFunding, FollowUp, Indicator, Milestone
from goals.models import Goal, GoalArea, Municipality, ResponsibleParty, Strategy, StrategyPoint
from partners.models import Partner, TwinTown


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"kommune-{n}")
    name = factory.Sequence(lambda n: f"Kommune {n}")
    country = "NO"
    language = "nb"
    currency = "NOK"
    label_goal_area = "Satsingsområde"
    label_goal_area_plural = "Satsingsområder"
    label_goal = "Mål"
    label_strategy_point = "Strategi"
    label_action = "Tiltak"
    label_action_plural = "Tiltak"
    is_published = False


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    municipality = factory.SubFactory(MunicipalityFactory)
    slug = factory.Sequence(lambda n: f"strategi-{n}")
    title = factory.Sequence(lambda n: f"Internasjonal strategi {n}")
    period_start = 2024
    period_end = 2027
    status = Strategy.Status.ADOPTED


class GoalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalArea

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Satsingsområde {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    goal_area = factory.SubFactory(GoalAreaFactory)
    code = factory.Sequence(lambda n: f"G{n}")
    text = factory.Sequence(lambda n: f"Mål {n}")


class StrategyPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyPoint

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    text = factory.Sequence(lambda n: f"Strategi {n}")


class ResponsiblePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibleParty

    municipality = factory.SubFactory(MunicipalityFactory)
    key = factory.Sequence(lambda n: f"avdeling-{n}")
    name = factory.Sequence(lambda n: f"Avdeling {n}")
    kind = ResponsibleParty.Kind.DEPARTMENT


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    municipality = factory.SubFactory(MunicipalityFactory)
    key = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.ORGANISATION


class TwinTownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TwinTown

    municipality = factory.SubFactory(MunicipalityFactory)
    key = factory.Sequence(lambda n: f"twin-{n}")
    name = factory.Sequence(lambda n: f"Vennskapsby {n}")
    country = "Sverige"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    goal_area = factory.SubFactory(GoalAreaFactory)
    strategy = factory.SelfAttribute("goal_area.strategy")
    code = factory.Sequence(lambda n: f"A{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Tiltak {n}")
    recurrence = Action.Recurrence.ONE_OFF


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Milepæl {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    action = factory.SubFactory(ActionFactory)
    year = 2025
    currency = factory.LazyAttribute(lambda o: o.action.strategy.municipality.currency)


class ExternalFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalFunding

    follow_up = factory.SubFactory(FollowUpFactory)
    source = ExternalFunding.Source.KS
    amount = 10000
    currency = "NOK"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.EDITOR


def member(role, municipality=None, department=None, **user_kwargs):
    """A signed-in-able user with a role in a municipality (admins need none)."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, municipality=municipality, role=role, department=department)
    return user


# What tests/conftest.py `_test_settings` sets for each test and a build may depend on
# (the import's change reason is translated; demo users' passwords are hashed).
MODULE_ROWS_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "LANGUAGE_CODE": "en",
    "LANGUAGE_FROM_MUNICIPALITY": False,
}


def rows_for_module(django_db_blocker, media_root, build):
    """Rows made once for all the tests of a module that only read them (a seed plan
    imported from its file), as Django's TestCase.setUpTestData makes them per class.

    A generator for a module-scoped fixture: `build()` runs inside a transaction with
    the tests' settings, its result is yielded, and the transaction is rolled back after
    the module's last test. Each test runs in a savepoint inside it (pytest-django's
    `db`), so what a test writes is still undone before the next one. Yield something
    plain (a primary key) and read the rows afresh in each test, so no test sees another
    test's changes to a shared Python object. Only for modules whose tests all use `db`:
    a `transactional_db` test empties the tables, and could not inside the transaction.
    """
    from django.db import transaction
    from django.test import override_settings
    from django.utils import translation

    from strategy_portal.celery import app

    eager = app.conf.task_always_eager
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            app.conf.task_always_eager = True
            with (
                override_settings(MEDIA_ROOT=media_root, **MODULE_ROWS_SETTINGS),
                translation.override(MODULE_ROWS_SETTINGS["LANGUAGE_CODE"]),
            ):
                made = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
        finally:
            app.conf.task_always_eager = eager
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_time_plan(first_year, last_year, *, day_title=None, schools_name="Oppvekst skule"):
    """Time kommune's plan in miniature, the one `time_plan` of the action, follow-up,
    collaboration and reminder tests: a yearly international day for the business office
    (with a goal, a partner, a twin town, a milestone and an indicator) and a pupil
    exchange for the schools, in a plan running `first_year`..`last_year`."""
    from actions.models import Action

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
        period_start=first_year,
        period_end=last_year,
    )
    area = GoalAreaFactory(strategy=strategy, code="1", title="Internasjonalt perspektiv")
    goal = GoalFactory(goal_area=area, text="Auka internasjonal forståing")
    business = ResponsiblePartyFactory(
        municipality=municipality, key="naering", name="Næringsavdelinga"
    )
    schools = ResponsiblePartyFactory(municipality=municipality, key="skule", name=schools_name)
    partner = PartnerFactory(municipality=municipality, key="ks", name="KS")
    twin = TwinTownFactory(municipality=municipality, key="almhult", name="Älmhult")
    day = ActionFactory(
        goal_area=area,
        code="1.1",
        title=day_title or INTERNATIONAL_DAY,
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


INTERNATIONAL_DAY = "Arrangera årleg open internasjonal dag på Bryne kompetansesenter"
