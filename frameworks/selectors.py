"""Reading framework links for a municipality's pages. Constant queries throughout."""

import re

from django.db.models import Count, Prefetch, Q

from accounts.permissions import strategy_visibility
from actions.models import Action
from goals.models import Goal

from .models import Framework, FrameworkItem

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def safe_colour(item):
    """The item's colour for a style attribute, only if it is a plain hex colour."""
    return item.colour if COLOUR.fullmatch(item.colour or "") else ""


def item_for(municipality, framework_code, item_code):
    """The item, if its framework is shared or the municipality's own; else None."""
    return (
        FrameworkItem.objects.select_related("framework")
        .filter(framework__code=framework_code, code=item_code)
        .filter(Q(framework__municipality__isnull=True) | Q(framework__municipality=municipality))
        .first()
    )


def contribution(user, municipality, item):
    """The goals and actions of `municipality` linked to `item` that `user` may read:
    drafts for members only, another municipality's never. Two queries."""
    goals = (
        Goal.objects.filter(
            goal_area__strategy__municipality=municipality,
            framework_links__item=item,
        )
        .filter(strategy_visibility(user, "goal_area__strategy__"))
        .select_related("goal_area__strategy")
        .order_by("goal_area__strategy__slug", "goal_area__order", "order", "pk")
    )
    actions = (
        Action.objects.filter(
            strategy__municipality=municipality, framework_links__item=item, is_archived=False
        )
        .filter(strategy_visibility(user, "strategy__"))
        .select_related("strategy", "goal_area", "responsible")
        .order_by("strategy__slug", "goal_area__order", "order", "code")
    )
    return {"goals": list(goals), "actions": list(actions)}


def strategy_summary(strategy, framework_code="sdg"):
    """Every item of the framework with the number of the strategy's actions (not
    archived) linked to it, in the framework's order. One query."""
    linked = Q(action_links__action__strategy=strategy, action_links__action__is_archived=False)
    items = (
        FrameworkItem.objects.filter(framework__code=framework_code, parent__isnull=True)
        .filter(
            Q(framework__municipality__isnull=True)
            | Q(framework__municipality=strategy.municipality_id)
        )
        .select_related("framework")
        .annotate(action_count=Count("action_links", filter=linked))
        .order_by("order", "pk")
    )
    return list(items)


def items_prefetch():
    """For a queryset of goals or actions: their items with frameworks, in order."""
    return Prefetch(
        "framework_items",
        queryset=FrameworkItem.objects.select_related("framework").order_by(
            "framework__order", "framework__code", "order", "pk"
        ),
    )


def frameworks_shown():
    return Framework.objects.filter(municipality__isnull=True)


def summary_with_colours(strategy):
    """(item, colour) of every SDG with its `action_count` for the strategy; [] when the
    strategy links no action to any, so a plan without SDG work shows no empty section."""
    items = strategy_summary(strategy)
    if not any(item.action_count for item in items):
        return []
    return [(item, safe_colour(item)) for item in items]
