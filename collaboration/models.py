"""Working together on the plan: comments on actions and follow-ups, who follows an
action, notifications (in the portal and by e-mail) and each member's choice of which
ones they get and how."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actions.models import Action, FollowUp, Milestone

from .file_types import EXTENSIONS


class Kind(models.TextChoices):
    """What a notification is about. The label is the line on the settings page."""

    FOLLOW_UP_SUBMITTED = "follow_up_submitted", _("A follow-up is submitted for review")
    FOLLOW_UP_RETURNED = "follow_up_returned", _("My follow-up is returned to me")
    FOLLOW_UP_APPROVED = "follow_up_approved", _("My follow-up is approved")
    ACTION_ASSIGNED = "action_assigned", _("An action is assigned to my department")
    ACTION_STATUS = "action_status", _("The status of an action I follow changes")
    COMMENT_ADDED = "comment_added", _("Someone comments on an action I follow")
    MENTIONED = "mentioned", _("Someone mentions me in a comment")
    MILESTONE_DUE = "milestone_due", _("A milestone of my action is due soon or overdue")
    FOLLOW_UPS_MISSING = (
        "follow_ups_missing",
        _("Follow-ups are still missing a week after the reminder"),
    )


class Delivery(models.TextChoices):
    OFF = "off", _("Off")
    IN_APP = "in_app", _("In the portal only")
    IMMEDIATE = "immediate", _("In the portal and by e-mail at once")
    DIGEST = "digest", _("In the portal and in a daily e-mail digest")


class Comment(models.Model):
    """One message in the thread of an action, or of one of its follow-ups. For the
    municipality's members only: never on public pages, in the API or in the report."""

    municipality_path = "action__strategy__municipality"

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="comments", verbose_name=_("action")
    )
    # Set for a comment in a follow-up's thread (its action is the follow-up's action).
    follow_up = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("follow-up"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # A removed comment keeps its place ("comment removed"); its text stays in the history.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author} – {self.action}"

    def get_absolute_url(self):
        target = self.follow_up or self.action
        return f"{target.get_absolute_url()}#comment-{self.pk}"


class Watch(models.Model):
    """A member follows an action (or, `following` false, stopped following one they
    follow by default: the responsible department's editors)."""

    municipality_path = "action__strategy__municipality"

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="watches", verbose_name=_("action")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="watches",
        verbose_name=_("user"),
    )
    following = models.BooleanField(_("following"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["action", "user"], name="watch_once")]

    def __str__(self):
        return f"{self.user} – {self.action}"


def evidence_path(evidence, filename):
    """A random name under the municipality's folder: never the uploader's own name, so
    nothing can be guessed or overwritten; the type's extension, as checked."""
    municipality = evidence.follow_up.action.strategy.municipality
    return f"evidence/{municipality.pk}/{uuid.uuid4().hex}{evidence.extension}"


class Evidence(models.Model):
    """A file behind a follow-up (a travel report, a signed agreement, a photo). Stored
    through the storage API under MEDIA_ROOT, which the portal never serves by URL: it is
    read only through `collaboration:evidence`, for those who may read the follow-up."""

    municipality_path = "follow_up__action__strategy__municipality"

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("follow-up")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.name

    @property
    def extension(self):
        return EXTENSIONS.get(self.content_type, "")


class Notification(models.Model):
    municipality_path = None  # a person's own (core.tenancy)

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("action"),
    )
    follow_up = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("follow-up"),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("milestone"),
    )
    about_comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("comment"),
    )
    # What the coordinator wrote when returning, as it was then (it may be edited later).
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    # For follow-ups still missing: which year, and how many.
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    # The new status, for a status change (as it was then); for a milestone, "due_soon"
    # or "overdue".
    status = models.CharField(_("status"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # How the e-mail goes, chosen from the recipient's settings when it was made.
    email = models.CharField(
        _("e-mail"), max_length=10, choices=Delivery.choices, default=Delivery.IN_APP
    )
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.recipient} – {self.get_kind_display()}"


class NotificationSetting(models.Model):
    """A member's choice for one kind; a kind without a row is delivered `DEFAULT`."""

    municipality_path = None  # a person's own (core.tenancy)

    DEFAULT = Delivery.IMMEDIATE

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}: {self.delivery}"
