from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import (
    can_download_report,
    can_edit_plan,
    can_publish,
    can_view_internal,
    require_publisher,
    require_view,
)
from core.tenancy import municipality_page

from . import selectors, services
from .models import Country, Municipality


def home(request):
    """A search box, the member's own municipality first, then one page of municipalities
    by country (constant queries however many the installation holds)."""
    country = request.GET.get("country", "")
    country = country if country in Country.values else ""
    counties = selectors.counties(request.user, country)
    county = request.GET.get("county", "")
    county = county if county in counties else ""
    page = selectors.municipality_page(request.user, request.GET.get("page"), country, county)
    filters = {key: value for key, value in (("country", country), ("county", county)) if value}
    return render(
        request,
        "goals/home.html",
        {
            "page": page,
            "municipalities": page.object_list,
            "country": country,
            "countries": Country.choices,
            "counties": counties,
            "county": county,
            "extra": "&" + urlencode(filters) if filters else "",
            "own_municipality": selectors.own_municipality(request.user),
        },
    )


@municipality_page("goals.Municipality", "slug")
def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    return render(
        request,
        "goals/municipality.html",
        {
            "municipality": municipality,
            "strategies": selectors.strategies_of(request.user, municipality),
            "can_publish": can_publish(request.user, municipality),
        },
    )


@municipality_page("goals.Municipality", "slug", staff_only=True)
@login_required
@require_http_methods(["GET", "POST"])
def publication(request, slug):
    """A coordinator publishes or unpublishes their own municipality, after a page that
    names what becomes public (and what stays with the members)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    require_publisher(request.user, municipality)
    if request.method == "POST":
        publish = request.POST.get("publish") == "1"
        if services.set_published(
            municipality,
            publish,
            reason="published by a coordinator" if publish else "unpublished by a coordinator",
        ):
            if publish:
                message = _("%(name)s is now public.")
            else:
                message = _("%(name)s is no longer public.")
            messages.success(request, message % {"name": municipality.name})
        return redirect(municipality)
    return render(
        request,
        "goals/publication.html",
        {"municipality": municipality, **services.publication_preview(municipality)},
    )


@municipality_page("goals.Strategy", "slug")
def strategy_detail(request, slug):
    context = selectors.strategy_for(request.user, slug)
    municipality = context["municipality"]
    # Which follow-up pages to link to (dashboard for everyone who sees the plan).
    context["can_view_internal"] = can_view_internal(request.user, municipality)
    context["can_read_reports"] = can_download_report(request.user, municipality)
    context["can_edit_plan"] = can_edit_plan(request.user, municipality)
    # The public page shows a published municipality's adopted or superseded plans only.
    context["public_page"] = municipality.is_published and not context["strategy"].is_draft
    return render(request, "goals/strategy.html", context)
