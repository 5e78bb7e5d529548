"""What the open-data API may show: the public pages' visibility, from the same functions.

Everything here is read as an anonymous visitor reads it, whoever asks: published
municipalities only, no draft strategy, approved and real (not demo) follow-ups only, and
no person (no user, no reviewer, no comment) in any row.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from accounts.permissions import strategy_visibility
from actions.models import Action, ExternalFunding, FollowUp, Indicator
from actions.selectors import public_indicator_values
from frameworks.models import ActionLink, GoalAreaLink, GoalLink, StrategyPointLink
from goals.models import Goal, GoalArea, Municipality, Strategy, StrategyPoint
from partners.models import Partner, TwinTown, TwinTownStatusChange

PUBLIC = AnonymousUser()


def framework_links(model):
    """A prefetch of the rows' framework links with their items, frameworks and goals:
    one query for a page, whatever the number of links."""
    return Prefetch(
        "framework_links",
        queryset=model.objects.select_related("item__framework", "item__parent").order_by(
            "item__framework__order", "item__framework__code", "item__order", "pk"
        ),
    )


def municipalities():
    return Municipality.objects.filter(is_published=True).order_by("slug")


def strategies():
    return (
        Strategy.objects.filter(strategy_visibility(PUBLIC))
        .select_related("municipality")
        .order_by("municipality__slug", "-period_start", "slug")
    )


def strategy_plan(strategy):
    """Goal areas with goals, and strategy points: four queries."""
    areas = GoalArea.objects.filter(strategy=strategy).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("order", "code", "pk"))
    )
    points = StrategyPoint.objects.filter(strategy=strategy).select_related("parent")
    return list(areas.order_by("order", "code", "pk")), list(points.order_by("order", "pk"))


def goal_areas():
    return (
        GoalArea.objects.filter(strategy_visibility(PUBLIC, "strategy__"))
        .select_related("strategy__municipality")
        .prefetch_related(framework_links(GoalAreaLink))
        .order_by("strategy__municipality__slug", "strategy__slug", "order", "code", "pk")
    )


def goals():
    return (
        Goal.objects.filter(strategy_visibility(PUBLIC, "goal_area__strategy__"))
        .select_related("goal_area__strategy__municipality")
        .prefetch_related(framework_links(GoalLink))
        .order_by(
            "goal_area__strategy__municipality__slug",
            "goal_area__strategy__slug",
            "goal_area__order",
            "goal_area__pk",
            "order",
            "code",
            "pk",
        )
    )


def strategy_points():
    return (
        StrategyPoint.objects.filter(strategy_visibility(PUBLIC, "strategy__"))
        .select_related("strategy__municipality", "parent")
        .prefetch_related(
            Prefetch("goal_areas", queryset=GoalArea.objects.order_by("order", "code", "pk")),
            framework_links(StrategyPointLink),
        )
        .order_by("strategy__municipality__slug", "strategy__slug", "order", "pk")
    )


def actions():
    return (
        Action.objects.filter(strategy_visibility(PUBLIC, "strategy__"))
        .select_related("strategy__municipality", "goal_area", "responsible")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "code", "pk")),
            Prefetch("strategy_points", queryset=StrategyPoint.objects.order_by("order", "pk")),
            Prefetch("partners", queryset=Partner.objects.order_by("pk")),
            Prefetch("twin_towns", queryset=TwinTown.objects.order_by("pk")),
            framework_links(ActionLink),
        )
        .order_by("strategy__municipality__slug", "strategy__slug", "pk")
    )


def follow_ups():
    """Approved, real follow-ups of visible strategies; who wrote or reviewed them and the
    review comment are never loaded."""
    return (
        FollowUp.objects.filter(
            strategy_visibility(PUBLIC, "action__strategy__"),
            state=FollowUp.State.APPROVED,
            is_demo=False,
        )
        .only(
            "pk",
            "year",
            "status",
            "progress",
            "hours",
            "money_spent",
            "currency",
            "action__code",
            "action__strategy__slug",
            "action__strategy__municipality__slug",
        )
        .select_related("action__strategy__municipality")
        .prefetch_related(
            Prefetch("external_funding", queryset=ExternalFunding.objects.order_by("pk"))
        )
        .order_by("action__strategy__municipality__slug", "action__strategy__slug", "year", "pk")
    )


def indicators():
    """Indicators of visible strategies with their public values only."""
    return (
        Indicator.objects.filter(strategy_visibility(PUBLIC, "strategy__"))
        .select_related("strategy__municipality", "goal_area", "action")
        .prefetch_related(Prefetch("values", queryset=public_indicator_values().order_by("year")))
        .order_by("strategy__municipality__slug", "strategy__slug", "pk")
    )


def partners():
    return (
        Partner.objects.filter(municipality__is_published=True)
        .select_related("municipality")
        .order_by("municipality__slug", "pk")
    )


def twin_towns():
    changes = TwinTownStatusChange.objects.order_by("order", "pk")
    return (
        TwinTown.objects.filter(municipality__is_published=True)
        .select_related("municipality")
        .prefetch_related(Prefetch("status_changes", queryset=changes))
        .order_by("municipality__slug", "pk")
    )
