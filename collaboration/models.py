"""Working together on the plan: notifications (in the portal and by e-mail) and each
member's choice of which ones they get and how."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actions.models import Action, FollowUp


class Kind(models.TextChoices):
    """What a notification is about. The label is the line on the settings page."""

    FOLLOW_UP_SUBMITTED = "follow_up_submitted", _("A follow-up is submitted for review")
    FOLLOW_UP_RETURNED = "follow_up_returned", _("My follow-up is returned to me")
    FOLLOW_UP_APPROVED = "follow_up_approved", _("My follow-up is approved")


class Delivery(models.TextChoices):
    OFF = "off", _("Off")
    IN_APP = "in_app", _("In the portal only")
    IMMEDIATE = "immediate", _("In the portal and by e-mail at once")
    DIGEST = "digest", _("In the portal and in a daily e-mail digest")


class Notification(models.Model):
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
    # What the coordinator wrote when returning, as it was then (it may be edited later).
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
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
