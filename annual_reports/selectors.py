"""What the annual report to the council shows, read in a fixed number of queries.

`report_context(strategy, year)` is request-free (the Celery task, the management command
and the HTML preview call it alike) and costs the same number of queries whatever the
number of goal areas, actions, follow-ups or partners: every relation is prefetched.

Rules, stated once:
- **Which follow-ups count.** Only approved follow-ups: the report is a public document
  to the council, so drafts and submitted follow-ups stay out.
- **Which actions.** Every non-archived action of the strategy, in plan order. Each has at
  most one approved follow-up for the year (`action.report`, or None).
- **No follow-up.** Actions without an approved follow-up for the year are listed in a
  section of their own, never silently left out.
- **Indicators** come from the dashboard's figures (`dashboard_figures(approved_only=True)`):
  an action's value counts only once that year's follow-up is approved. Each indicator is
  shown under its action, else its goal area, else in the summary ("whole strategy").
- **Money** follows the dashboard's rule: only amounts in the municipality's currency are
  added up; follow-ups in another currency are counted and their amounts listed per
  currency. External funding is totalled per currency, never across currencies.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Action, ExternalFunding, FollowUp
from collaboration.models import Evidence
from dashboards.dashboard_charts import dashboard_charts
from dashboards.selectors import dashboard_figures
from frameworks.report import framework_chapters
from goals.models import Goal, GoalArea, MunicipalityLogo, Strategy
from partners.models import Partner, TwinTown, TwinTownStatusChange

from .brief import brief_is_empty, strategy_brief
from .texts import texts_for

ZERO = Decimal("0")


def report_strategy(strategy_id):
    return Strategy.objects.select_related("municipality").get(pk=strategy_id)


def _indicator_rows(indicators, year):
    """Each indicator with this year's value (or the latest before it) against the target."""
    rows = []
    for indicator in indicators:
        values = [v for v in indicator.values.all() if v.year <= year]
        latest = values[-1] if values else None
        reached = None
        if latest is not None and indicator.target is not None:
            rising = indicator.baseline is None or indicator.target >= indicator.baseline
            reached = (
                latest.value >= indicator.target if rising else latest.value <= indicator.target
            )
        rows.append({"indicator": indicator, "latest": latest, "reached": reached})
    return rows


def _actions(strategy, year):
    approved = FollowUp.objects.filter(year=year, state=FollowUp.State.APPROVED).prefetch_related(
        Prefetch("external_funding", queryset=ExternalFunding.objects.order_by("source")),
        "milestones_reached",
        # The appendix lists the files behind each approved follow-up by name only.
        Prefetch("evidence", queryset=Evidence.objects.only("follow_up_id", "name")),
    )
    return list(
        Action.objects.filter(strategy=strategy, is_archived=False)
        .select_related("goal_area", "responsible")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "code")),
            "partners",
            "twin_towns",
            "milestones",
            Prefetch("follow_ups", queryset=approved, to_attr="approved_follow_ups"),
        )
        .order_by(F("goal_area__order").asc(nulls_last=True), "goal_area__code", "order", "code")
    )


def _summarise(actions, currency):
    """Hours, money and funding of the approved follow-ups of `actions`.

    `money` adds only amounts in `currency` (the municipality's, as the dashboard does);
    follow-ups that report money in another currency are counted in `money_other_count`
    and their amounts listed per currency in `money_other`. `funding` is a list of
    (currency, amount), the municipality's currency first: amounts are never added
    across currencies.
    """
    hours, money, reported, other_count = ZERO, ZERO, 0, 0
    other, funding = defaultdict(Decimal), defaultdict(Decimal)
    for action in actions:
        report = action.report
        if report is None:
            continue
        reported += 1
        hours += report.hours
        if report.currency == currency:
            money += report.money_spent
        elif report.money_spent:
            other_count += 1
            other[report.currency] += report.money_spent
        for item in report.external_funding.all():
            funding[item.currency] += item.amount
    return {
        "reported": reported,
        "hours": hours,
        "money": money,
        "money_other_count": other_count,
        "money_other": _by_currency(other, currency),
        "funding": _by_currency(funding, currency),
    }


def _by_currency(amounts, currency):
    return sorted(amounts.items(), key=lambda item: (item[0] != currency, item[0]))


def _indicators_by_place(indicators):
    """The dashboard's indicators (approved values only) by action, goal area or strategy."""
    by_action, by_area, strategy_wide = defaultdict(list), defaultdict(list), []
    for indicator in indicators:
        if indicator.action_id is not None:
            by_action[indicator.action_id].append(indicator)
        elif indicator.goal_area_id is not None:
            by_area[indicator.goal_area_id].append(indicator)
        else:
            strategy_wide.append(indicator)
    return by_action, by_area, strategy_wide


def _relations(strategy, year, actions):
    """Partners and twin towns with the actions involving them that were reported this year."""
    reported_by_partner, reported_by_town = {}, {}
    for action in actions:
        if action.report is None:
            continue
        for partner in action.partners.all():
            reported_by_partner.setdefault(partner.pk, []).append(action)
        for town in action.twin_towns.all():
            reported_by_town.setdefault(town.pk, []).append(action)
    partners = list(Partner.objects.filter(municipality=strategy.municipality_id))
    changes = TwinTownStatusChange.objects.filter(year=year).order_by("order")
    towns = list(
        TwinTown.objects.filter(municipality=strategy.municipality_id).prefetch_related(
            Prefetch("status_changes", queryset=changes, to_attr="changes_this_year")
        )
    )
    for partner in partners:
        partner.reported_actions = reported_by_partner.get(partner.pk, [])
    for town in towns:
        town.reported_actions = reported_by_town.get(town.pk, [])
    return partners, towns


