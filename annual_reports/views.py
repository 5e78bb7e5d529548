"""Annual report pages: versions of a strategy's report, generate, download, HTML preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import (
    can_generate_report,
    can_write_report_text,
    require_member,
    require_report_generator,
    require_report_reader,
)
from core.tenancy import municipality_page
from goals.models import GoalArea, Strategy
from goals.versioning import STALE_EDIT_MESSAGE

from . import services
from .forms import GenerateReportForm, ReportTextsForm
from .models import AnnualReport
from .pdf import render_report_html
from .selectors import report_context
from .texts import Conflict, last_changes, save_texts, texts_for


def _strategy(user, slug):
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_report_reader(user, strategy.municipality)
    return strategy


def _versions_context(strategy):
    services.fail_stuck_reports()
    reports = list(
        AnnualReport.objects.filter(strategy=strategy)
        .select_related("requested_by")
        .order_by("-year", "-version")
    )
    busy = any(r.status in services.IN_FLIGHT for r in reports)
    # A report made before its year's texts last changed no longer says what they say.
    changed = last_changes(strategy)
    storage = AnnualReport._meta.get_field("file").storage
    for report in reports:
        report.strategy = strategy  # the file names need its slug: no query per row
        # Reports made before the Word version existed have the PDF only.
        report.has_word = report.status == AnnualReport.Status.DONE and storage.exists(
            services.word_file_name(report)
        )
        made = report.started_at or report.requested_at
        report.texts_changed_since = bool(changed.get(report.year) and changed[report.year] > made)
    return {"strategy": strategy, "reports": reports, "busy": busy}


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_GET
def annual(request, slug):
    strategy = _strategy(request.user, slug)
    context = _versions_context(strategy)
    if can_generate_report(request.user, strategy.municipality):
        context["form"] = GenerateReportForm(strategy=strategy)
    return render(request, "annual_reports/annual.html", context)


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_GET
def annual_status(request, slug):
    """The versions table alone: htmx polls it every 2 s while a report is in progress."""
    strategy = _strategy(request.user, slug)
    return render(request, "annual_reports/_versions.html", _versions_context(strategy))


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_POST
def generate(request, slug):
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_report_generator(request.user, strategy.municipality)
    form = GenerateReportForm(request.POST, strategy=strategy)
    if not form.is_valid():
        messages.error(request, _("Choose a year within the strategy period."))
        return redirect("annual_reports:annual", strategy.slug)
    report, created = services.request_report(
        strategy, form.cleaned_data["year"], request.user, final=form.cleaned_data["final"]
    )
    if report.status == AnnualReport.Status.FAILED:
        messages.error(request, report.error)
    elif not created:
        messages.info(
            request,
            _("The report for %(year)s is already being made (version %(version)s).")
            % {"year": report.year, "version": report.version},
        )
    else:
        messages.success(
            request,
            _(
                "Report for %(year)s, version %(version)s, is on its way. This page updates "
                "itself; you can also reload it."
            )
            % {"year": report.year, "version": report.version},
        )
    return redirect("annual_reports:annual", strategy.slug)


WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@municipality_page("annual_reports.AnnualReport", staff_only=True)
@login_required
@require_GET
def download(request, pk, kind="pdf"):
    """The PDF, or (kind "word") the editable Word version beside it: same permission."""
    report = get_object_or_404(AnnualReport.objects.select_related("strategy__municipality"), pk=pk)
    require_report_reader(request.user, report.strategy.municipality)
    if report.status != AnnualReport.Status.DONE or not report.file:
        raise Http404
    filename = f"{report.strategy.slug}-{report.year}-v{report.version}.pdf"
    try:
        if kind == "word":
            name = services.word_file_name(report)
            handle = report.file.storage.open(name, "rb")
            filename = filename.removesuffix(".pdf") + ".docx"
        else:
            handle = report.file.open("rb")
    except FileNotFoundError:
        # The row survived but its file did not (lost volume, partial restore).
        messages.error(
            request,
            _("The file of this report is missing on the server. Generate the report again."),
        )
        return redirect("annual_reports:annual", report.strategy.slug)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=WORD_TYPE if kind == "word" else "application/pdf",
    )


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_GET
def preview(request, slug, year):
    strategy = _strategy(request.user, slug)
    if not strategy.covers_year(year):
        raise Http404
    # Same as the PDF (services.build_pdf): the context's charts and headings are translated
    # while it is built, so build and render in the municipality's language.
    with translation.override(strategy.municipality.language):
        html = render_report_html(report_context(strategy, year), for_pdf=False)
    return HttpResponse(html)


@municipality_page("goals.Strategy", "slug", staff_only=True)
@login_required
@require_http_methods(["GET", "POST"])
def texts(request, slug, year):
    """The coordinator's foreword and goal-area assessments for a year's report.

    Members read them; coordinators (and admins) write them. A save over a text someone
    else saved meanwhile is refused, with both versions shown and the writer's kept.
    """
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    municipality = strategy.municipality
    require_member(request.user, municipality)
    if not strategy.covers_year(year):
        raise Http404
    can_write = can_write_report_text(request.user, municipality)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    goal_areas = list(GoalArea.objects.filter(strategy=strategy).order_by("order", "code"))
    saved = texts_for(strategy, year)
    form, conflict = None, None
    if can_write:
        options = {"strategy": strategy, "goal_areas": goal_areas, "texts": saved}
        form = ReportTextsForm(request.POST or None, **options)
        if request.method == "POST" and form.is_valid():
            try:
                changed = save_texts(strategy, year, form.entries(), request.user)
            except Conflict as exc:
                conflict = exc.rows
                messages.warning(request, STALE_EDIT_MESSAGE)
                # Saving again from this page keeps the writer's version, deliberately.
                data = request.POST.copy()
                for name, area, _label in form.slots:
                    current = saved.get(area.pk if area else None)
                    data[f"{name}_version"] = current.version if current else 0
                form = ReportTextsForm(data, **options)
            else:
                if changed:
                    messages.success(
                        request, _("The texts for the %(year)s report are saved.") % {"year": year}
                    )
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("annual_reports:annual_texts", strategy.slug, year)
    foreword = saved.get(None)
    assessments = [(area, saved.get(area.pk)) for area in goal_areas]
    return render(
        request,
        "annual_reports/texts.html",
        {
            "strategy": strategy,
            "municipality": municipality,
            "year": year,
            "form": form,
            "conflict": conflict,
            "foreword": foreword,
            "assessments": assessments,
        },
    )
