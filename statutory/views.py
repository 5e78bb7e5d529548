from django.shortcuts import render
from django.utils.translation import get_language

from .models import StatutoryPage


def _page(request, kind, template):
    """The installation's own text in the reader's language, else the portal's default
    (1 query)."""
    language = (get_language() or "nb")[:2]
    page = StatutoryPage.objects.filter(kind=kind, language=language).first()
    return render(request, template, {"page": page})


def accessibility(request):
    return _page(request, StatutoryPage.Kind.ACCESSIBILITY, "statutory/accessibility.html")


def privacy(request):
    return _page(request, StatutoryPage.Kind.PRIVACY, "statutory/privacy.html")
