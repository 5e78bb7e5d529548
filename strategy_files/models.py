"""A strategy file imported by the worker: the file, who asked, how far it has come, and
what came of it (the change summary or every error), so the page can always say."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    municipality_path = None  # may make a new municipality; the importer checks who may

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("being imported")
        DONE = "done", _("done")
        FAILED = "failed", _("not imported")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking every part of the file")
        WRITING = "writing", _("Writing the plan")
        FINISHED = "finished", _("Finished")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    # The upload, kept until the job has run (bounded by IMPORT_MAX_BYTES), then emptied.
    content = models.BinaryField(_("file content"), editable=False)
    dry_run = models.BooleanField(_("check only"), default=False)
    language = models.CharField(_("language of the messages"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default="waiting")
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    summary = models.JSONField(_("changes"), default=dict, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    strategy = models.ForeignKey(
        "goals.Strategy",
        verbose_name=_("strategy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("strategy file import")
        verbose_name_plural = _("strategy file imports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress(self):
        """Per cent, by stage: what the page's progress bar shows."""
        return {"waiting": 0, "reading": 10, "checking": 30, "writing": 60, "finished": 100}[
            self.stage
        ]
