"""The dashboard's sections beside its figures (`dashboards.selectors`), for the web page
and the annual report alike: what needs attention, the indicators, the plan's own goals,
twin towns and partners. Each a fixed number of queries, whatever the data size."""

from collections import defaultdict

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    When,
)
from django.utils.translation import gettext_lazy as _

from actions.models import Action, FollowUp, Indicator, IndicatorValue
from actions.rules import annotate_late, counted_states, expecting_follow_up
from partners.models import Partner, TwinTown, TwinTownStatus
from partners.selectors import agreements_of


def attention(strategy, year, approved_only, today):
    """One query: late, delayed or cancelled actions, and those owing a missing follow-up."""
    base = Action.objects.filter(strategy=strategy, is_archived=False)
    owing = Q(pk__in=expecting_follow_up(base, year).values("pk"))
    states = counted_states(approved_only)
    actions = (
        annotate_late(base, today, approved_only=approved_only)
        .annotate(
            fu=FilteredRelation(
                "follow_ups", condition=Q(follow_ups__year=year, follow_ups__state__in=states)
            )
        )
        .annotate(year_status=F("fu__status"), owes=Case(When(owing, then=True), default=False))
        .filter(
            Q(is_late=True)
            | Q(status=Action.Status.CANCELLED)
            | Q(fu__status__in=[FollowUp.Status.DELAYED, FollowUp.Status.CANCELLED])
            | (owing & Q(fu__isnull=True))
        )
        .select_related("goal_area", "responsible")
        .order_by("goal_area__order", "order", "code")
    )
    rows = []
    for action in actions:
        reasons = []
        if action.is_late:
            reasons.append(("late", _("Late")))
        if action.year_status == FollowUp.Status.DELAYED:
            reasons.append(("delayed", _("Delayed")))
        if (
            action.status == Action.Status.CANCELLED
            or action.year_status == FollowUp.Status.CANCELLED
        ):
            reasons.append(("cancelled", _("Cancelled")))
        if action.owes and action.year_status is None:
            reasons.append(("missing", _("No follow-up this year")))
        rows.append({"action": action, "reasons": reasons, "keys": {k for k, _l in reasons}})
    return rows


def indicators(strategy, approved_only):
    """Two queries: the strategy's indicators with their values by year.

    An action's indicator values are typed into its follow-up and saved with the draft;
    with `approved_only` a value counts only once that year's follow-up is approved.
    """
    values = IndicatorValue.objects.order_by("year")
    if approved_only:
        approved = FollowUp.objects.filter(
            action=OuterRef("indicator__action"),
            year=OuterRef("year"),
            state=FollowUp.State.APPROVED,
        )
        values = values.filter(Q(indicator__action__isnull=True) | Exists(approved))
    return list(
        Indicator.objects.filter(strategy=strategy)
        .select_related("goal_area", "action")
        .prefetch_related(Prefetch("values", queryset=values))
    )


def plan_goals(strategy):
    """One query: the goals for the whole plan, each main goal with its `subs`."""
    rows = list(strategy.plan_goals.order_by("order", "pk"))
    subs: dict[int | None, list] = {}
    for row in rows:
        subs.setdefault(row.parent_id, []).append(row)
    mains = subs.get(None, [])
    for main in mains:
        main.subs = subs.get(main.pk, [])
    return mains


def relations(strategy):
    """Five queries: twin towns (with their agreements) and partners, each with this
    strategy's actions."""
    actions = Action.objects.filter(strategy=strategy, is_archived=False).only(
        "pk", "code", "title", "strategy_id"
    )
    twin_towns = list(
        TwinTown.objects.filter(municipality=strategy.municipality_id).prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="strategy_actions"), "agreements"
        )
    )
    partners = list(
        Partner.objects.filter(municipality=strategy.municipality_id).prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="strategy_actions")
        )
    )
    # "Paused" (on ice) is a column only where a relation is paused: rare, and an empty
    # column on every other dashboard would say nothing.
    statuses = [
        s
        for s in TwinTownStatus
        if s != TwinTownStatus.PAUSED or any(t.status == s for t in twin_towns)
    ]
    by_status = {s.value: 0 for s in statuses}
    by_country: defaultdict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(by_status, 0))
    for town in twin_towns:
        by_status[town.status] += 1
        by_country[town.country][town.status] += 1
    return {
        "twin_towns": twin_towns,
        "twin_town_agreements": agreements_of(twin_towns),
        "twin_towns_by_status": by_status,
        "twin_towns_by_country": dict(sorted(by_country.items())),
        "twin_town_statuses": [(s.value, s.label) for s in statuses],
        "partners": partners,
        "partners_active": sum(1 for p in partners if p.is_active),
        "partners_inactive": sum(1 for p in partners if not p.is_active),
    }
