from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import can_publish, require_publisher, require_view
from core.tenancy import municipality_page
from goals.models import Municipality

from . import personal_data
from .models import MunicipalityAccessibility, StatutoryPage


def _installation_page(kind):
    """The installation's own text in the reader's language, or None for the portal's
    default (1 query)."""
    language = (get_language() or "nb")[:2]
    return StatutoryPage.objects.filter(kind=kind, language=language).first()


def accessibility(request):
    page = _installation_page(StatutoryPage.Kind.ACCESSIBILITY)
    return render(request, "statutory/accessibility.html", {"page": page})


def privacy(request):
    page = _installation_page(StatutoryPage.Kind.PRIVACY)
    return render(request, "statutory/privacy.html", {"page": page})


@municipality_page("goals.Municipality", "slug")
def municipality_accessibility(request, slug):
    """The installation's statement with the municipality's own addition under it, for
    whoever may see the municipality (3 queries)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    return render(
        request,
        "statutory/accessibility.html",
        {
            "page": _installation_page(StatutoryPage.Kind.ACCESSIBILITY),
            "municipality": municipality,
            "addition": MunicipalityAccessibility.objects.filter(municipality=municipality).first(),
            "can_edit_addition": can_publish(request.user, municipality),
        },
    )


class AdditionForm(forms.ModelForm):
    class Meta:
        model = MunicipalityAccessibility
        fields = ["contact", "deviations", "reviewed_on"]
        widgets = {
            "deviations": forms.Textarea(attrs={"rows": 8}),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_deviations(self):
        text = self.cleaned_data["deviations"]
        if "\x00" in text:
            raise forms.ValidationError(_("The text must not contain NUL characters (\\0)."))
        return text

    def clean_contact(self):
        text = self.cleaned_data["contact"]
        if "\x00" in text:
            raise forms.ValidationError(_("The text must not contain NUL characters (\\0)."))
        return text


@municipality_page("goals.Municipality", "slug", staff_only=True)
@login_required
@require_http_methods(["GET", "POST"])
def edit_municipality_accessibility(request, slug):
    """The municipality's coordinators (and administrators) write its addition; other
    members get 403, outsiders 404. Each save is a history row."""
    municipality = get_object_or_404(Municipality, slug=slug)
    require_publisher(request.user, municipality)
    addition = MunicipalityAccessibility.objects.filter(municipality=municipality).first()
    addition = addition or MunicipalityAccessibility(municipality=municipality)
    form = AdditionForm(request.POST or None, instance=addition)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The accessibility statement is saved."))
        return redirect("statutory:municipality_accessibility", slug=municipality.slug)
    return render(
        request,
        "statutory/edit_addition.html",
        {"municipality": municipality, "form": form},
    )


@login_required
def my_data(request):
    """What the portal holds about the signed-in person, and a link to download it."""
    return render(request, "statutory/my_data.html", {"data": personal_data.summary(request.user)})


@login_required
def my_data_download(request):
    """The same as JSON, as an attachment (the right of access, GDPR article 15)."""
    response = JsonResponse(
        personal_data.export(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
