"""Reading framework links for a municipality's pages. Constant queries throughout."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from accounts.permissions import strategy_visibility
from actions.models import Action, FollowUp
from actions.rules import counted_states, spending
from goals.models import Goal, GoalArea, StrategyPoint

from .models import (
    ActionLink,
    Framework,
    FrameworkItem,
    GoalAreaLink,
    GoalLink,
    StrategyPointLink,
)

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def safe_colour(item):
    """The item's colour for a style attribute, only if it is a plain hex colour; a target
    (SDG 11.1) has its goal's where `parent` was loaded with it (never a query here)."""
    goal = item.parent if item.parent_id and FrameworkItem.parent.is_cached(item) else None
    colour = item.colour or (goal.colour if goal is not None else "")
    return colour if COLOUR.fullmatch(colour or "") else ""


def item_for(municipality, framework_code, item_code):
    """The item, if its framework is shared or the municipality's own; else None."""
    return (
        FrameworkItem.objects.select_related("framework", "parent")
        .filter(framework__code=framework_code, code=item_code)
        .filter(Q(framework__municipality__isnull=True) | Q(framework__municipality=municipality))
        .first()
    )


def _of_year(year, states, currency):
    """Per action (an OuterRef), its follow-up status of `year` and the hours and money
    that year adds to the dashboard's figures (actions.rules.spending: one rule)."""
    follow_ups = FollowUp.objects.filter(action=OuterRef("pk"), year=year, state__in=states)

    def total(field, kind):
        return Subquery(
            FollowUp.objects.filter(
                spending(kind, states=states, currency=currency), action=OuterRef("pk"), year=year
            )
            .values("action")
            .annotate(total=Sum(field))
            .values("total")
        )

    return {
        "year_status": Subquery(follow_ups.order_by("-pk").values("status")[:1]),
        "year_hours": total("hours", "hours"),
        "year_money": total("money_spent", "money"),
    }


@dataclass
class Totals:
    hours: Decimal
    money: Decimal


def _linked(queryset, link_model, field, item):
    """The rows of `queryset` linked to `item` or, for a goal, to one of its targets (an
    action linked to SDG 11.1 works for SDG 11), once each, with `link_note`: the note of
    the link to the item itself, else of the first target's."""
    links = link_model.objects.filter(**{field: OuterRef("pk")}).filter(
        Q(item=item) | Q(item__parent=item)
    )
    notes = links.order_by(F("item__parent").asc(nulls_first=True), "item__order", "pk")
    return queryset.filter(Exists(links)).annotate(link_note=Subquery(notes.values("note")[:1]))


def contribution(user, municipality, item, year=None, *, approved_only=True):
    """The goal areas, goals, strategy points and actions of `municipality` linked to
    `item` (or one of its targets) that `user` may read: drafts for members only, another
    municipality's never. With `year`, each action has its follow-up status of the year
    and the hours and money it reported (follow-ups in counted_states(approved_only)), and
    `totals` sums them. Four queries."""
    goal_areas = (
        _linked(
            GoalArea.objects.filter(strategy__municipality=municipality),
            GoalAreaLink,
            "goal_area",
            item,
        )
        .filter(strategy_visibility(user, "strategy__"))
        .select_related("strategy")
        .order_by("strategy__slug", "order", "code", "pk")
    )
    points = (
        _linked(
            StrategyPoint.objects.filter(strategy__municipality=municipality),
            StrategyPointLink,
            "strategy_point",
            item,
        )
        .filter(strategy_visibility(user, "strategy__"))
        .select_related("strategy")
        .order_by("strategy__slug", "order", "code", "pk")
    )
    goals = (
        _linked(
            Goal.objects.filter(goal_area__strategy__municipality=municipality),
            GoalLink,
            "goal",
            item,
        )
        .filter(strategy_visibility(user, "goal_area__strategy__"))
        .select_related("goal_area__strategy")
        .order_by("goal_area__strategy__slug", "goal_area__order", "order", "pk")
    )
    actions = (
        _linked(
            Action.objects.filter(strategy__municipality=municipality, is_archived=False),
            ActionLink,
            "action",
            item,
        )
        .filter(strategy_visibility(user, "strategy__"))
        .select_related("strategy", "goal_area", "responsible")
        .order_by("strategy__slug", "goal_area__order", "order", "code")
    )
    if year is not None:
        actions = actions.annotate(
            **_of_year(year, counted_states(approved_only), municipality.currency)
        )
    actions = list(actions)
    for action in actions:
        status = getattr(action, "year_status", None)
        action.year_status_label = FollowUp.Status(status).label if status else ""
    totals = Totals(
        hours=sum((getattr(a, "year_hours", None) or 0 for a in actions), Decimal(0)),
        money=sum((getattr(a, "year_money", None) or 0 for a in actions), Decimal(0)),
    )
    return {
        "goal_areas": list(goal_areas),
        "goals": list(goals),
        "strategy_points": list(points),
        "actions": actions,
        "totals": totals,
    }


