"""Reads of the plan, each a fixed number of queries whatever the plan's size."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.permissions import (
    require_view_strategy,
    visible_municipalities,
    visible_strategies,
)

from .models import GoalArea, Municipality, Strategy, StrategyPoint


def municipalities_for(user):
    """Municipalities the user may see, with the strategies they may see (2 queries)."""
    strategies = visible_strategies(user, Strategy.objects.order_by("-period_start"))
    return visible_municipalities(user, Municipality.objects.all()).prefetch_related(
        Prefetch("strategies", queryset=strategies)
    )


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
        .prefetch_related("goals", Prefetch("actions", queryset=actions), "strategy_points")
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
        "twin_towns": list(strategy.municipality.twin_towns.prefetch_related("status_changes")),
    }
