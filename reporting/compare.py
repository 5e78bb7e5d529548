"""Reads for the compare page: strategies side by side, and a search across municipalities.

Both respect `accounts.permissions`: a user sees their own municipality and published
ones, never another unpublished one, and never another municipality's draft strategy
(`strategy_visibility`). Fixed queries each.
"""

import re
from collections import OrderedDict

from django.db import connection
from django.db.models import Count, Prefetch, Q

from accounts.permissions import strategy_visibility, visible_municipalities
from actions.models import Action
from goals.models import Goal, GoalArea, Municipality, Strategy
from partners.models import Partner

RESULT_LIMIT = 100
WORD = re.compile(r"\w+", re.UNICODE)


def visible_strategies(user):
    """Strategies the user may see, with goal areas and action counts (2 queries)."""
    areas = GoalArea.objects.annotate(
        action_count=Count("actions", filter=Q(actions__is_archived=False))
    ).order_by("order", "code")
    return (
        Strategy.objects.filter(strategy_visibility(user))
        .select_related("municipality")
        .annotate(action_count=Count("actions", filter=Q(actions__is_archived=False)))
        .prefetch_related(Prefetch("goal_areas", queryset=areas))
        .order_by("municipality__name", "-period_start")
    )


def search_terms(query):
    return WORD.findall(query or "")[:8]


def _matches(queryset, fields, terms):
    """Full-text search on PostgreSQL ('simple' config, prefix matching, so Norwegian and
    Swedish compounds and plurals match); every word in any field on other databases."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        raw = " & ".join(f"{term}:*" for term in terms)
        vector = SearchVector(*fields, config="simple")
        query = SearchQuery(raw, config="simple", search_type="raw")
        return queryset.annotate(search=vector).filter(search=query)
    for term in terms:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset


def search(user, query):
    """Actions, goals and partners matching `query`, grouped by municipality (3 queries).

    Returns a list of {"municipality", "actions", "goals", "partners"}, at most
    RESULT_LIMIT hits of each kind.
    """
    terms = search_terms(query)
    if not terms:
        return []
    visible = visible_municipalities(user, Municipality.objects.all())
    # Actions and goals belong to a strategy: a draft's are found by its members only.
    actions = _matches(
        Action.objects.filter(strategy_visibility(user, "strategy__"), is_archived=False),
        ["code", "title", "description", "funding_note", "responsible_note"],
        terms,
    ).select_related("strategy__municipality", "goal_area")
    goals = _matches(
        Goal.objects.filter(strategy_visibility(user, "goal_area__strategy__")),
        ["code", "text"],
        terms,
    ).select_related("goal_area__strategy__municipality")
    partners = _matches(
        Partner.objects.filter(municipality__in=visible), ["name", "cooperation"], terms
    ).select_related("municipality")

    groups = OrderedDict()

    def group(municipality):
        return groups.setdefault(
            municipality.pk,
            {"municipality": municipality, "actions": [], "goals": [], "partners": []},
        )

    for action in actions.order_by("strategy__municipality__name", "code")[:RESULT_LIMIT]:
        group(action.strategy.municipality)["actions"].append(action)
    for goal in goals.order_by("goal_area__strategy__municipality__name", "code")[:RESULT_LIMIT]:
        group(goal.goal_area.strategy.municipality)["goals"].append(goal)
    for partner in partners.order_by("municipality__name", "name")[:RESULT_LIMIT]:
        group(partner.municipality)["partners"].append(partner)
    return sorted(groups.values(), key=lambda g: g["municipality"].name)
