"""The rules of the yearly follow-up, stated once, for every page, the dashboard, the
reminders, the report and the open data.

- `counted_states` / `reported_states`: which follow-ups a figure counts (approved only
  for the public, every state for members) and which are "in" (submitted or approved);
- `annotate_late`: is an action late;
- `has_ended` (in models, so the follow-up's own checks use it too): has an action ended,
  so that it takes no follow-up for a year;
- `expecting_follow_up`: which actions owe a follow-up for a year, as a queryset; and
  `owes_follow_up`, the same rule over the dashboard's grouped rows (`done_year`), kept
  beside it so that a change to one is made to the other (tests/dashboard/test_year_rows.py
  checks they agree);
- `spending`, `spending_follow_ups`: which follow-ups add to the hours and money figures
  (money only in the municipality's own currency);
- `clamp_year`: a year within the strategy's period.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Case, IntegerField, OuterRef, Q, Subquery, Value, When

from .models import Action, FollowUp, has_ended

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from goals.models import Strategy


def counted_states(approved_only: bool) -> list[str]:
    """The follow-ups a figure counts: approved only for the public, every state for
    members, who follow the work as it happens."""
    return [FollowUp.State.APPROVED] if approved_only else list(FollowUp.State.values)


def reported_states(approved_only: bool) -> list[str]:
    """The follow-ups that are "in": submitted or approved (approved only, for the public)."""
    if approved_only:
        return [FollowUp.State.APPROVED]
    return [FollowUp.State.SUBMITTED, FollowUp.State.APPROVED]


FINISHED = [Action.Status.DONE, Action.Status.CANCELLED]


def annotate_late(
    queryset: "QuerySet[Action]", today: date, *, approved_only: bool = False
) -> "QuerySet[Any]":  # with the annotations added, which the type checker cannot name
    """Annotate an Action queryset with `latest_follow_up_status` and `is_late`.

    The one rule for "is this action late", used by the plan, the detail page, "my work",
    the dashboard and the report: an action that is not archived and not done or cancelled
    is late when its planned end has passed, or when its most recent follow-up (by year)
    reports it delayed. With `approved_only` (public pages) only approved follow-ups
    count, so an unapproved draft never shows through. One correlated subquery, so it adds
    no queries to a page; filter with `.filter(is_late=True)`.
    """
    follow_ups = FollowUp.objects.filter(action=OuterRef("pk"))
    if approved_only:
        follow_ups = follow_ups.filter(state=FollowUp.State.APPROVED)
    latest = follow_ups.order_by("-year").values("status")[:1]
    late = (
        (Q(planned_end__lt=today) | Q(latest_follow_up_status=FollowUp.Status.DELAYED))
        & Q(is_archived=False)
        & ~Q(status__in=FINISHED)
    )
    return queryset.annotate(latest_follow_up_status=Subquery(latest)).annotate(
        is_late=Case(
            When(late, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def expecting_follow_up(queryset: "QuerySet[Action]", year: int) -> "QuerySet[Action]":
    """Actions that owe a follow-up for `year`.

    Active (not archived, not cancelled) actions of a strategy whose period covers the
    year (an open-ended strategy covers every year from its start) that have not ended
    (`has_ended`).
    """
    return (
        queryset.filter(is_archived=False, strategy__period_start__lte=year)
        # Open-ended strategies (no end year) run until they are revised.
        .filter(Q(strategy__period_end__isnull=True) | Q(strategy__period_end__gte=year))
        .exclude(status=Action.Status.CANCELLED)
        .exclude(has_ended(year))
    )


def spending(kind: str, *, states: Sequence[str], currency: str) -> Q:
    """The follow-ups that add to the dashboard's hours (`kind="hours"`) or money
    (`"money"`) figure of their year: counted `states`, a non-zero amount, money only in
    `currency` (the municipality's; other currencies are counted apart).
    `dashboards.selectors._year_rows` sums these, per year, for the figures; the plan's
    `spent` drill-down lists their actions (`spending_follow_ups`), so each figure is the
    sum over the actions listed behind it (the drill-down tests check it)."""
    if kind == "hours":
        return Q(state__in=states, hours__gt=0)
    return Q(state__in=states, money_spent__gt=0, currency=currency)


def spending_follow_ups(year: int, kind: str, *, states: Sequence[str], currency: str) -> Q:
    """`spending` in `year`: the follow-ups behind one year's hours or money figure."""
    return Q(year=year) & spending(kind, states=states, currency=currency)


def clamp_year(strategy: "Strategy", year: int) -> int:
    """The year within the strategy period (open-ended strategies run to this year)."""
    return min(max(year, strategy.first_year), strategy.last_year)


def owes_follow_up(group: Mapping[str, Any], year: int, has_follow_up: bool) -> bool:
    """`expecting_follow_up` (whose "ended" part is `actions.models.has_ended`) for the
    actions of one group row and one year of the strategy's period, so every year is read
    from the same grouped rows.

    `group` has `status`, `recurrence` and `done_year` (the first year of an approved
    "done" follow-up of a one-off action: `done_year` below); archived actions are left out
    before grouping. `has_follow_up`: a follow-up for `year` in any state. Kept equal to
    the queryset rule by tests/dashboard/test_year_rows.py."""
    if group["status"] == Action.Status.CANCELLED:
        return False
    # `has_ended`: a one-off reported done in an earlier year, or marked done and nothing
    # reported for the year.
    done_in = group["done_year"]
    if done_in is not None and done_in < year:
        return False
    return not (group["status"] == Action.Status.DONE and not has_follow_up)


def done_year(action: str) -> Case:
    """The first year a one-off action (path `action` to it) was approved as done: after it
    the action has ended (`has_ended`). None for recurring actions, whatever they report,
    so that they fall into fewer groups."""
    first_done = (
        FollowUp.objects.filter(
            action=OuterRef(action), state=FollowUp.State.APPROVED, status=FollowUp.Status.DONE
        )
        .order_by("year")
        .values("year")[:1]
    )
    recurrence = "recurrence" if action == "pk" else "action__recurrence"
    return Case(
        When(Q((recurrence, Action.Recurrence.ONE_OFF)), then=Subquery(first_done)),
        default=None,
        output_field=IntegerField(),
    )
