"""The figures of a strategy's dashboard, for the web page and the annual PDF report alike.

`dashboard_figures(strategy, year, approved_only=…)` is request-free and costs a fixed
number of queries (12), whatever the number of actions, follow-ups or years: funding,
indicators and relations are grouped by the database; the per-year figures are folded from
one read of the strategy's actions and one of their follow-ups of the period (`_year_rows`),
so the SQL is the same for a 2-year and a 20-year period.

Rules, stated once:
- **Which follow-ups count.** `approved_only=True` (anonymous visitors, other
  municipalities, public pages): only approved follow-ups. Members: every state, drafts
  included, since they follow the work as it happens.
- **Actions of a year.** The strategy's non-archived actions that owe a follow-up for the
  year (`actions.selectors.expecting_follow_up`) plus any that have a counted follow-up
  that year (a cancelled action still reports its cancellation).
- **Status of an action in a year.** The status of its counted follow-up for that year;
  without one it is "no follow-up".
- **Progress roll-up.** The average, over the actions that owe a follow-up, of the progress
  in their counted follow-up for the year; an action without one counts as 0 %.
- **Follow-ups in.** Submitted + approved follow-ups (approved only, for the public)
  against the number of actions that owe one.
- **Money.** Only amounts in the municipality's currency are added up; follow-ups that
  report in another currency are counted in `money_other_currency` and listed in the
  funding table per currency. Estimates are the plan's `Action.estimated_hours` and
  `Action.cost_amount` for the actions of the year.
- **Late** is `actions.selectors.annotate_late`.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    When,
)
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ExternalFunding, FollowUp, Indicator, IndicatorValue
from actions.selectors import annotate_late, expecting_follow_up
from goals.models import ResponsibleParty
from partners.models import Partner, TwinTown, TwinTownStatus

MISSING = "missing"
STATUS_KEYS = [s.value for s in FollowUp.Status] + [MISSING]
ZERO = Decimal("0")


def status_choices():
    """(key, label) of the status buckets, in the order the charts use."""
    return [(s.value, s.label) for s in FollowUp.Status] + [(MISSING, _("No follow-up"))]


def counted_states(approved_only):
    return [FollowUp.State.APPROVED] if approved_only else [s.value for s in FollowUp.State]


def reported_states(approved_only):
    if approved_only:
        return [FollowUp.State.APPROVED]
    return [FollowUp.State.SUBMITTED, FollowUp.State.APPROVED]


def clamp_year(strategy, year):
    """The year within the strategy period (open-ended strategies run to this year)."""
    return min(max(year, strategy.period_start), strategy.last_year)


def default_year(strategy, *, approved_only, today):
    """The year a dashboard opens on when none is asked for (one aggregate query).

    This year when it has counted follow-ups, else the latest year of the period that has
    some (so an open-ended plan does not open on an empty year early on), else this year
    clamped to the period.
    """
    this_year = clamp_year(strategy, today.year)
    latest = FollowUp.objects.filter(
        action__strategy=strategy,
        action__is_archived=False,
        state__in=counted_states(approved_only),
        year__gte=strategy.period_start,
        year__lte=this_year,
    ).aggregate(latest=Max("year"))["latest"]
    return latest or this_year


def owes_follow_up(action, year, has_follow_up):
    """`actions.selectors.expecting_follow_up` for one action row and one year of its
    strategy's period, so all the years are read with one query instead of one each.

    `action` has `status`, `recurrence`, `is_archived` and `done_year` (the first year of an
    approved "done" follow-up, `_year_rows`); `has_follow_up`: a follow-up for `year` in
    any state. Kept equal to the queryset rule by tests/dashboard/test_year_rows.py."""
    if action["is_archived"] or action["status"] == Action.Status.CANCELLED:
        return False
    # `actions.models.has_ended`: a one-off reported done earlier, or marked done and
    # nothing reported for the year.
    done_year = action["done_year"]
    if action["recurrence"] == Action.Recurrence.ONE_OFF and done_year is not None:
        if done_year < year:
            return False
    return not (action["status"] == Action.Status.DONE and not has_follow_up)


def _year_rows(strategy, years, approved_only):
    """Two queries, whatever the number of years: the strategy's actions and their
    follow-ups of `years`; per (year, goal area, department) the year's counts and sums.

    Whether an action owes a follow-up changes from year to year (`owes_follow_up`), so the
    rows are folded here rather than grouped by the database: one grouped query per year
    made the SQL grow with the length of the period."""
    currency = strategy.municipality.currency
    first_done = (
        FollowUp.objects.filter(
            action=OuterRef("pk"), state=FollowUp.State.APPROVED, status=FollowUp.Status.DONE
        )
        .order_by("year")
        .values("year")[:1]
    )
    actions = {
        row["pk"]: row
        for row in Action.objects.filter(strategy=strategy, is_archived=False)
        .annotate(done_year=Subquery(first_done))
        .values(
            "pk",
            "goal_area",
            "responsible",
            "status",
            "recurrence",
            "is_archived",
            "done_year",
            "estimated_hours",
            "cost_amount",
            "cost_currency",
        )
        .order_by()
    }
    follow_ups = (
        {
            (row["action"], row["year"]): row
            for row in FollowUp.objects.filter(
                action__strategy=strategy,
                action__is_archived=False,
                year__gte=years[0],
                year__lte=years[-1],
            )
            .values(
                "action",
                "year",
                "state",
                "status",
                "progress",
                "hours",
                "money_spent",
                "currency",
                "is_demo",
            )
            .order_by()
        }
        if years
        else {}
    )
    states = set(counted_states(approved_only))
    reported = set(reported_states(approved_only))
    rows = {}
    for year in years:
        for pk, action in actions.items():
            follow_up = follow_ups.get((pk, year))
            owing = owes_follow_up(action, year, follow_up is not None)
            if follow_up is not None and follow_up["state"] not in states:
                follow_up = None  # not counted: a draft, for the public
            if not (owing or follow_up):
                continue
            key = (year, action["goal_area"], action["responsible"])
            row = rows.get(key)
            if row is None:
                row = rows[key] = {
                    "year": year,
                    "goal_area": action["goal_area"],
                    "responsible": action["responsible"],
                    **_empty_row(),
                }
            _fold(row, action, follow_up, owing, reported, currency)
    return list(rows.values())


def _empty_row():
    return {
        "actions": 0,
        "expected": 0,
        "reported": 0,
        "missing": 0,
        "progress_sum": 0,
        "hours_spent": ZERO,
        "money_spent": ZERO,
        "money_other_currency": 0,
        "demo": 0,
        "estimated_hours": ZERO,
        "estimated_cost": ZERO,
        **{f"st_{status}": 0 for status in FollowUp.Status.values},
    }


def _fold(row, action, follow_up, owing, reported, currency):
    """Add one action's year to its row (`follow_up`: its counted follow-up, or None)."""
    row["actions"] += 1
    row["expected"] += owing
    row["estimated_hours"] += action["estimated_hours"] or ZERO
    if action["cost_amount"] is not None and action["cost_currency"] in (currency, ""):
        row["estimated_cost"] += action["cost_amount"]
    if follow_up is None:
        row["missing"] += 1
        return
    row[f"st_{follow_up['status']}"] += 1
    if owing:
        row["reported"] += follow_up["state"] in reported
        row["progress_sum"] += follow_up["progress"]
    row["hours_spent"] += follow_up["hours"]
    if follow_up["currency"] == currency:
        row["money_spent"] += follow_up["money_spent"]
    elif follow_up["money_spent"] > 0:
        row["money_other_currency"] += 1
    row["demo"] += follow_up["is_demo"]


