"""Reading framework links for a municipality's pages. Constant queries throughout."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum

from accounts.permissions import strategy_visibility
from actions.models import Action, FollowUp
from actions.selectors import spending
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


def counted_states(approved_only):
    """The follow-ups a figure counts: approved only for the public, every state for
    members (the dashboard's rule, reporting.selectors.counted_states)."""
    return [FollowUp.State.APPROVED] if approved_only else list(FollowUp.State.values)


def _of_year(year, states, currency):
    """Per action (an OuterRef), its follow-up status of `year` and the hours and money
    that year adds to the dashboard's figures (actions.selectors.spending: one rule)."""
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


def contribution(user, municipality, item, year=None, *, approved_only=True):
    """The goals and actions of `municipality` linked to `item` that `user` may read:
    drafts for members only, another municipality's never. With `year`, each action has
    its follow-up status of the year and the hours and money it reported (follow-ups in
    counted_states(approved_only)), and `totals` sums them. Two queries."""
    goals = (
        Goal.objects.filter(
            goal_area__strategy__municipality=municipality,
            framework_links__item=item,
        )
        .filter(strategy_visibility(user, "goal_area__strategy__"))
        .annotate(link_note=F("framework_links__note"))  # the filter's join: one row each
        .select_related("goal_area__strategy")
        .order_by("goal_area__strategy__slug", "goal_area__order", "order", "pk")
    )
    actions = (
        Action.objects.filter(
            strategy__municipality=municipality, framework_links__item=item, is_archived=False
        )
        .filter(strategy_visibility(user, "strategy__"))
        .annotate(link_note=F("framework_links__note"))
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
    return {"goals": list(goals), "actions": actions, "totals": totals}


def strategy_summary(strategy, framework_code="sdg", year=None, *, approved_only=True):
    """Every item of the framework with the number of the strategy's actions (not
    archived) linked to it, in the framework's order. With `year`, each item also has the
    number of the year's counted follow-ups of those actions (`follow_ups`) and the hours
    and money they report (`hours`, `money`, in the municipality's currency), as the
    dashboard's figures count them. Two queries."""
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
    items = list(items)
    if year is not None:
        _add_year_figures(strategy, framework_code, items, year, approved_only)
    return items


def _add_year_figures(strategy, framework_code, items, year, approved_only):
    states = counted_states(approved_only)
    currency = strategy.municipality.currency
    link = "action__framework_links__item"
    rows = {
        row[link]: row
        for row in FollowUp.objects.filter(
            action__strategy=strategy,
            action__is_archived=False,
            year=year,
            state__in=states,
            **{f"{link}__framework__code": framework_code, f"{link}__parent__isnull": True},
        )
        .values(link)
        .annotate(
            follow_ups=Count("pk"),
            hours=Sum("hours", filter=spending("hours", states=states, currency=currency)),
            money=Sum("money_spent", filter=spending("money", states=states, currency=currency)),
        )
        .order_by()
    }
    for item in items:
        row = rows.get(item.pk, {})
        item.follow_ups = row.get("follow_ups", 0)
        item.hours = row.get("hours") or Decimal(0)
        item.money = row.get("money") or Decimal(0)


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


def summary_with_colours(strategy, year=None, *, approved_only=True):
    """(item, colour) of every SDG the strategy links an action to, with its
    `action_count` and (with `year`) the year's follow-ups, hours and money; [] when it
    links none, so a plan without SDG work shows no empty section. Two queries."""
    items = strategy_summary(strategy, year=year, approved_only=approved_only)
    return [(item, safe_colour(item)) for item in items if item.action_count]


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
