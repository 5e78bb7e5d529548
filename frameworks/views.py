"""A framework item's page for a municipality: "What do we do for SDG 11?"."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.permissions import require_view
from goals.models import Municipality

from . import selectors


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