def _empty_figures():
    return {
        "actions": 0,
        "expected": 0,
        "reported": 0,
        "progress_sum": 0,
        "hours_spent": ZERO,
        "money_spent": ZERO,
        "money_other_currency": 0,
        "demo": 0,
        "estimated_hours": ZERO,
        "estimated_cost": ZERO,
        "by_status": dict.fromkeys(STATUS_KEYS, 0),
    }


def _add(figures, row):
    for key in ("actions", "expected", "reported", "money_other_currency", "demo"):
        figures[key] += row[key] or 0
    figures["progress_sum"] += row["progress_sum"] or 0
    for key in ("hours_spent", "money_spent", "estimated_hours", "estimated_cost"):
        figures[key] += Decimal(row[key] or 0)
    for status in FollowUp.Status.values:
        figures["by_status"][status] += row[f"st_{status}"]
    figures["by_status"][MISSING] += row["missing"]


def _finish(figures):
    expected = figures["expected"]
    figures["progress"] = (
        (Decimal(figures["progress_sum"]) / expected).quantize(Decimal("0.1")) if expected else None
    )
    figures["all_in"] = expected > 0 and figures["reported"] >= expected
    return figures


def _funding(strategy, year, approved_only):
    """One query: external funding per (year, source, currency), years up to `year`."""
    return list(
        ExternalFunding.objects.filter(
            follow_up__action__strategy=strategy,
            follow_up__action__is_archived=False,
            follow_up__year__gte=strategy.period_start,
            follow_up__year__lte=year,
            follow_up__state__in=counted_states(approved_only),
        )
        .values("follow_up__year", "source", "currency")
        .annotate(amount=Sum("amount"))
        .order_by("source", "currency")
    )


