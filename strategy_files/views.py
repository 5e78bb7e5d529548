"""The action plan as a spreadsheet in the browser: download it, upload it back
(preview first, then apply), for the municipality's coordinators."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import can_edit_plan, require_view_strategy
from actions.selectors import strategy_for_staff
from core.tenancy import municipality_page
from goals.models import Strategy

from . import spreadsheet_import
from .importer import StrategyFileError
from .spreadsheet import plan_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAYLOAD_SALT = "strategy_files.spreadsheet-preview"
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview can be applied


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def plan_download(request, slug):
    """The plan workbook, pre-filled: for every member of the municipality."""
    strategy = strategy_for_staff(request.user, slug)
    return _xlsx(plan_workbook(strategy), f"{strategy.slug}-plan.xlsx")


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@municipality_page("goals.Strategy", "slug")
def public_download(request, slug):
    """The public page's workbook, for anyone: read as an anonymous visitor whoever asks
    (a published municipality's non-draft strategy, approved follow-ups only)."""
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_view_strategy(AnonymousUser(), strategy)
    return _xlsx(plan_workbook(strategy, public=True), f"{strategy.slug}.xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _strategy_for_coordinator(user, slug):
    """Outsiders get a 404 (strategy_for_staff), members who may not edit the plan a 403."""
    strategy = strategy_for_staff(user, slug)
    if not can_edit_plan(user, strategy.municipality):
        raise PermissionDenied
    return strategy


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
def plan_upload(request, slug):
    strategy = _strategy_for_coordinator(request.user, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"strategy": strategy, "municipality": strategy.municipality, "form": form}
    if request.method == "POST" and form.is_valid():
        preview = spreadsheet_import.preview(strategy, form.cleaned_data["file"], user=request.user)
        context["preview"] = preview
        if not preview.errors and preview.has_changes:
            context["payload"] = _sign(request.user, strategy, preview)
    return render(request, "spreadsheets/upload.html", context)


def _sign(user, strategy, preview):
    actions = [[area, _plain(action)] for area, action in preview.actions]
    return signing.dumps(
        {
            "user": user.pk,
            "strategy": strategy.slug,
            "version": preview.version,
            "actions": actions,
        },
        salt=PAYLOAD_SALT,
        compress=True,
    )


def _plain(action):
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in action.items()
    }


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_POST
def plan_apply(request, slug):
    strategy = _strategy_for_coordinator(request.user, slug)
    try:
        payload = signing.loads(
            request.POST.get("payload", ""), salt=PAYLOAD_SALT, max_age=PREVIEW_MAX_AGE
        )
    except signing.BadSignature:
        payload = None
    if not payload or payload["user"] != request.user.pk or payload["strategy"] != slug:
        messages.error(request, _("The preview has expired: upload the file again."))
        return redirect("spreadsheets:upload", slug=slug)
    actions = [(area, action) for area, action in payload["actions"]]
    try:
        spreadsheet_import.apply(strategy, actions, payload["version"], user=request.user)
    except StrategyFileError as exc:
        return render(
            request,
            "spreadsheets/upload.html",
            {
                "strategy": strategy,
                "municipality": strategy.municipality,
                "form": UploadForm(),
                "refused": exc.errors,
            },
        )
    messages.success(request, _("The spreadsheet is imported: the plan is updated."))
    return redirect("actions:plan", slug=slug)
