"""Reads of the partner registry, each a fixed number of queries."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.permissions import require_view, strategy_visibility

from .filters import PartnerFilter, TwinTownFilter, applied
from .models import Partner, TwinTown, TwinTownStatus


def _live_actions(user):
    """Actions in the plan, of strategies the user may see (a draft's: members only)."""
    from actions.models import Action  # actions build on partners; read lazily

    return Action.objects.filter(
        strategy_visibility(user, "strategy__"), is_archived=False
    ).select_related("strategy", "goal_area")


def registry(user, municipality, query=None):
    """Partners and twin towns with the number of actions the user may see, and the
    agreements linking the twin towns shown (3 queries).

    `query` (the request's GET) may filter twin towns by status and country or partners by
    being active: the dashboard's counts lead here. Filtering one kind shows only that kind.
    """
    live = Q(actions__is_archived=False) & strategy_visibility(user, "actions__strategy__")
    partners = PartnerFilter(
        query, municipality.partners.annotate(action_count=Count("actions", filter=live))
    )
    twin_towns = TwinTownFilter(
        query,
        municipality.twin_towns.annotate(
            action_count=Count("actions", filter=live)
        ).prefetch_related("agreements"),
    )
    twins_filtered, partners_filtered = applied(twin_towns), applied(partners)
    summary = []
    if twins_filtered:
        data = twin_towns.form.cleaned_data
        summary.append(_("twin towns"))
        summary += [data["twin_town_country"]] if data.get("twin_town_country") else []
        status = data.get("twin_town_status")
        summary += [TwinTownStatus(status).label.lower()] if status else []
    if partners_filtered:
        active = partners.form.cleaned_data["partner_active"]
        summary.append(_("active partners") if active else _("partners not active"))
    towns = [] if partners_filtered else list(twin_towns.qs)
    return {
        "partners": [] if twins_filtered else list(partners.qs),
        "twin_towns": towns,
        "agreements": agreements_of(towns),
        "show_partners": not twins_filtered,
        "show_twin_towns": not partners_filtered,
        "filter_summary": summary,
    }


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
            "status_changes",
            "agreements__twin_towns",
            Prefetch("actions", queryset=_live_actions(user)),
        ),
        key=key,
    )
    require_view(user, municipality)
    return twin_town


def agreements_of(twin_towns):
    """The agreements linking `twin_towns` (their `agreements` prefetched), each once, in
    title order, with `towns`: the twin towns among `twin_towns` it links, in their order.
    No query: the dashboard, the registry and the report list an agreement once with its
    towns, read from the towns they already hold."""
    found = {}
    for town in twin_towns:
        for agreement in town.agreements.all():
            if agreement.pk not in found:
                agreement.towns = []
                found[agreement.pk] = agreement
            found[agreement.pk].towns.append(town)
    return sorted(found.values(), key=lambda a: (a.title.casefold(), a.pk))