def _attention(strategy, year, approved_only, today):
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


def _indicators(strategy, approved_only):
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


def _relations(strategy):
    """Four queries: twin towns and partners, each with this strategy's actions."""
    actions = Action.objects.filter(strategy=strategy, is_archived=False).only(
        "pk", "code", "title", "strategy_id"
    )
    twin_towns = list(
        TwinTown.objects.filter(municipality=strategy.municipality_id).prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="strategy_actions")
        )
    )
    partners = list(
        Partner.objects.filter(municipality=strategy.municipality_id).prefetch_related(
            Prefetch("actions", queryset=actions, to_attr="strategy_actions")
        )
    )
    by_status = {s.value: 0 for s in TwinTownStatus}
    by_country = defaultdict(lambda: dict.fromkeys(by_status, 0))
    for town in twin_towns:
        by_status[town.status] += 1
        by_country[town.country][town.status] += 1
    return {
        "twin_towns": twin_towns,
        "twin_towns_by_status": by_status,
        "twin_towns_by_country": dict(sorted(by_country.items())),
        "twin_town_statuses": [(s.value, s.label) for s in TwinTownStatus],
        "partners": partners,
        "partners_active": sum(1 for p in partners if p.is_active),
        "partners_inactive": sum(1 for p in partners if not p.is_active),
    }


def dashboard_figures(strategy, year, *, approved_only, today=None):
    """Everything the dashboard (and the report's summary) shows for `strategy` in `year`.

    `year` is clamped to the strategy period. 12 queries, whatever the data size (the
    strategy's municipality must be loaded with it: `select_related("municipality")`).
    """
    today = today or date.today()
    year = clamp_year(strategy, year)
    years = list(range(strategy.period_start, year + 1))
    goal_areas = list(strategy.goal_areas.all())
    departments = {
        d.pk: d for d in ResponsibleParty.objects.filter(municipality=strategy.municipality_id)
    }
    rows = _year_rows(strategy, years, approved_only)

    per_year = {y: _empty_figures() for y in years}
    per_area = {area.pk: _empty_figures() for area in goal_areas}
    per_department = defaultdict(_empty_figures)
    for row in rows:
        _add(per_year[row["year"]], row)
        if row["year"] == year:
            _add(per_area.setdefault(row["goal_area"], _empty_figures()), row)
            _add(per_department[row["responsible"]], row)

    funding_rows = _funding(strategy, year, approved_only)
    funding = defaultdict(lambda: {"amount": ZERO})
    for row in funding_rows:
        per_year[row["follow_up__year"]].setdefault("funding", defaultdict(Decimal))[
            row["currency"]
        ] += row["amount"]
        if row["follow_up__year"] == year:
            entry = funding[(row["source"], row["currency"])]
            entry.update(
                source=row["source"],
                label=ExternalFunding.Source(row["source"]).label,
                currency=row["currency"],
            )
            entry["amount"] += row["amount"]

    area_rows = [
        {"goal_area": area, "label": f"{area.code}. {area.title}", **_finish(per_area[area.pk])}
        for area in goal_areas
    ]
    if None in per_area:  # plan-wide actions, placed under no goal area
        area_rows.append({"goal_area": None, "label": _("Whole plan"), **_finish(per_area[None])})
    department_rows = [
        {"department": departments.get(pk), **_finish(figures)}
        for pk, figures in sorted(
            per_department.items(),
            key=lambda item: (
                item[0] is None,
                getattr(departments.get(item[0]), "order", 0),
                str(departments.get(item[0]) or ""),
            ),
        )
    ]
    year_over_year = []
    for y in years:
        figures = _finish(per_year[y])
        figures["funding"] = dict(figures.get("funding", {}))
        year_over_year.append({"year": y, **figures})
    indicators = _indicators(strategy, approved_only)
    for indicator in indicators:
        values = {v.year: v.value for v in indicator.values.all()}
        indicator.series = [values.get(y) for y in strategy.years]

    return {
        "strategy": strategy,
        "municipality": strategy.municipality,
        "year": year,
        "years": list(strategy.years),
        "approved_only": approved_only,
        "status_choices": status_choices(),
        "goal_areas": area_rows,
        "totals": _finish(per_year[year]) if year in per_year else _finish(_empty_figures()),
        "departments": department_rows,
        "funding": sorted(funding.values(), key=lambda e: (e["label"], e["currency"])),
        "indicators": indicators,
        "attention": _attention(strategy, year, approved_only, today),
        "year_over_year": year_over_year,
        # Demo follow-ups counted in any year shown: the page says it includes demo data.
        "demo_follow_ups": sum(row["demo"] or 0 for row in rows),
        **_relations(strategy),
    }
