"""Report test data: a strategy with goal areas, actions and follow-ups in every state."""

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from accounts.models import Role
from actions.models import FollowUp
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
    StrategyFactory,
    TwinTownFactory,
    member,
)

YEAR = 2025


def build_strategy(actions_per_area=2, areas=2, language="en"):
    """A strategy whose first action per area has an approved follow-up, the next a draft."""
    municipality = MunicipalityFactory(language=language)
    strategy = StrategyFactory(
        municipality=municipality, adopted_by="Kommunestyret", decision_reference="PS 12/24"
    )
    partner = PartnerFactory(municipality=municipality, name="Europakontoret")
    town = TwinTownFactory(municipality=municipality, name="Alnwick", country="England")
    for a in range(areas):
        area = GoalAreaFactory(strategy=strategy, title=f"Område {a}")
        goal = GoalFactory(goal_area=area, text=f"Mål for område {a}")
        IndicatorFactory(strategy=strategy, goal_area=area, name=f"Indikator {a}", target=10)
        for i in range(actions_per_area):
            action = ActionFactory(goal_area=area, title=f"Tiltak {a}-{i}", estimated_hours=40)
            action.goals.add(goal)
            action.partners.add(partner)
            action.twin_towns.add(town)
            MilestoneFactory(action=action, title=f"Milepæl {a}-{i}")
            state = FollowUp.State.APPROVED if i % 2 == 0 else FollowUp.State.DRAFT
            follow_up = FollowUpFactory(
                action=action,
                year=YEAR,
                state=state,
                status=FollowUp.Status.ON_TRACK,
                progress=50,
                what_was_done=f"Gjort i tiltak {a}-{i}",
                hours=Decimal("12.5"),
                money_spent=Decimal("1000"),
                other_resources="Lokaler",
                contribution_to_goals=f"Bidrag {a}-{i}",
            )
            ExternalFundingFactory(follow_up=follow_up, amount=5000, source_detail="Interreg")
    return strategy


def pdf_text(pdf_bytes):
    """All text of a PDF, whitespace and end-of-line hyphenation normalised."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return normalise(text), len(reader.pages)


def normalise(text):
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # hyphenated line breaks
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def strategy(db):
    return build_strategy()


def users_for(strategy):
    """One user per role in the strategy's municipality, and a coordinator elsewhere."""
    municipality = strategy.municipality
    return {
        "admin": member(Role.ADMIN, None),
        "coordinator": member(Role.COORDINATOR, municipality),
        "politician": member(Role.POLITICIAN, municipality),
        "editor": member(Role.EDITOR, municipality),
        "outsider": member(Role.COORDINATOR, MunicipalityFactory()),
    }


@pytest.fixture
def users(strategy):
    return users_for(strategy)
