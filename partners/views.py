from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.permissions import can_manage_partners, can_view_internal, require_view
from core.tenancy import municipality_page
from goals.history import history_entries
from goals.models import Municipality
from goals.versioning import StaleEdit, save_if_unchanged

from . import selectors, services
from .directory import directory_html
from .forms import PartnerForm, TwinTownForm, TwinTownStatusForm
from .models import Partner, TwinTown


def _municipality(request, slug, *, write=False):
    municipality = get_object_or_404(Municipality, slug=slug)
    require_view(request.user, municipality)
    if write and not can_manage_partners(request.user, municipality):
        raise PermissionDenied
    return municipality


def directory(request):
    """Every twin town and partner of the municipalities the reader may see."""
    body = directory_html(request.user, request.GET)
    return render(request, "partners/directory.html", {"body": body})


@municipality_page("goals.Municipality", "municipality", "slug")
def registry(request, municipality):
    municipality = _municipality(request, municipality)
    context = selectors.registry(request.user, municipality, request.GET)
    context.update(
        municipality=municipality, can_edit=can_manage_partners(request.user, municipality)
    )
    return render(request, "partners/registry.html", context)


@municipality_page("goals.Municipality", "municipality", "slug")
def partner_detail(request, municipality, key):
    municipality = _municipality(request, municipality)
    partner = selectors.partner_for(request.user, municipality, key)
    internal = can_view_internal(request.user, municipality)
    return render(
        request,
        "partners/partner_detail.html",
        {
            "municipality": municipality,
            "partner": partner,
            # Who changed what is a staff screen, like the drafts: members only.
            "history": history_entries(partner) if internal else None,
            "can_edit": can_manage_partners(request.user, municipality),
            # Action pages are staff screens: others read the titles without a link.
            "can_view_internal": internal,
        },
    )


@municipality_page("goals.Municipality", "municipality", "slug")
def twin_town_detail(request, municipality, key):
    municipality = _municipality(request, municipality)
    twin_town = selectors.twin_town_for(request.user, municipality, key)
    internal = can_view_internal(request.user, municipality)
    return render(
        request,
        "partners/twin_town_detail.html",
        {
            "municipality": municipality,
            "twin_town": twin_town,
            # Who changed what is a staff screen, like the drafts: members only.
            "history": history_entries(twin_town) if internal else None,
            "can_edit": can_manage_partners(request.user, municipality),
            # Action pages are staff screens: others read the titles without a link.
            "can_view_internal": internal,
            "status_form": TwinTownStatusForm(),
        },
    )


def _unique_key(model, municipality, name):
    base = slugify(name)[:50] or "item"
    key, n = base, 2
    while model.objects.filter(municipality=municipality, key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def _edit(request, municipality, key, model, form_class, template):
    municipality = _municipality(request, municipality, write=True)
    instance = get_object_or_404(model, municipality=municipality, key=key) if key else None
    form = form_class(request.POST or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if instance is None:
            obj.municipality = municipality
            obj.key = _unique_key(model, municipality, obj.name)
            obj.save()
            messages.success(request, _("Saved."))
            return redirect(obj)
        try:
            save_if_unchanged(obj, form.cleaned_data["loaded_version"])
        except StaleEdit as stale:
            conflict = form.refuse_stale(
                stale,
                obj,
                _(
                    "Someone else saved this %(name)s while you were editing. Your changes "
                    "are not saved: compare below, then save again to keep yours."
                )
                % {"name": model._meta.verbose_name},
            )
        else:
            messages.success(request, _("Saved."))
            return redirect(obj)
    return render(
        request,
        template,
        {"municipality": municipality, "form": form, "object": instance, "conflict": conflict},
    )


@municipality_page("goals.Municipality", "municipality", "slug")
@login_required
def partner_edit(request, municipality, key=None):
    return _edit(request, municipality, key, Partner, PartnerForm, "partners/partner_form.html")


@municipality_page("goals.Municipality", "municipality", "slug")
@login_required
def twin_town_edit(request, municipality, key=None):
    return _edit(request, municipality, key, TwinTown, TwinTownForm, "partners/twin_town_form.html")


@municipality_page("goals.Municipality", "municipality", "slug")
@login_required
def twin_town_status(request, municipality, key):
    municipality = _municipality(request, municipality, write=True)
    twin_town = get_object_or_404(TwinTown, municipality=municipality, key=key)
    form = TwinTownStatusForm(request.POST or None, twin_town=twin_town)
    if request.method == "POST" and form.is_valid():
        services.change_twin_town_status(twin_town, **form.cleaned_data)
        messages.success(request, _("The status change is recorded."))
        return redirect(twin_town)
    return render(
        request,
        "partners/twin_town_status.html",
        {"municipality": municipality, "twin_town": twin_town, "form": form},
    )
