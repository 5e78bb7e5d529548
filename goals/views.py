from django.shortcuts import get_object_or_404, render

from accounts.permissions import can_download_report, can_view_internal, require_view

from . import selectors
from .models import Country, Municipality


def home(request):
    """A search box, the member's own municipality first, then one page of municipalities
    by country (constant queries however many the installation holds)."""
    country = request.GET.get("country", "")
    page = selectors.municipality_page(request.user, request.GET.get("page"), country)
    return render(
        request,
        "goals/home.html",
        {
            "page": page,
            "municipalities": page.object_list,
            "country": country if country in Country.values else "",
            "countries": Country.choices,
            "own_municipality": selectors.own_municipality(request.user),
        },
    )


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    return render(
        request,
        "goals/municipality.html",
        {
            "municipality": municipality,
            "strategies": selectors.strategies_of(request.user, municipality),
        },
    )


def strategy_detail(request, slug):
    context = selectors.strategy_for(request.user, slug)
    municipality = context["municipality"]
    # Which follow-up pages to link to (dashboard for everyone who sees the plan).
    context["can_view_internal"] = can_view_internal(request.user, municipality)
    context["can_read_reports"] = can_download_report(request.user, municipality)
    # The public page shows a published municipality's adopted or superseded plans only.
    context["public_page"] = municipality.is_published and not context["strategy"].is_draft
    return render(request, "goals/strategy.html", context)
