"""The admin page "Import a strategy file" and the admin action "Export as strategy file"."""

import io
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect

from . import import_jobs
from .exporter import dump_yaml, export_strategy
from .import_summary import ChangeSummary
from .importer import StrategyFileError, parse_file, run_import
from .models import ImportJob

ALLOWED_SUFFIXES = {".yaml", ".yml", ".json"}


# Room in a request for the form's other fields and the multipart headers.
FORM_OVERHEAD_BYTES = 64 * 1024


def too_large(size):
    return forms.ValidationError(
        _("The file is %(size)s; at most %(max)s can be imported.")
        % {"size": filesizeformat(size), "max": filesizeformat(settings.IMPORT_MAX_BYTES)}
    )


class CappedUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes IMPORT_MAX_BYTES, instead of storing
    the whole file first; `stopped` then tells the view why the file is missing."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.stopped = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.IMPORT_MAX_BYTES:
            self.stopped = True
            # The rest of the body is read and dropped (bounded by the view's
            # Content-Length check), so the fields before the file, CSRF token too, stay.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers (memory or temporary file) keep the file


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Strategy file"),
        help_text=gettext_lazy("YAML or JSON in the format strategy-portal/1, UTF-8."),
    )

    def __init__(self, *args, oversize=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An upload stopped for its size never reaches request.FILES: say why.
        self.oversize = oversize
        if oversize:
            self.fields["file"].required = False

    def clean_file(self):
        if self.oversize:
            raise too_large(self.oversize)
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Choose a .yaml, .yml or .json file."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise too_large(upload.size)
        return upload


def import_view(model_admin, request):
    """Upload, check the whole file, import all or nothing; every error on the page.

    The size limit holds before the file is stored: a request whose Content-Length is
    already too big is answered unread, and a capped handler stops any other upload at the
    limit. The handler must be in place before the body is parsed, so the CSRF check (which
    reads the body) runs after it, in `_import_page` (the URL is csrf_exempt for that).
    """
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST":
        length = _content_length(request)
        if length > settings.IMPORT_MAX_BYTES + FORM_OVERHEAD_BYTES:
            # Nothing is read or changed, so there is nothing for CSRF to protect.
            form = ImportForm({}, oversize=length)
            return _render(model_admin, request, form, [], status=413)
        capped = CappedUploadHandler(request)
        request.upload_handlers = [capped, *request.upload_handlers]
        return _import_page(request, model_admin, capped)
    return _render(model_admin, request, ImportForm(), [])


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_protect
def _import_page(request, model_admin, capped):
    errors, checked, warnings = [], None, []
    files = request.FILES  # parses the body, through the capped handler
    oversize = _content_length(request) if capped.stopped else None
    form = ImportForm(request.POST, files, oversize=oversize)
    check_only = "check" in request.POST
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        if import_jobs.runs_in_worker(len(content)):
            job = import_jobs.start(content, upload.name, user=request.user, dry_run=check_only)
            return redirect(reverse("admin:goals_strategy_import_job", args=[job.pk]))
        try:
            data = parse_file(content, upload.name)
            import_jobs.check_permission(request.user, data)
            result = run_import(data, user=request.user, dry_run=check_only)
        except StrategyFileError as exc:
            errors = exc.errors
        else:
            warnings = result.warnings
            if check_only:
                checked = result.summary.lines()
            else:
                for warning in warnings:
                    messages.warning(request, warning)
                messages.success(
                    request,
                    _("Imported “%(strategy)s” from %(file)s.")
                    % {"strategy": result.strategy, "file": upload.name}
                    + " "
                    + "; ".join(result.summary.lines()),
                )
                return redirect(reverse("admin:goals_strategy_change", args=[result.strategy.pk]))
    return _render(
        model_admin,
        request,
        form,
        errors,
        checked=checked,
        warnings=warnings,
        status=413 if oversize else 200,
    )


def job_view(model_admin, request, job_id):
    """How far a worker's import has come, then its outcome; only for who started it."""
    job = get_object_or_404(ImportJob.objects.select_related("strategy"), pk=job_id)
    if job.requested_by_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    municipality = job.strategy.municipality if job.strategy_id else None
    summary = ChangeSummary.from_dict(job.summary, municipality).lines() if job.summary else []
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import of %(file)s") % {"file": job.filename},
        "job": job,
        "summary": summary,
    }
    return TemplateResponse(request, "admin/goals/strategy/import_job.html", context)


def _render(model_admin, request, form, errors, *, checked=None, warnings=(), status=200):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import a strategy file"),
        "form": form,
        "errors": errors,
        "checked": checked,
        "warnings": warnings,
        "max_size": settings.IMPORT_MAX_BYTES,
        "worker_size": settings.IMPORT_IN_WORKER_BYTES,
    }
    return TemplateResponse(request, "admin/goals/strategy/import.html", context, status=status)


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
