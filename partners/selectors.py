"""Reads of the partner registry, each a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.permissions import require_view, strategy_visibility

from .models import Partner, TwinTown


def _live_actions(user):
    """Actions in the plan, of strategies the user may see (a draft's: members only)."""
    from actions.models import Action  # actions build on partners; read lazily

    return Action.objects.filter(
        strategy_visibility(user, "strategy__"), is_archived=False
    ).select_related("strategy", "goal_area")


def registry(user, municipality):
    """Partners and twin towns with the number of actions the user may see (2 queries)."""
    live = Q(actions__is_archived=False) & strategy_visibility(user, "actions__strategy__")
    partners = municipality.partners.annotate(action_count=Count("actions", filter=live))
    twin_towns = municipality.twin_towns.annotate(action_count=Count("actions", filter=live))
    return {"partners": list(partners), "twin_towns": list(twin_towns)}


def partner_for(user, municipality, key):
    partner = get_object_or_404(
        Partner.objects.filter(municipality=municipality).prefetch_related(
            Prefetch("actions", queryset=_live_actions(user))
        ),
        key=key,
    )
    require_view(user, municipality)
    return partner


def twin_town_for(user, municipality, key):
    twin_town = get_object_or_404(
        TwinTown.objects.filter(municipality=municipality).prefetch_related(
            "status_changes", Prefetch("actions", queryset=_live_actions(user))
        ),
        key=key,
    )
    require_view(user, municipality)
    return twin_town
