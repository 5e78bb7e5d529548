"""The API tests' world: a published municipality with an adopted and a draft strategy,
an unpublished one, and follow-ups approved, submitted and demo."""

import pytest

from accounts.models import Role
from actions.models import FollowUp
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MunicipalityFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)


@pytest.fixture
def world(db):
    """A published municipality with an adopted and a draft strategy, and an unpublished
    one; follow-ups approved, submitted and demo; a coordinator who wrote them."""
    public = MunicipalityFactory(slug="hamar", name="Hamar kommune", is_published=True)
    hidden = MunicipalityFactory(slug="skjult", name="Skjult kommune")
    adopted = StrategyFactory(municipality=public, slug="hamar-2020")
    draft = StrategyFactory(municipality=public, slug="hamar-utkast", status=Strategy.Status.DRAFT)
    secret = StrategyFactory(municipality=hidden, slug="skjult-plan")
    area = GoalAreaFactory(strategy=adopted, code="1", title="Internasjonalt arbeid")
    GoalFactory(goal_area=area, code="1.1", text="Meir samarbeid")
    department = ResponsiblePartyFactory(municipality=public, key="kultur", name="Kultur")
    partner = PartnerFactory(municipality=public, key="ks", name="KS")
    twin = TwinTownFactory(municipality=public, key="fredrikshavn", name="Frederikshavn")
    action = ActionFactory(goal_area=area, code="1.1", title="Vennskapsbyveke")
    action.responsible = department
    action.save()
    action.partners.add(partner)
    action.twin_towns.add(twin)
    draft_action = ActionFactory(goal_area=GoalAreaFactory(strategy=draft), title="Utkast-tiltak")
    secret_action = ActionFactory(goal_area=GoalAreaFactory(strategy=secret), title="Hemmeleg")
    writer = member(Role.COORDINATOR, public, username="kari.nordmann", email="kari@hamar.no")
    approved = FollowUpFactory(
        action=action,
        year=2024,
        state=FollowUp.State.APPROVED,
        submitted_by=writer,
        reviewed_by=writer,
        review_comment="Godt jobba, Kari",
    )
    ExternalFundingFactory(follow_up=approved, amount=5000)
    FollowUpFactory(action=action, year=2025, state=FollowUp.State.SUBMITTED)
    FollowUpFactory(action=action, year=2023, state=FollowUp.State.APPROVED, is_demo=True)
    FollowUpFactory(action=draft_action, year=2024, state=FollowUp.State.APPROVED)
    FollowUpFactory(action=secret_action, year=2024, state=FollowUp.State.APPROVED)
    IndicatorFactory(strategy=adopted, action=action, code="I1", name="Besøk")
    IndicatorFactory(strategy=secret, code="I9", name="Hemmeleg indikator")
    PartnerFactory(municipality=hidden, key="hemmeleg", name="Hemmeleg partnar")
    TwinTownFactory(municipality=hidden, key="hemmeleg-by", name="Hemmeleg by")
    return {
        "public": public,
        "hidden": hidden,
        "adopted": adopted,
        "draft": draft,
        "action": action,
    }
