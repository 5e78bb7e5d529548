"""A framework item's page for a municipality ("What do we do for SDG 11?") and the staff
screen linking an action to framework items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_action, can_view_internal, require_view
from actions.selectors import action_for_write
from core.tenancy import municipality_page
from goals.models import FIRST_YEAR, LAST_YEAR, Municipality

from . import selectors
from .forms import EDITED, LinksForm
from .services import items_offered, set_links


def _year(request):
    """The year asked for (?year=), within the years a plan may have; else this year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@municipality_page("goals.Municipality", "slug")
def item_detail(request, slug, framework, code):
    """An unpublished municipality is a 404 for outsiders; members see their drafts and
    every follow-up's hours and money, others the approved follow-ups only."""
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    item = selectors.item_for(municipality, framework, code)
    if item is None:
        raise Http404
    year = _year(request)
    approved_only = not can_view_internal(request.user, municipality)
    context = {
        "municipality": municipality,
        "item": item,
        "colour": selectors.safe_colour(item),
        "year": year,
        "approved_only": approved_only,
        **selectors.contribution(
            request.user, municipality, item, year, approved_only=approved_only
        ),
    }
    return render(request, "frameworks/item.html", context)


@municipality_page("actions.Action", staff_only=True)
@login_required
def action_links(request, pk):
    """Who may edit the action may link it (can_edit_action); others of the municipality
    get a 403, anyone else a 404."""
    action = action_for_write(request.user, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    municipality = action.strategy.municipality
    links = list(action.framework_links.select_related("item"))
    form = LinksForm(
        request.POST if request.method == "POST" else None,
        offered=list(
            items_offered(municipality, action.strategy).order_by(
                "framework__order", "framework__code", "order", "pk"
            )
        ),
        current=[link.item for link in links],
        notes={link.item_id: link.note for link in links},
    )
    if request.method == "POST" and form.is_valid():
        set_links(action, form.chosen_items(), reason=str(EDITED), notes=form.notes())
        messages.success(request, _("The framework links are saved."))
        return redirect(action)
    return render(
        request,
        "frameworks/action_links.html",
        {"action": action, "municipality": municipality, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def compare(request):
    """Which municipalities work on SDG 4 (with twin towns)? Anyone may ask; each sees the
    municipalities and strategies they may read (published ones for the public)."""
    items = selectors.shared_items()
    by_reference = {item.reference: item for item in items}
    asked = request.GET.get("item", "")
    item = by_reference.get(asked)
    with_twin_towns = request.GET.get("twin_towns") == "1"
    rows = (
        selectors.municipalities_working_on(request.user, item, with_twin_towns=with_twin_towns)
        if item
        else []
    )
    groups = {}
    for each in items:
        groups.setdefault(each.framework, []).append(each)
    return render(
        request,
        "frameworks/compare.html",
        {
            "groups": groups,
            "item": item,
            "asked": asked,
            "unknown": bool(asked) and item is None,
            "with_twin_towns": with_twin_towns,
            "rows": rows,
        },
        status=400 if asked and item is None else 200,
    )
