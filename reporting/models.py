"""Annual follow-up reports to the council, rendered to PDF by a Celery job."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goals.models import Strategy


class AnnualReport(models.Model):
    """One generated version of a strategy's annual report. Older versions stay."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("reason for failure"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(_("file"), upload_to="reports/%Y/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta:
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
