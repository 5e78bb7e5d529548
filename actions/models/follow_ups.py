"""An action's yearly follow-up, its external funding, the rule for when an action has
ended, and the record of reminders sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models import Currency

from .action import NON_NEGATIVE, Action, Milestone


def has_ended(year):
    """A Q for Action querysets: the action has ended and takes no follow-up for `year`.

    The one rule for "has this action ended", used by the "due" lists, reminders and
    dashboard (`rules.expecting_follow_up`) and by the follow-up's year check, so
    nothing is asked for that the form refuses. An action has ended for `year`
    - when it is one-off and a follow-up for an earlier year was approved as done, or
    - when it is marked done and has no follow-up for `year` (the year it was reported
      done keeps its follow-up).
    Approving a one-off action's "done" follow-up marks the action done, so the plan's
    status says the same.
    """
    reported_done = FollowUp.objects.filter(
        action=models.OuterRef("pk"),
        state=FollowUp.State.APPROVED,
        status=FollowUp.Status.DONE,
        year__lt=year,
    )
    has_year = FollowUp.objects.filter(action=models.OuterRef("pk"), year=year)
    return (models.Q(recurrence=Action.Recurrence.ONE_OFF) & models.Exists(reported_done)) | (
        models.Q(status=Action.Status.DONE) & ~models.Exists(has_year)
    )


class FollowUp(models.Model):
    """One year's follow-up of an action: what Tranås asks every department each year."""

    municipality_path = "action__strategy__municipality"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ON_TRACK = "on_track", _("On track")
        DELAYED = "delayed", _("Delayed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("action")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    what_was_done = models.TextField(_("what was done"), blank=True, max_length=10000)
    hours = models.DecimalField(
        _("hours worked"), max_digits=10, decimal_places=1, default=0, validators=NON_NEGATIVE
    )
    money_spent = models.DecimalField(
        _("money spent"), max_digits=14, decimal_places=2, default=0, validators=NON_NEGATIVE
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    other_resources = models.TextField(_("other resources"), blank=True, max_length=5000)
    contribution_to_goals = models.TextField(
        _("contribution to the goals"), blank=True, max_length=10000
    )
    state = models.CharField(
        _("workflow state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    review_comment = models.TextField(_("coordinator's comment"), blank=True, max_length=5000)
    # Named for the change history, which shows each changed field by its verbose name.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    milestones_reached = models.ManyToManyField(
        Milestone, blank=True, related_name="follow_ups", verbose_name=_("milestones reached")
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Generated example data, not a real report.")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Milestones ticked are part of what a follow-up reports, so its history records them.
    history = HistoricalRecords(m2m_fields=[milestones_reached])
    # Shown as written (the follow-up's page, the public plan, my work, the report), never
    # counted in a figure: a save of these alone leaves the dashboards' cached figures.
    narrative_fields = ("what_was_done", "other_resources", "contribution_to_goals")

    class Meta:
        ordering = ["action", "year"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="follow_up_year_unique"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_max_100"),
        ]

    def __str__(self):
        return f"{self.action} – {self.year}"

    def get_absolute_url(self):
        return reverse("actions:follow_up", args=[self.pk])

    @property
    def is_self_approved(self):
        """Approved by the person who submitted it: nobody else looked."""
        return (
            self.state == self.State.APPROVED
            and self.reviewed_by_id is not None
            and self.reviewed_by_id == self.submitted_by_id
        )

    def clean(self):
        # Here, not in the portal's form, so that the admin enforces the year rules too.
        if self.year is not None and self.action_id is not None:
            try:
                self.check_year(self.action, self.year)
            except ValidationError as error:
                raise ValidationError({"year": error.messages}) from None

    def check_year(self, action, year):
        """Raise ValidationError if `action` may not have this follow-up for `year`.

        The rules: not for an archived action, only within the strategy's period, one per
        year, and none for a year the action has ended in (`has_ended`, the rule the
        "due" lists use too).
        """
        if action.is_archived:
            raise ValidationError(_("This action is archived; it takes no follow-ups."))
        strategy = action.strategy
        if not strategy.covers_year(year):
            if strategy.period_start is None:  # the document states no start
                raise ValidationError(
                    _("The year cannot be after %(end)s.") % {"end": strategy.last_year}
                )
            if strategy.period_end is None:  # an open-ended strategy
                raise ValidationError(
                    _("The year must be within the strategy period, from %(start)s.")
                    % {"start": strategy.period_start}
                )
            raise ValidationError(
                _("The year must be within the strategy period, %(start)s–%(end)s.")
                % {"start": strategy.period_start, "end": strategy.period_end}
            )
        others = FollowUp.objects.filter(action=action)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.filter(year=year).exists():
            raise ValidationError(
                _("This action already has a follow-up for %(year)s.") % {"year": year}
            )
        if Action.objects.filter(pk=action.pk).filter(has_ended(year)).exists():
            raise ValidationError(_("This action is done; it takes no more follow-ups."))


class ExternalFunding(models.Model):
    municipality_path = "follow_up__action__strategy__municipality"

    class Source(models.TextChoices):
        EU_INTERREG = "eu_interreg", _("EU / Interreg")
        EU_OTHER = "eu_other", _("EU, other programmes")
        EEA_GRANTS = "eea_grants", _("EEA and Norway Grants")
        KS = "ks", _("KS")
        ICLD = "icld", _("ICLD / Sida")
        NORAD = "norad", _("Norad")
        NATIONAL_GRANT = "national_grant", _("National grant scheme")
        REGIONAL = "regional", _("County or region")
        PRIVATE = "private", _("Private or foundation")
        OTHER = "other", _("Other")

    follow_up = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        related_name="external_funding",
        verbose_name=_("follow-up"),
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_detail = models.CharField(_("programme or grant"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=NON_NEGATIVE
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up", "source"]
        verbose_name = _("external funding")
        verbose_name_plural = _("external funding")

    def __str__(self):
        return f"{self.get_source_display()} {self.amount} {self.currency}"


class ReminderSent(models.Model):
    """The yearly follow-up reminder went to this user: a re-run never sends it twice."""

    municipality_path = None  # a person's record (core.tenancy)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders_sent",
        verbose_name=_("user"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "user"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "year"], name="reminder_once_a_year")
        ]

    def __str__(self):
        return f"{self.user} – {self.year}"
