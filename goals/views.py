from django.shortcuts import get_object_or_404, render

from accounts.permissions import require_view

from . import selectors
from .models import Municipality


def home(request):
    return render(
        request, "goals/home.html", {"municipalities": selectors.municipalities_for(request.user)}
    )


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    return render(
        request,
        "goals/municipality.html",
        {"municipality": municipality, "strategies": municipality.strategies.all()},
    )


def strategy_detail(request, slug):
    return render(request, "goals/strategy.html", selectors.strategy_for(request.user, slug))
