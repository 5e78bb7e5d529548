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
