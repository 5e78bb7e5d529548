"""Annual follow-up reports to the council, rendered to PDF by a Celery job."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from goals.models import Strategy


class AnnualReport(models.Model):
    """One generated version of a strategy's annual report. Older versions stay."""

    municipality_path = "strategy__municipality"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        """Why a report failed. Stored as a code and put into words when shown, so each
        viewer reads it in their language; the technical details are in the log."""

        QUEUE_UNREACHABLE = "queue_unreachable", _("Job queue not reachable")
        NOT_FINISHED = "not_finished", _("Did not finish in time")
        TIME_LIMIT = "time_limit", _("Took too long to render")
        PASSING_ERRORS = "passing_errors", _("Passing errors on every try")
        JOB_STOPPED = "job_stopped", _("The job stopped on every try")
        UNEXPECTED = "unexpected", _("Unexpected error")

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="reports", verbose_name=_("strategy")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    failure = models.CharField(
        _("reason for failure"), max_length=20, choices=Failure.choices, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Attempts that never finished (the worker was killed mid-render); capped by
    # REPORT_MAX_ATTEMPTS so a report that crashes the worker is not re-queued forever.
    stops = models.PositiveSmallIntegerField(_("times the job stopped"), default=0)
    # Written by the running job every REPORT_HEARTBEAT_SECONDS: a job whose heartbeat is
    # older than REPORT_HEARTBEAT_TIMEOUT is taken for dead and re-queued by the sweep
    # (services.recover_stalled_reports), long before the broker would hand it out again.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # The job message allowed to work on this row. Re-queueing gives a new token, so the
    # old message, should Redis hand it out again later, finds nothing to do: one render
    # per report, one file.
    job_token = models.CharField(_("job token"), max_length=32, blank=True, editable=False)
    # Chosen by the coordinator when generating: the version for the council ("final") or a
    # working draft. Printed on the cover of the PDF and the Word version.
    is_final = models.BooleanField(_("final version for the council"), default=False)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
        # Made in the `reporting` app before it was split (issue 16): the table keeps its
        # name (migrations/0001_initial.py) so no row or file is moved at deploy.
        db_table = "reporting_annualreport"
        ordering = ["strategy", "year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "year", "version"], name="report_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.strategy} {self.year} v{self.version}"

    @property
    def restarted(self):
        """The job was interrupted (worker killed, out of memory) and started again."""
        return self.stops > 0 and self.status != self.Status.FAILED

    @property
    def error(self):
        """Why the report failed, in the active language ("" unless failed). Used by the
        annual page, its status partial, the "Generate" message and the admin."""
        if self.status != self.Status.FAILED:
            return ""
        return failure_message(self.failure, attempts=self.attempts, stops=self.stops)


def failure_message(code, *, attempts=0, stops=0):
    """The coordinator-facing text for a failure code; unknown codes get the generic one."""
    Failure = AnnualReport.Failure
    if code == Failure.QUEUE_UNREACHABLE:
        return gettext(
            "The job queue is not reachable, so the report was not started. "
            "Try again in a few minutes; if it keeps failing, tell the system administrator."
        )
    if code == Failure.NOT_FINISHED:
        return gettext(
            "The report did not finish within %(minutes)s minutes. "
            "Generate it again; if it keeps failing, tell the system administrator."
        ) % {"minutes": settings.REPORT_STUCK_AFTER // 60}
    if code == Failure.TIME_LIMIT:
        return gettext("Rendering took longer than %(seconds)s seconds and was stopped.") % {
            "seconds": settings.REPORT_SOFT_TIME_LIMIT
        }
    if code == Failure.PASSING_ERRORS:
        return gettext(
            "Rendering failed %(times)s times because the database or the file storage "
            "did not answer. Generate it again; if it keeps failing, tell the system "
            "administrator."
        ) % {"times": attempts}
    if code == Failure.JOB_STOPPED:
        return ngettext(
            "The job stopped %(times)s time while making this report, so it is not tried "
            "again. Tell the system administrator.",
            "The job stopped %(times)s times while making this report, so it is not tried "
            "again. Tell the system administrator.",
            stops,
        ) % {"times": stops}
    return gettext("An unexpected error stopped the report. Tell the system administrator.")


# The coordinator's texts for the report live in their own module (model and service).
from .texts import ReportText  # noqa: E402, F401
