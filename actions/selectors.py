"""Reads that feed the action pages, each a fixed number of queries whatever the data size.

The follow-up's rules (late, ended, owing, counted, spending) are in `actions.rules`;
`funding_of` here says which funding rows add to the dashboard's funding figures.
"""

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.shortcuts import get_object_or_404

from accounts.permissions import require_member
from goals.models import Strategy
from partners.models import Partner, TwinTown

from .models import Action, FollowUp, Indicator, IndicatorValue, has_ended
from .rules import annotate_late, expecting_follow_up, reported_states


def annotate_year_state(queryset, year):
    """Annotate `year_follow_up_id` and `year_state`: the action's follow-up for `year`,
    and who submitted and reviewed it (`year_submitted_by_id`, `year_reviewed_by_id`)."""
    of_year = FollowUp.objects.filter(action=OuterRef("pk"), year=year)
    return queryset.annotate(
        year_follow_up_id=Subquery(of_year.values("pk")[:1]),
        year_state=Subquery(of_year.values("state")[:1]),
        year_submitted_by_id=Subquery(of_year.values("submitted_by")[:1]),
        year_reviewed_by_id=Subquery(of_year.values("reviewed_by")[:1]),
    )


# A funding "source" standing for all of them: the year table's funding per currency.
ANY_SOURCE = "any"


def with_estimate(kind, currency):
    """Actions whose plan estimate adds to the dashboard's "estimated" hours (`kind="hours"`)
    or cost (`"cost"`, in `currency` or with no currency given, as `_year_rows` sums it)."""
    if kind == "hours":
        return Q(estimated_hours__gt=0)
    return Q(cost_amount__gt=0) & (Q(cost_currency=currency) | Q(cost_currency=""))


def funding_of(year, source, currency, *, states):
    """External funding from `source` (or ANY_SOURCE) in `currency` reported in counted
    follow-ups of `year`: one row of the dashboard's funding table, or one year's funding
    in a currency (`ExternalFunding` lookups)."""
    funding = Q(follow_up__year=year, follow_up__state__in=states, currency=currency)
    return funding if source == ANY_SOURCE else funding & Q(source=source)


def open_follow_up_year(action, today):
    """The year a new follow-up of `action` is most likely for (1 query).

    The latest year of the strategy period, up to this year, that has no follow-up yet
    and in which the action has not ended; this year (or the period's last) if none is.
    """
    strategy = action.strategy
    last = min(today.year, strategy.last_year)
    years = range(last, strategy.first_year - 1, -1)
    if not years:
        return last
    free = {
        f"free_{year}": ExpressionWrapper(
            ~Exists(FollowUp.objects.filter(action=OuterRef("pk"), year=year)) & ~has_ended(year),
            output_field=BooleanField(),
        )
        for year in years
    }
    row = Action.objects.filter(pk=action.pk).values(**free).first() or {}
    return next((year for year in years if row.get(f"free_{year}")), last)


def work_year(strategies, today):
    """The year "my work" shows first: this year, or the last year of the member's
    strategy periods when they have all ended (Time's 2016–2019 plan: 2019)."""
    last_years = [strategy.last_year for strategy in strategies]
    return min(today.year, max(last_years)) if last_years else today.year


def strategies_for_staff(municipality):
    """Strategies whose action plans the member works on (all for admins: None)."""
    strategies = Strategy.objects.select_related("municipality").order_by(
        "municipality__name", "-period_start"
    )
    return strategies if municipality is None else strategies.filter(municipality=municipality)


def strategy_for_staff(user, slug):
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_member(user, strategy.municipality)
    return strategy


def plan_actions(strategy, today, year=None):
    """The strategy's actions for the plan screen and CSV (4 queries once evaluated), each
    with its follow-up of `year` (default: this year)."""
    queryset = (
        Action.objects.filter(strategy=strategy)
        .select_related("goal_area", "responsible")
        .prefetch_related("partners", "twin_towns")
    )
    return annotate_year_state(annotate_late(queryset, today), year or today.year)


