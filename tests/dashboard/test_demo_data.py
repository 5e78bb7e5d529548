"""Demo follow-ups: believable, marked as demo data, deterministic and idempotent."""

from datetime import date

import pytest

from actions.demo import create_demo_follow_ups
from actions.models import Action, ExternalFunding, FollowUp
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def strategy_with_actions(country="NO", slug="time-demo", n=12):
    municipality = MunicipalityFactory(
        country=country,
        currency="SEK" if country == "SE" else "NOK",
        language="sv" if country == "SE" else "nn",
    )
    strategy = StrategyFactory(
        municipality=municipality, slug=slug, period_start=2022, period_end=2027
    )
    area = GoalAreaFactory(strategy=strategy)
    for i in range(n):
        ActionFactory(
            goal_area=area,
            recurrence=Action.Recurrence.YEARLY if i % 2 else Action.Recurrence.ONE_OFF,
        )
    return strategy


def test_demo_follow_ups_cover_past_years_and_are_marked():
    strategy = strategy_with_actions()
    created = create_demo_follow_ups(strategy, today=TODAY)
    demo = FollowUp.objects.filter(action__strategy=strategy)
    assert created == demo.count() > 0
    assert set(demo.values_list("year", flat=True)) == {2022, 2023, 2024, 2025}
    assert all(f.is_demo and f.what_was_done.startswith("Demodata:") for f in demo)
    assert demo.filter(state=FollowUp.State.APPROVED).count() > demo.count() / 2
    statuses = set(demo.values_list("status", flat=True))
    assert {FollowUp.Status.ON_TRACK, FollowUp.Status.DONE} <= statuses


def test_demo_data_is_idempotent():
    strategy = strategy_with_actions()
    first = create_demo_follow_ups(strategy, today=TODAY)
    assert create_demo_follow_ups(strategy, today=TODAY) == 0
    assert FollowUp.objects.filter(action__strategy=strategy).count() == first


def test_demo_data_is_deterministic_per_strategy():
    strategy = strategy_with_actions()
    fields = ("action_id", "year", "progress", "hours", "money_spent", "status", "state")
    demo = FollowUp.objects.filter(action__strategy=strategy).order_by("action_id", "year")
    create_demo_follow_ups(strategy, today=TODAY)
    first = list(demo.values_list(*fields))
    demo.delete()
    create_demo_follow_ups(strategy, today=TODAY)
    assert list(demo.values_list(*fields)) == first


def test_demo_data_never_overwrites_a_real_follow_up():
    strategy = strategy_with_actions()
    action = strategy.actions.first()
    real = FollowUpFactory(action=action, year=2023, what_was_done="Ekte rapport")
    create_demo_follow_ups(strategy, today=TODAY)
    real.refresh_from_db()
    assert real.what_was_done == "Ekte rapport" and not real.is_demo


def test_demo_funding_fits_the_country():
    no = strategy_with_actions("NO", slug="no-demo", n=30)
    se = strategy_with_actions("SE", slug="se-demo", n=30)
    create_demo_follow_ups(no, today=TODAY)
    create_demo_follow_ups(se, today=TODAY)
    no_sources = set(
        ExternalFunding.objects.filter(follow_up__action__strategy=no).values_list(
            "source", flat=True
        )
    )
    se_sources = set(
        ExternalFunding.objects.filter(follow_up__action__strategy=se).values_list(
            "source", flat=True
        )
    )
    assert no_sources and no_sources <= {"ks", "eu_interreg", "eea_grants"}
    assert se_sources and se_sources <= {"icld", "eu_interreg", "eu_other"}


def test_demo_marks_a_one_off_action_done_when_its_done_follow_up_is_approved():
    strategy = strategy_with_actions(n=30)
    create_demo_follow_ups(strategy, today=TODAY)
    ended = FollowUp.objects.filter(
        action__strategy=strategy,
        action__recurrence=Action.Recurrence.ONE_OFF,
        state=FollowUp.State.APPROVED,
        status=FollowUp.Status.DONE,
    ).select_related("action")
    assert ended.exists()
    assert {f.action.status for f in ended} == {Action.Status.DONE}
    reported = set(ended.values_list("action", flat=True))
    assert not strategy.actions.exclude(pk__in=reported).filter(status=Action.Status.DONE)


def test_demo_leaves_the_demo_editor_work_in_the_last_year_of_an_ended_period():
    strategy = strategy_with_actions(n=12)
    department = ResponsiblePartyFactory(municipality=strategy.municipality)
    mine = list(strategy.actions.order_by("pk")[:4])
    strategy.actions.filter(pk__in=[a.pk for a in mine]).update(responsible=department)
    create_demo_follow_ups(strategy, today=date(2030, 3, 1), editor_department=department)
    reports = FollowUp.objects.filter(action__in=mine)
    assert reports.exists()
    assert not reports.filter(year=strategy.period_end).exists()
    assert not reports.filter(status=FollowUp.Status.DONE).exists()
    others = FollowUp.objects.filter(action__strategy=strategy).exclude(action__in=mine)
    assert others.filter(year=strategy.period_end).exists()
