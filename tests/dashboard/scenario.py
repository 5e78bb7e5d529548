"""A Time-like strategy (2016–2019, three goal areas) with follow-ups whose figures are
worked out by hand in the tests. Year under test: 2018, today 1 October 2018."""

from datetime import date
from decimal import Decimal

from actions.models import Action, ExternalFunding, FollowUp
from partners.models import TwinTownStatus
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    TwinTownFactory,
)

TODAY = date(2018, 10, 1)
APPROVED = FollowUp.State.APPROVED


def build_time_like(published=True, slug="time"):
    time = MunicipalityFactory(
        slug=slug, name=f"{slug.title()} kommune", language="nn", is_published=published
    )
    strategy = StrategyFactory(
        municipality=time, slug=f"{slug}-internasjonal", period_start=2016, period_end=2019
    )
    area1 = GoalAreaFactory(strategy=strategy, code="1", order=1, title="Næringsutvikling")
    area2 = GoalAreaFactory(strategy=strategy, code="2", order=2, title="Kunnskap og kompetanse")
    area3 = GoalAreaFactory(
        strategy=strategy, code="3", order=3, title="Kultur og frivillig sektor"
    )
    GoalFactory(goal_area=area1, text="Auka eksport og internasjonal handel")
    d1 = ResponsiblePartyFactory(municipality=time, name="Rådmann", order=1)
    d2 = ResponsiblePartyFactory(municipality=time, name="Kultursjef", order=2)

    def action(area, dept, code, **kwargs):
        return ActionFactory(
            strategy=strategy,
            goal_area=area,
            responsible=dept,
            code=code,
            title=f"Tiltak {code}",
            **kwargs,
        )

    a1 = action(
        area1,
        d1,
        "A1",
        estimated_hours=100,
        cost_amount=50000,
        cost_currency="NOK",
        status=Action.Status.IN_PROGRESS,
        description="Ungdomsutveksling med Polen",
    )
    a2 = action(
        area1,
        d2,
        "A2",
        estimated_hours=50,
        cost_amount=20000,
        cost_currency="NOK",
        status=Action.Status.IN_PROGRESS,
    )
    a3 = action(
        area2,
        d1,
        "A3",
        estimated_hours=30,
        planned_end=date(2018, 6, 30),
        status=Action.Status.IN_PROGRESS,
    )
    a4 = action(
        area2,
        d2,
        "A4",
        estimated_hours=10,
        cost_amount=5000,
        cost_currency="NOK",
        status=Action.Status.CANCELLED,
    )
    a5 = action(
        area3,
        d1,
        "A5",
        estimated_hours=20,
        cost_amount=8000,
        cost_currency="NOK",
        status=Action.Status.DONE,
    )
    a6 = action(
        area3, d2, "A6", cost_amount=3000, cost_currency="EUR", status=Action.Status.IN_PROGRESS
    )
    a7 = action(area1, d1, "A7", is_archived=True)

    def follow_up(
        act, year, status, progress, hours, money, state=APPROVED, currency="NOK", text=""
    ):
        return FollowUpFactory(
            action=act,
            year=year,
            status=status,
            progress=progress,
            hours=Decimal(hours),
            money_spent=Decimal(money),
            state=state,
            currency=currency,
            what_was_done=text or f"{act.code} {year}",
        )

    s = FollowUp.Status
    fu1 = follow_up(a1, 2018, s.ON_TRACK, 60, 40, 10000)
    ExternalFundingFactory(follow_up=fu1, source=ExternalFunding.Source.KS, amount=20000)
    follow_up(a1, 2017, s.ON_TRACK, 30, 20, 5000)
    follow_up(
        a2,
        2018,
        s.DELAYED,
        20,
        10,
        2000,
        state=FollowUp.State.SUBMITTED,
        text="Utkast: forseinka på grunn av sjukdom",
    )
    follow_up(a4, 2018, s.CANCELLED, 0, 2, 0)
    follow_up(a5, 2017, s.DONE, 100, 0, 0)
    fu6 = follow_up(
        a6,
        2018,
        s.ON_TRACK,
        50,
        5,
        1000,
        state=FollowUp.State.DRAFT,
        currency="EUR",
        text="HEMMELEG KLADD om Interreg-søknaden",
    )
    ExternalFundingFactory(
        follow_up=fu6, source=ExternalFunding.Source.EU_INTERREG, amount=500, currency="EUR"
    )
    follow_up(a7, 2018, s.ON_TRACK, 100, 999, 999)

    tt1 = TwinTownFactory(municipality=time, name="Ljungby", country="Sverige")
    tt1.actions.add(a1)
    TwinTownFactory(
        municipality=time, name="Krotoszyn", country="Polen", status=TwinTownStatus.DORMANT
    )
    TwinTownFactory(municipality=time, name="Växjö", country="Sverige", status=TwinTownStatus.ENDED)
    indicator = IndicatorFactory(
        strategy=strategy, code="I1", name="Utvekslingselevar", target=10, unit="elevar"
    )
    indicator.values.create(year=2016, value=2)
    indicator.values.create(year=2018, value=6)
    return {
        "municipality": time,
        "strategy": strategy,
        "areas": (area1, area2, area3),
        "departments": (d1, d2),
        "actions": (a1, a2, a3, a4, a5, a6, a7),
    }
