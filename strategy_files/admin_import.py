"""The admin page "Import a strategy file" and the admin action "Export as strategy file"."""

import io
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from goals.models import Municipality

from .exporter import dump_yaml, export_strategy
from .import_fields import SLUG_RE
from .importer import StrategyFileError, import_strategy, parse_file

ALLOWED_SUFFIXES = {".yaml", ".yml", ".json"}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Strategy file"),
        help_text=gettext_lazy("YAML or JSON in the format strategy-portal/1, UTF-8."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Choose a .yaml, .yml or .json file."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(max)s can be imported.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        return upload


def import_view(model_admin, request):
    """Upload, check the whole file, import all or nothing; every error on the page."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = parse_file(upload.read(), upload.name)
            _check_permission(request.user, data)
            strategy = import_strategy(data, user=request.user)
        except StrategyFileError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Imported “%(strategy)s” from %(file)s.")
                % {"strategy": strategy, "file": upload.name},
            )
            return redirect(reverse("admin:goals_strategy_change", args=[strategy.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import a strategy file"),
        "form": form,
        "errors": errors,
        "max_size": settings.IMPORT_MAX_BYTES,
    }
    return TemplateResponse(request, "admin/goals/strategy/import.html", context)


def _check_permission(user, data):
    """A file for another municipality is refused, with no hint whether it exists."""
    municipality = data.get("municipality") if isinstance(data, dict) else None
    slug = municipality.get("slug") if isinstance(municipality, dict) else None
    if not isinstance(slug, str) or not SLUG_RE.fullmatch(slug):
        return  # the file's own checks report a missing or malformed municipality
    municipality = Municipality.objects.filter(slug=slug).first()
    if not permissions.can_import_strategy(user, municipality):
        raise StrategyFileError(
            [
                _(
                    "municipality.slug: you may only import strategies of your own "
                    "municipality (%(slug)r)"
                )
                % {"slug": slug}
            ]
        )


@admin.action(description=gettext_lazy("Export as strategy file"))
def export_action(model_admin, request, queryset):
    """One strategy: its YAML file; several: a zip of their files."""
    strategies = list(queryset.select_related("municipality"))
    if len(strategies) == 1:
        response = HttpResponse(
            dump_yaml(export_strategy(strategies[0])), content_type="application/yaml"
        )
        response["Content-Disposition"] = f'attachment; filename="{strategies[0].slug}.yaml"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for strategy in strategies:
            archive.writestr(f"{strategy.slug}.yaml", dump_yaml(export_strategy(strategy)))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="strategies.zip"'
    return response
