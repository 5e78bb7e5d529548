"""A framework item's page for a municipality ("What do we do for SDG 11?") and the staff
screen linking an action to framework items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_action, require_view
from actions.selectors import action_for_write
from goals.models import Municipality

from . import selectors
from .forms import EDITED, LinksForm
from .services import items_offered, set_links


def item_detail(request, slug, framework, code):
    """An unpublished municipality is a 404 for outsiders; members see their drafts too."""
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    item = selectors.item_for(municipality, framework, code)
    if item is None:
        raise Http404
    context = {
        "municipality": municipality,
        "item": item,
        "colour": selectors.safe_colour(item),
        **selectors.contribution(request.user, municipality, item),
    }
    return render(request, "frameworks/item.html", context)


@login_required
def action_links(request, pk):
    """Who may edit the action may link it (can_edit_action); others of the municipality
    get a 403, anyone else a 404."""
    action = action_for_write(request.user, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied
    municipality = action.strategy.municipality
    form = LinksForm(
        request.POST if request.method == "POST" else None,
        offered=list(items_offered(municipality).order_by("framework__order", "order", "pk")),
        current=list(action.framework_items.all()),
    )
    if request.method == "POST" and form.is_valid():
        set_links(action, form.chosen_items(), reason=str(EDITED))
        messages.success(request, _("The framework links are saved."))
        return redirect(action)
    return render(
        request,
        "frameworks/action_links.html",
        {"action": action, "municipality": municipality, "form": form},
        status=400 if request.method == "POST" else 200,
    )
