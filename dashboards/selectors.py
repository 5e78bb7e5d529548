"""The figures of a strategy's dashboard, for the web page and the annual PDF report alike.

`dashboard_figures(strategy, year, approved_only=…)` is request-free and costs a fixed
number of queries (14), whatever the number of actions, follow-ups or years: everything is
counted and summed by the database (grouped aggregates); Python only folds the few grouped
rows into the shape the templates read. The per-year figures come from two grouped queries
for the whole period (`_year_rows`), so the SQL is the same for a 2-year and a 20-year one.

Rules, stated once:
- **Which follow-ups count.** `approved_only=True` (anonymous visitors, other
  municipalities, public pages): only approved follow-ups. Members: every state, drafts
  included, since they follow the work as it happens.
- **Actions of a year.** The strategy's non-archived actions that owe a follow-up for the
  year (`actions.rules.expecting_follow_up`) plus any that have a counted follow-up
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
- **Late** is `actions.rules.annotate_late`.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    Max,
    Q,
    Sum,
)
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ExternalFunding, FollowUp
from actions.rules import (
    clamp_year,
    counted_states,
    done_year,
    owes_follow_up,
    reported_states,
    spending,
)
from goals.models import ResponsibleParty

from . import sections
from .figures import ZERO, Part, YearRow

MISSING = "missing"
STATUS_KEYS = [s.value for s in FollowUp.Status] + [MISSING]


def status_choices():
    """(key, label) of the status buckets, in the order the charts use."""
    return [(s.value, s.label) for s in FollowUp.Status] + [(MISSING, _("No follow-up"))]


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
        year__gte=strategy.first_year,
        year__lte=this_year,
    ).aggregate(latest=Max("year"))["latest"]
    return latest or this_year


# What an action's row is grouped by: together with the year, all `owes_follow_up` reads.
GROUP = ("goal_area", "responsible", "status", "recurrence", "done_year")


def _year_rows(strategy, years, approved_only) -> list[YearRow]:
    """Two grouped queries, whatever the number of actions, follow-ups or years: per
    (year, goal area, department) the year's counts and sums.

    Whether an action owes a follow-up changes from year to year, so one grouped query per
    year made the SQL grow with the period. Instead the database groups the strategy's
    actions, and their follow-ups of `years` per year, by everything `owes_follow_up` reads
    (`GROUP`); every action of a group owes the same for a year, but for whether it has a
    follow-up then, so each group row splits in three: actions without a follow-up, with a
    counted one, with one that is not counted (a draft, for the public)."""
    if not years:
        return []
    currency = strategy.municipality.currency
    states = counted_states(approved_only)
    is_counted = Q(state__in=states)
    in_currency = Q(cost_currency__in=[currency, ""])
    group_of = {"action__" + field: field for field in GROUP if field != "done_year"}

    actions = {
        tuple(row[field] for field in GROUP): row
        for row in Action.objects.filter(strategy=strategy, is_archived=False)
        .annotate(done_year=done_year("pk"))
        .values(*GROUP)
        .annotate(
            n=Count("pk"),
            est_hours=Sum("estimated_hours"),
            est_cost=Sum("cost_amount", filter=in_currency),
        )
        .order_by()
    }
    on_action = Q(action__cost_currency__in=[currency, ""])
    follow_ups = {
        (row["year"], *(row[field] for field in group_of), row["done_year"]): row
        for row in FollowUp.objects.filter(
            action__strategy=strategy,
            action__is_archived=False,
            year__gte=years[0],
            year__lte=years[-1],
        )
        .annotate(done_year=done_year("action"))
        .values("year", *group_of, "done_year")
        .annotate(
            with_follow_up=Count("pk"),
            counted=Count("pk", filter=is_counted),
            reported=Count("pk", filter=is_counted & Q(state__in=reported_states(approved_only))),
            progress_sum=Sum("progress", filter=is_counted),
            # The plan's drill-down lists the actions behind these two (one rule).
            hours_spent=Sum("hours", filter=spending("hours", states=states, currency=currency)),
            money=Sum(  # not `money_spent`: the filters read that field
                "money_spent", filter=spending("money", states=states, currency=currency)
            ),
            money_other_currency=Count(
                "pk", filter=is_counted & Q(money_spent__gt=0) & ~Q(currency=currency)
            ),
            demo=Count("pk", filter=is_counted & Q(is_demo=True)),
            est_hours=Sum("action__estimated_hours"),
            est_cost=Sum("action__cost_amount", filter=on_action),
            counted_est_hours=Sum("action__estimated_hours", filter=is_counted),
            counted_est_cost=Sum("action__cost_amount", filter=is_counted & on_action),
            **{
                f"st_{status}": Count("pk", filter=is_counted & Q(status=status))
                for status in FollowUp.Status.values
            },
        )
        .order_by()
    }

    rows: dict[tuple, YearRow] = {}
    for year in years:
        for key, group in actions.items():
            of_year = follow_ups.get((year, *key), NO_FOLLOW_UPS)
            everyone = _part(group["n"], group["est_hours"], group["est_cost"])
            with_follow_up = _part(
                of_year["with_follow_up"], of_year["est_hours"], of_year["est_cost"]
            )
            counted = _part(
                of_year["counted"], of_year["counted_est_hours"], of_year["counted_est_cost"]
            )
            place = (year, group["goal_area"], group["responsible"])
            # Without a follow-up, or with one that is not counted: in the year's actions
            # only when they owe it, and then missing.
            for part, has_follow_up in (
                (everyone - with_follow_up, False),
                (with_follow_up - counted, True),
            ):
                if part.n and owes_follow_up(group, year, has_follow_up):
                    row = _row(rows, place).with_estimates(part)
                    rows[place] = replace(
                        row, expected=row.expected + part.n, missing=row.missing + part.n
                    )
            # A counted follow-up puts its action among the year's, owing or not (a
            # cancelled action still reports its cancellation).
            if counted.n:
                row = _row(rows, place).with_estimates(counted)
                rows[place] = _fold(row, of_year, owes_follow_up(group, year, True))
    return list(rows.values())


NO_FOLLOW_UPS = {
    "with_follow_up": 0,
    "counted": 0,
    "est_hours": None,
    "est_cost": None,
    "counted_est_hours": None,
    "counted_est_cost": None,
}


def _part(n, est_hours, est_cost) -> Part:
    return Part(n, Decimal(est_hours or 0), Decimal(est_cost or 0))


def _row(rows: dict[tuple, YearRow], place: tuple) -> YearRow:
    if place not in rows:
        year, goal_area, responsible = place
        rows[place] = YearRow(year=year, goal_area=goal_area, responsible=responsible)
    return rows[place]


def _fold(row: YearRow, of_year: dict[str, Any], owing: bool) -> YearRow:
    """`row` with a group's counted follow-ups of its year (`of_year`, a grouped row of
    the database; `owing`: their actions owe one, and only then do they count as reported
    and towards the progress roll-up)."""
    return replace(
        row,
        expected=row.expected + (of_year["counted"] if owing else 0),
        reported=row.reported + (of_year["reported"] if owing else 0),
        progress_sum=row.progress_sum + ((of_year["progress_sum"] or 0) if owing else 0),
        hours_spent=row.hours_spent + (of_year["hours_spent"] or ZERO),
        money_spent=row.money_spent + (of_year["money"] or ZERO),
        money_other_currency=row.money_other_currency + of_year["money_other_currency"],
        demo=row.demo + of_year["demo"],
        by_status={
            status: row.by_status.get(status, 0) + of_year[f"st_{status}"]
            for status in FollowUp.Status.values
        },
    )


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


def _add(figures, row: YearRow) -> None:
    figures["actions"] += row.actions
    figures["expected"] += row.expected
    figures["reported"] += row.reported
    figures["money_other_currency"] += row.money_other_currency
    figures["demo"] += row.demo
    figures["progress_sum"] += row.progress_sum
    figures["hours_spent"] += row.hours_spent
    figures["money_spent"] += row.money_spent
    figures["estimated_hours"] += row.estimated_hours
    figures["estimated_cost"] += row.estimated_cost
    for status, count in row.by_status.items():
        figures["by_status"][status] += count
    figures["by_status"][MISSING] += row.missing


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
            follow_up__year__gte=strategy.first_year,
            follow_up__year__lte=year,
            follow_up__state__in=counted_states(approved_only),
        )
        .values("follow_up__year", "source", "currency")
        .annotate(amount=Sum("amount"))
        .order_by("source", "currency")
    )


def dashboard_figures(strategy, year, *, approved_only, today=None):
    """Everything the dashboard (and the report's summary) shows for `strategy` in `year`.

    `year` is clamped to the strategy period. 14 queries, whatever the data size (the
    strategy's municipality must be loaded with it: `select_related("municipality")`).
    """
    today = today or date.today()
    year = clamp_year(strategy, year)
    years = list(range(strategy.first_year, year + 1))
    goal_areas = list(strategy.goal_areas.all())
    departments: dict[int | None, ResponsibleParty] = {
        d.pk: d for d in ResponsibleParty.objects.filter(municipality=strategy.municipality_id)
    }
    rows = _year_rows(strategy, years, approved_only)

    per_year = {y: _empty_figures() for y in years}
    per_area = {area.pk: _empty_figures() for area in goal_areas}
    per_department: defaultdict[int | None, dict] = defaultdict(_empty_figures)
    for row in rows:
        _add(per_year[row.year], row)
        if row.year == year:
            _add(per_area.setdefault(row.goal_area, _empty_figures()), row)
            _add(per_department[row.responsible], row)

    funding_rows = _funding(strategy, year, approved_only)
    funding: defaultdict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"amount": ZERO})
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
        figures["funding"] = dict(sorted(figures.get("funding", {}).items()))
        year_over_year.append({"year": y, **figures})
    indicators = sections.indicators(strategy, approved_only)
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
        "attention": sections.attention(strategy, year, approved_only, today),
        "year_over_year": year_over_year,
        # Demo follow-ups counted in any year shown: the page says it includes demo data.
        "demo_follow_ups": sum(row.demo for row in rows),
        # The plan's own goals head the first screen (and the report's summary).
        "plan_goals": sections.plan_goals(strategy),
        **sections.relations(strategy),
    }