def strategy_summary(strategy, framework_code="sdg", year=None, *, approved_only=True):
    """Every goal of the framework with the number of the strategy's goal areas, goals and
    actions (not archived) linked to it or one of its targets, in the framework's order.
    With `year`, each goal also has the number of the year's counted follow-ups of those
    actions (`follow_ups`) and the hours and money they report (`hours`, `money`, in the
    municipality's currency), as the dashboard's figures count them; an action linked to
    a goal and its target counts once. One query."""
    actions = Action.objects.filter(strategy=strategy, is_archived=False)
    counts = {
        "action_count": _count(_to_goal(actions, ActionLink, "action"), "strategy"),
        "goal_area_count": _count(
            _to_goal(GoalArea.objects.filter(strategy=strategy), GoalAreaLink, "goal_area"),
            "strategy",
        ),
        "goal_count": _count(
            _to_goal(Goal.objects.filter(goal_area__strategy=strategy), GoalLink, "goal"),
            "goal_area__strategy",
        ),
    }
    if year is not None:
        states = counted_states(approved_only)
        currency = strategy.municipality.currency
        follow_ups = FollowUp.objects.filter(
            action__strategy=strategy, action__is_archived=False, year=year, state__in=states
        )
        follow_ups = _to_goal(follow_ups, ActionLink, "action", row="action")
        counts |= {
            "follow_ups": _count(follow_ups, "action__strategy"),
            "hours": _total(
                follow_ups, "hours", spending("hours", states=states, currency=currency)
            ),
            "money": _total(
                follow_ups, "money_spent", spending("money", states=states, currency=currency)
            ),
        }
    items = (
        FrameworkItem.objects.filter(framework__code=framework_code, parent__isnull=True)
        .filter(
            Q(framework__municipality__isnull=True)
            | Q(framework__municipality=strategy.municipality_id)
        )
        .select_related("framework")
        .annotate(**counts)
        .order_by("order", "pk")
    )
    return list(items)


def _to_goal(queryset, link_model, field, row="pk"):
    """The rows of `queryset` linked to the goal (the outer query's item) or one of its
    targets, each once however many of its links match."""
    goal = OuterRef(OuterRef("pk"))
    links = link_model.objects.filter(**{field: OuterRef(row)}).filter(
        Q(item=goal) | Q(item__parent=goal)
    )
    return queryset.filter(Exists(links))


def _count(queryset, common):
    """Their number, as a subquery (`common`: a field every row shares, to group by)."""
    counted = queryset.order_by().values(common).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _total(queryset, field, condition):
    summed = (
        queryset.order_by()
        .values("action__strategy")
        .annotate(total=Sum(field, filter=condition))
        .values("total")
    )
    return Coalesce(Subquery(summed), Decimal(0), output_field=FollowUp._meta.get_field(field))


def items_prefetch():
    """For a queryset of goals or actions: their items with frameworks, in order."""
    return Prefetch(
        "framework_items",
        queryset=FrameworkItem.objects.select_related("framework", "parent").order_by(
            "framework__order", "framework__code", "order", "pk"
        ),
    )


def frameworks_shown():
    return Framework.objects.filter(municipality__isnull=True)


def links_anything(strategy):
    """Whether any goal area, goal or action (not archived) of `strategy` is linked to a
    framework item (one query): the summary's many counts are not asked for otherwise."""
    linked = Q(
        Exists(ActionLink.objects.filter(action__strategy=strategy, action__is_archived=False))
    )
    linked |= Q(Exists(GoalAreaLink.objects.filter(goal_area__strategy=strategy)))
    linked |= Q(Exists(GoalLink.objects.filter(goal__goal_area__strategy=strategy)))
    # Asked of any one item: there is no link without an item.
    return FrameworkItem.objects.filter(linked).exists()


def summary_with_colours(strategy, year=None, *, approved_only=True):
    """(item, colour) of every SDG the strategy links a goal area, goal or action to,
    with its `action_count`, `goal_area_count` and `goal_count` and (with `year`) the
    year's follow-ups, hours and money; [] when it links none, so a plan without SDG work
    shows no empty section. One query when it links none (most plans), else two."""
    if not links_anything(strategy):
        return []
    items = strategy_summary(strategy, year=year, approved_only=approved_only)
    return [
        (item, safe_colour(item))
        for item in items
        if item.action_count or item.goal_area_count or item.goal_count
    ]


def shared_items():
    """The goals of the shared frameworks (the SDGs, Europa 2020), to compare municipalities
    by: a municipality's own master plan is its alone. One query."""
    return list(
        FrameworkItem.objects.filter(framework__municipality__isnull=True, parent__isnull=True)
        .select_related("framework")
        .order_by("framework__order", "framework__code", "order", "pk")
    )


def municipalities_working_on(user, item, *, with_twin_towns=False):
    """[(municipality, number of actions)] of the municipalities whose actions (not
    archived, in strategies `user` may read: drafts for members only, unpublished
    municipalities for their members only) are linked to `item` or one of its targets,
    by name; with `with_twin_towns`, only actions that involve a twin town. Two queries."""
    from goals.models import Municipality

    actions = (
        Action.objects.filter(is_archived=False)
        .filter(Q(framework_links__item=item) | Q(framework_links__item__parent=item))
        .filter(strategy_visibility(user, "strategy__"))
    )
    if with_twin_towns:
        actions = actions.filter(twin_towns__isnull=False)
    counts = {
        row["strategy__municipality"]: row["n"]
        for row in actions.values("strategy__municipality")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    municipalities = Municipality.objects.filter(pk__in=list(counts)).order_by("name")
    return [(municipality, counts[municipality.pk]) for municipality in municipalities]
