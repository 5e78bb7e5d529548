"""Reads of the plan, each a fixed number of queries whatever the plan's size."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.permissions import (
    membership_of,
    require_view_strategy,
    visible_municipalities,
    visible_strategies,
)

from .models import Country, Goal, GoalArea, Municipality, Strategy, StrategyPoint

HOME_PAGE_SIZE = 24


def municipality_page(user, number, country="", county=""):
    """One page of the municipalities the user may see, by country, county and name: 2
    queries (count, page) at any size. Each one's strategies are read only for a card not
    cached (`strategies_by_municipality`, the home page's `municipality_cards`).

    A regional body's installation holds a thousand municipalities; the page never renders
    or computes anything for the ones it does not show.
    """
    municipalities = visible_municipalities(user, Municipality.objects.all()).only(
        "pk", "slug", "name", "country", "county", "number", "language"
    )
    if country in Country.values:
        municipalities = municipalities.filter(country=country)
    if county:
        municipalities = municipalities.filter(county=county)
    page = Paginator(
        municipalities.order_by("country", "county", "name", "pk"), HOME_PAGE_SIZE
    ).get_page(number)
    page.object_list = list(page.object_list)
    return page


def strategies_by_municipality(user, municipality_ids):
    """{municipality id: the strategies of it the user may see, newest first}: 1 query."""
    strategies = visible_strategies(
        user,
        Strategy.objects.filter(municipality__in=list(municipality_ids)).order_by("-period_start"),
    )
    by_municipality: dict[int, list] = {pk: [] for pk in municipality_ids}
    for strategy in strategies:
        by_municipality[strategy.municipality_id].append(strategy)
    return by_municipality


def counties(user, country):
    """The counties (fylke, län) of `country` among the municipalities the user may see,
    by name (1 query; none without a country: the same name may be in two countries)."""
    if country not in Country.values:
        return []
    return list(
        visible_municipalities(user, Municipality.objects.filter(country=country))
        .exclude(county="")
        .order_by("county")
        .values_list("county", flat=True)
        .distinct()
    )


def own_municipality(user):
    """The signed-in member's municipality, shown first on the home page, or None."""
    membership = membership_of(user)
    if membership is None or membership.municipality_id is None:
        return None
    return membership.municipality


def strategies_of(user, municipality):
    """The municipality's strategies this user may see, newest first (1 query)."""
    return visible_strategies(user, municipality.strategies.order_by("-period_start"))


def strategy_for(user, slug):
    """The whole plan of one strategy, for reading (constant queries).

    Actions are read through the strategy's reverse relation: the actions app builds on
    this one, so this one never imports its models.
    """
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_view_strategy(user, strategy)
    actions = (
        strategy.actions.filter(is_archived=False)
        .select_related("responsible")
        .prefetch_related("partners", "twin_towns", "goals", "strategy_points")
    )
    goal_areas = (
        GoalArea.objects.filter(strategy=strategy)
        .prefetch_related(
            # The goals' framework chips (SDG 11…), by name: frameworks builds on goals.
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    "framework_items__framework", "framework_items__parent"
                ),
            ),
            Prefetch("actions", queryset=actions),
            "strategy_points",
        )
        .annotate(action_count=Count("actions", filter=Q(actions__is_archived=False)))
    )
    points = StrategyPoint.objects.filter(strategy=strategy, parent__isnull=True).prefetch_related(
        "points", "goal_areas"
    )
    return {
        "strategy": strategy,
        "municipality": strategy.municipality,
        "goal_areas": list(goal_areas),
        # Listed for the whole plan, not under one goal area (Tranås).
        "plan_wide_actions": list(actions.filter(goal_area__isnull=True)),
        "strategy_points": list(points),
        "statements": list(strategy.statements.all()),
        "amendments": list(strategy.amendments.all()),
        "responsible_parties": list(strategy.municipality.responsible_parties.all()),
        "partners": list(strategy.municipality.partners.all()),
        "twin_towns": list(
            strategy.municipality.twin_towns.prefetch_related("status_changes", "agreements")
        ),
        # Goals for the whole plan, each with its sub-goals (not in a goal area).
        "plan_goals": list(
            strategy.plan_goals.filter(parent__isnull=True).prefetch_related("sub_goals")
        ),
    }
