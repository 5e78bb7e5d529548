"""Annual report pages: versions of a strategy's report, generate, download, HTML preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import (
    can_generate_report,
    require_report_generator,
    require_report_reader,
)
from goals.models import Strategy

from . import services
from .models import AnnualReport
from .pdf import render_report_html
from .report_forms import GenerateReportForm
from .report_selectors import report_context


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
    return {"strategy": strategy, "reports": reports, "busy": busy}


@login_required
@require_GET
def annual(request, slug):
    strategy = _strategy(request.user, slug)
    context = _versions_context(strategy)
    if can_generate_report(request.user, strategy.municipality):
        context["form"] = GenerateReportForm(strategy=strategy)
    return render(request, "reporting/report/annual.html", context)


@login_required
@require_GET
def annual_status(request, slug):
    """The versions table alone: htmx polls it every 2 s while a report is in progress."""
    strategy = _strategy(request.user, slug)
    return render(request, "reporting/report/_versions.html", _versions_context(strategy))


@login_required
@require_POST
def generate(request, slug):
    strategy = get_object_or_404(Strategy.objects.select_related("municipality"), slug=slug)
    require_report_generator(request.user, strategy.municipality)
    form = GenerateReportForm(request.POST, strategy=strategy)
    if not form.is_valid():
        messages.error(request, _("Choose a year within the strategy period."))
        return redirect("reporting:annual", strategy.slug)
    report, created = services.request_report(strategy, form.cleaned_data["year"], request.user)
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
    return redirect("reporting:annual", strategy.slug)


@login_required
@require_GET
def download(request, pk):
    report = get_object_or_404(AnnualReport.objects.select_related("strategy__municipality"), pk=pk)
    require_report_reader(request.user, report.strategy.municipality)
    if report.status != AnnualReport.Status.DONE or not report.file:
        raise Http404
    filename = f"{report.strategy.slug}-{report.year}-v{report.version}.pdf"
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        # The row survived but its file did not (lost volume, partial restore).
        messages.error(
            request,
            _("The file of this report is missing on the server. Generate the report again."),
        )
        return redirect("reporting:annual", report.strategy.slug)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


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