def chart_has_data(chart):
    """A chart shows something only if one of its figures is a number other than zero."""
    return any(cell not in (None, 0, "", "–") for row in chart.table for cell in row[1:])


# The summary's charts in print order, each with the heading of its first table column.
SUMMARY_CHARTS = (
    ("status", True),
    ("progress_over_years", False),
    ("hours", True),
    ("money", True),
)


def summary_charts(charts, municipality):
    """The summary's charts that have a figure to show: an empty chart is left out, not
    drawn as axes over nothing (a plan with no actions, a year with no money reported)."""
    return [
        {"chart": charts[key], "category": municipality.label_goal_area if by_area else ""}
        for key, by_area in SUMMARY_CHARTS
        if chart_has_data(charts[key])
    ]


def contents(context):
    """The report's chapters [(anchor, title)]: the PDF's table of contents and the Word
    version's first-level headings, from this one list."""
    municipality = context["municipality"]
    actions_label = municipality.label_action_plural
    entries = [("foreword", _("Foreword"))] if context["foreword"] else []
    entries.append(("summary", _("Summary")))
    if context["figures"]["plan_goals"]:
        entries.append(("plan-goals", _("Goals for the whole plan")))
    if context["brief_has_content"]:
        entries.append(("brief", _("The strategy in brief")))
    entries += [(section["anchor"], section["heading"]) for section in context["sections"]]
    if context["actions"]:
        entries.append(
            (
                "without-follow-up",
                _("%(label)s without an approved follow-up") % {"label": actions_label},
            )
        )
    entries.append(("relations", _("Partners and twin towns")))
    # "Contribution to Agenda 2030", and one per other framework the plan is linked to.
    entries += [(chapter.anchor, chapter.heading) for chapter in context["framework_chapters"]]
    if context["actions"]:
        entries.append(
            ("appendix", _("Appendix: all %(label)s") % {"label": actions_label.lower()})
        )
    return entries


def report_context(strategy, year):
    """Everything the annual report shows for `strategy` in `year`: a fixed query count.

    `strategy` must come with its municipality (`report_strategy`).
    """
    currency = strategy.municipality.currency
    figures = dashboard_figures(strategy, year, approved_only=True)
    action_indicators, area_indicators, strategy_wide = _indicators_by_place(figures["indicators"])
    actions = _actions(strategy, year)
    for action in actions:
        action.report = action.approved_follow_ups[0] if action.approved_follow_ups else None
        reached = set()
        if action.report is not None:
            reached = {m.pk for m in action.report.milestones_reached.all()}
        action.milestone_rows = [
            {"milestone": m, "reached": bool(m.reached_on) or m.pk in reached}
            for m in action.milestones.all()
        ]
        action.indicator_rows = _indicator_rows(action_indicators.get(action.pk, []), year)
        action.evidence_names = (
            [e.name for e in action.report.evidence.all()] if action.report else []
        )

    goal_areas = list(
        GoalArea.objects.filter(strategy=strategy)
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("order", "code")))
        .order_by("order", "code")
    )
    by_area = {}
    for action in actions:
        by_area.setdefault(action.goal_area_id, []).append(action)
    label = strategy.municipality.label_goal_area
    texts = texts_for(strategy, year)  # the coordinator's foreword and assessments
    sections = [
        {
            "goal_area": area,
            "anchor": f"area-{area.pk}",
            "heading": f"{label} {area.code}. {area.title}",
            "actions": by_area.get(area.pk, []),
            "indicator_rows": _indicator_rows(area_indicators.get(area.pk, []), year),
            "totals": _summarise(by_area.get(area.pk, []), currency),
            "assessment": texts[area.pk].text if area.pk in texts else "",
        }
        for area in goal_areas
    ]
    if None in by_area:
        # Plan-wide actions (Tranås lists its activities for the whole programme).
        sections.append(
            {
                "goal_area": None,
                "anchor": "plan-wide",
                "heading": _("%(actions)s for the whole strategy")
                % {"actions": strategy.municipality.label_action_plural},
                "actions": by_area[None],
                "indicator_rows": [],
                "totals": _summarise(by_area[None], currency),
                "assessment": "",
            }
        )
    partners, twin_towns = _relations(strategy, year, actions)
    charts = dashboard_charts(figures)
    brief = strategy_brief(strategy, partners)
    context = {
        "strategy": strategy,
        "municipality": strategy.municipality,
        "year": year,
        "sections": sections,
        "actions": actions,
        # The appendix marks these; the municipality may let coordinators self-approve.
        "self_approved": sum(1 for a in actions if a.report and a.report.is_self_approved),
        "evidence_listed": any(a.evidence_names for a in actions),
        "without_follow_up": [a for a in actions if a.report is None],
        "totals": _summarise(actions, currency),
        "strategy_indicator_rows": _indicator_rows(strategy_wide, year),
        "partners": partners,
        "twin_towns": twin_towns,
        "framework_chapters": framework_chapters(strategy, actions, currency),
        "figures": figures,
        "charts": charts,
        "summary_charts": summary_charts(charts, strategy.municipality) if actions else [],
        "foreword": texts[None].text if None in texts else "",
        "brief": brief,
        "brief_has_content": not brief_is_empty(brief),
        "generated_on": timezone.localdate(),
    }
    # The logo, if the municipality has one: read here only, where it is shown.
    logo = MunicipalityLogo.objects.filter(municipality_id=strategy.municipality_id).first()
    context["logo_png"] = bytes(logo.png) if logo else b""
    context["logo_uri"] = logo.data_uri if logo else ""
    context["contents"] = contents(context)
    return context
