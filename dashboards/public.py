"""Reads for the public transparency page: a published plan and its approved follow-ups."""

from django.db.models import Case, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.permissions import membership_of, visible_strategies
from actions.filters import ActionFilter
from actions.models import Action, FollowUp
from goals.models import Goal, GoalArea, Municipality, Strategy


def published_municipality(slug):
    """A published municipality; an unpublished one is a 404, like one that does not exist."""
    return get_object_or_404(Municipality, slug=slug, is_published=True)


def public_strategies(user, municipality):
    """The municipality's strategies this user may see: drafts for its members only."""
    return visible_strategies(user, Strategy.objects.filter(municipality=municipality))


def public_strategy(user, municipality, slug=None):
    """The chosen strategy, or the most recent adopted one (then superseded, then a draft
    the user may see), or None. One query.

    A draft the user may not see is a 404, as if it did not exist. Members are shown
    what the public sees first: a draft only when nothing else exists."""
    strategies = public_strategies(user, municipality).select_related("municipality")
    if slug:
        return get_object_or_404(strategies, slug=slug)
    preference = Case(
        When(status=Strategy.Status.ADOPTED, then=Value(0)),
        When(status=Strategy.Status.DRAFT, then=Value(2)),
        default=Value(1),
    )
    return strategies.order_by(preference, "-period_start").first()


def _preference(strategy):
    """`public_strategy`'s order, in Python: adopted, then superseded, then a draft;
    the most recent first (one with no stated period last)."""
    rank = {Strategy.Status.ADOPTED: 0, Strategy.Status.DRAFT: 2}.get(strategy.status, 1)
    return rank, *_recent_first(strategy)


def _recent_first(strategy):
    return strategy.period_start is None, -(strategy.period_start or 0)


def strategy_and_others(user, municipality, slug=None):
    """(the strategy `public_strategy` picks, the others this user may see, the most
    recent first), read in one query; a draft the user may not see is a 404."""
    strategies = list(
        public_strategies(user, municipality).select_related("municipality").order_by()
    )
    if slug:
        chosen = next((s for s in strategies if s.slug == slug), None)
        if chosen is None:
            raise Http404
    else:
        chosen = min(strategies, key=_preference, default=None)
    others = [s for s in strategies if s is not chosen]
    others.sort(key=_recent_first)
    return chosen, others


def own_strategy(user):
    """A member's municipality's current strategy (as `public_strategy` picks it), or None."""
    membership = membership_of(user)
    if membership is None or membership.municipality_id is None:
        return None
    return public_strategy(user, membership.municipality)


# A goal's framework chips: the items with their framework, and a target's goal (its colour).
CHIPS = ("framework_items__framework", "framework_items__parent")


def public_plan(strategy):
    """Goal areas with goals and actions, each action with its APPROVED follow-ups only,
    and the plan-wide actions, with their SDG chips. Ten queries. Drafts, submitted or
    returned follow-ups and review comments never leave this function (the follow-ups are
    loaded without `review_comment`).
    """
    approved = (
        FollowUp.objects.filter(state=FollowUp.State.APPROVED)
        .defer("review_comment")
        .order_by("-year")
    )
    actions = (
        Action.objects.filter(is_archived=False)
        .select_related("responsible")
        .prefetch_related(
            Prefetch("follow_ups", queryset=approved, to_attr="approved_follow_ups"),
            "framework_items__framework",  # the SDG chips (a target's in its goal's colour)
            "framework_items__parent",
        )
    )
    goal_areas = GoalArea.objects.filter(strategy=strategy).prefetch_related(
        Prefetch("goals", queryset=Goal.objects.prefetch_related(*CHIPS)),
        Prefetch("actions", queryset=actions, to_attr="plan_actions"),
    )
    return {
        "goal_areas": list(goal_areas),
        # Plan-wide actions, placed under no goal area (Tranås).
        "plan_wide": list(actions.filter(strategy=strategy, goal_area__isnull=True)),
    }


# The dashboard's drill-down filters (dashboards.drilldown) the public page accepts.
FIGURE_FILTERS = (
    "goal_area",
    "plan_wide",
    "no_responsible",
    "responsible",
    "follow_up_year",
    "follow_up_status",
    "spent",
    "estimated",
    "funding_source",
    "funding_currency",
    "framework_item",  # the actions of the Agenda 2030 table's row (SDG 11)
)


def figure_actions(strategy, query):
    """The actions behind a public figure, or None when `query` names no drill-down filter.

    The plan's drill-down rules with APPROVED follow-ups only, as the public figures count
    them, so a list has as many actions as its figure. A filter that does not fit the plan
    (another municipality's goal area, a bad year) lists nothing rather than too much.
    One query (plus one to check a chosen goal area or responsible party).
    """
    data = {key: query[key] for key in FIGURE_FILTERS if query.get(key)}
    if not data:
        return None
    action_filter = ActionFilter(
        data,
        queryset=Action.objects.filter(strategy=strategy).select_related("goal_area"),
        strategy=strategy,
        states=[FollowUp.State.APPROVED],
    )
    if not action_filter.is_valid():
        return []
    return list(action_filter.qs)