def action_for_staff(user, pk, today):
    """One action with everything its page shows (constant queries)."""
    follow_ups = (
        FollowUp.objects.order_by("-year")
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("external_funding", "milestones_reached")
    )
    indicators = Indicator.objects.prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
    )
    queryset = Action.objects.select_related(
        "strategy__municipality", "goal_area", "responsible"
    ).prefetch_related(
        "goals",
        "strategy_points",
        # Their links need the municipality's slug.
        Prefetch("partners", queryset=Partner.objects.select_related("municipality")),
        Prefetch("twin_towns", queryset=TwinTown.objects.select_related("municipality")),
        "milestones",
        Prefetch("indicators", queryset=indicators),
        Prefetch("follow_ups", queryset=follow_ups),
    )
    action = get_object_or_404(annotate_late(queryset, today), pk=pk)
    require_member(user, action.strategy.municipality)
    return action


def action_for_write(user, pk):
    action = get_object_or_404(
        Action.objects.select_related("strategy__municipality", "responsible"), pk=pk
    )
    require_member(user, action.strategy.municipality)
    return action


def follow_up_for_staff(user, pk):
    """One follow-up with its action, funding, milestones and the year's indicator values."""
    follow_up = get_object_or_404(
        FollowUp.objects.select_related(
            "action__strategy__municipality",
            "action__responsible",
            "action__goal_area",
            "submitted_by",
            "reviewed_by",
        ).prefetch_related("external_funding", "milestones_reached"),
        pk=pk,
    )
    require_member(user, follow_up.action.strategy.municipality)
    return follow_up


def indicator_values_for(action, year):
    """The action's indicators, each with `.year_value` (the value for `year` or None)."""
    values = IndicatorValue.objects.filter(year=year)
    indicators = list(
        Indicator.objects.filter(action=action).prefetch_related(
            Prefetch("values", queryset=values, to_attr="year_values")
        )
    )
    for indicator in indicators:
        # An attribute the templates read, beside the prefetched list it comes from.
        indicator.year_value = (  # type: ignore[attr-defined]
            indicator.year_values[0].value if indicator.year_values else None
        )
        indicator.value_year = year  # type: ignore[attr-defined]  # what year_value is of
    return indicators


def editor_work(membership, year, today):
    """An editor's to-do list for `year` (3 queries)."""
    mine = Action.objects.filter(
        strategy__municipality=membership.municipality_id,
        responsible=membership.department_id,
        responsible__isnull=False,
    ).select_related("strategy", "goal_area")
    due = annotate_year_state(
        expecting_follow_up(mine, year).exclude(
            Exists(
                FollowUp.objects.filter(
                    action=OuterRef("pk"), year=year, state__in=reported_states(False)
                )
            )
        ),
        year,
    )
    returned = (
        # No user rows: the list is cached (my work), and no page or e-mail names them.
        FollowUp.objects.filter(action__in=mine, state=FollowUp.State.RETURNED)
        .select_related("action")
        .order_by("-year")
    )
    late = annotate_late(mine, today).filter(is_late=True)
    return {"due": list(due), "returned": list(returned), "late": list(late)}


def department_overview(municipality, year):
    """For a coordinator: per responsible department, which actions have submitted,
    approved or missing follow-ups for `year` (1 query; grouping in Python)."""
    actions = annotate_year_state(
        expecting_follow_up(Action.objects.all(), year), year
    ).select_related("responsible", "strategy__municipality")
    if municipality is not None:
        actions = actions.filter(strategy__municipality=municipality)
    actions = actions.order_by("strategy__municipality__name", "responsible__name", "code")
    rows: dict[tuple[int, int | None], dict] = {}
    for action in actions:
        key = (action.strategy.municipality_id, action.responsible_id)
        row = rows.setdefault(
            key,
            {
                "municipality": action.strategy.municipality,
                "department": action.responsible,
                "submitted": [],
                "approved": [],
                "missing": [],
            },
        )
        if action.year_state == FollowUp.State.SUBMITTED:
            row["submitted"].append(action)
        elif action.year_state == FollowUp.State.APPROVED:
            row["approved"].append(action)
        else:
            row["missing"].append(action)
    return list(rows.values())


def public_indicator_values():
    """Indicator values the public may see: an action's value is typed into its follow-up
    and saved with the draft, so it counts only once that year's follow-up is approved.
    Values of indicators that belong to no action are the coordinator's, shown as they are.
    (The rule of the public dashboard, dashboards.sections.indicators, and the open data.)"""
    approved = FollowUp.objects.filter(
        action=OuterRef("indicator__action"),
        year=OuterRef("year"),
        state=FollowUp.State.APPROVED,
    )
    return IndicatorValue.objects.filter(Q(indicator__action__isnull=True) | Exists(approved))
