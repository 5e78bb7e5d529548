"""Actions (tiltak, aktivitet) and their yearly follow-up — the unit staff work on."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.tenancy import plan_path
from goals.models import (
    Currency,
    DatePrecision,
    Goal,
    GoalArea,
    ResponsibleParty,
    Strategy,
    StrategyPoint,
    date_as_written,
    validate_year,
)
from partners.models import Partner, TwinTown

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Action(models.Model):
    municipality_path = "strategy__municipality"

    class Recurrence(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        YEARLY = "yearly", _("Yearly")
        ONGOING = "ongoing", _("Ongoing")
        # Most plans say nothing about how often a measure is done; the portal must not
        # claim "one-off" for them, since approving a "done" follow-up ends a one-off
        # action. Like ongoing, it never ends by itself.
        NOT_STATED = "not_stated", _("Not stated in the plan")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="actions", verbose_name=_("strategy")
    )
    # Empty for plan-wide actions that the document does not place under one goal area
    # (Tranås lists its activities for the whole programme, not per priority area).
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("goal area"),
    )
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    # Bounded like a follow-up's long texts: the longest description in the five seed
    # plans is about 1,100 characters; a 3 MB paste is a mistake, not a plan.
    description = models.TextField(_("description"), blank=True, max_length=10000)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="actions", verbose_name=_("goals")
    )
    strategy_points = models.ManyToManyField(
        StrategyPoint, blank=True, related_name="actions", verbose_name=_("strategy points")
    )
    responsible = models.ForeignKey(
        ResponsibleParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("responsible"),
    )
    responsible_note = models.CharField(_("responsible (as written)"), max_length=250, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="actions", verbose_name=_("partners")
    )
    twin_towns = models.ManyToManyField(
        TwinTown, blank=True, related_name="actions", verbose_name=_("twin towns")
    )
    # The importer's default too: a form left unchosen must not claim "one-off" (see above).
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.NOT_STATED
    )
    # "Våren 2027" or "2027" in the plan is a month or a year, shown as written. A start is
    # stored as its period's first day, an end as its last, so an action planned to end
    # "2027" is not late before 2027 has ended (`annotate_late` compares the stored day).
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_start_precision = models.CharField(
        _("planned start: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_end_precision = models.CharField(
        _("planned end: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    cost_amount = models.DecimalField(
        _("estimated cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    cost_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True
    )
    funding_note = models.CharField(_("cost or funding note"), max_length=300, blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[goals, strategy_points, partners, twin_towns])

    class Meta:
        ordering = ["strategy", "goal_area__order", "order", "code"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"],
                name="action_code_unique",
                violation_error_message=_(
                    "Another action in this strategy already has this code; "
                    "each action needs a code of its own."
                ),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])

    @property
    def planned_start_as_written(self):
        return date_as_written(self.planned_start, self.planned_start_precision)

    @property
    def planned_end_as_written(self):
        return date_as_written(self.planned_end, self.planned_end_precision)

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if self.cost_amount is not None and not self.cost_currency:
            errors["cost_currency"] = _("Give the currency of the estimated cost.")
        links = {"goal_area": self.goal_area_id, "responsible": self.responsible_id}
        errors.update(
            self.links_elsewhere({name: getattr(self, name) for name, pk in links.items() if pk})
        )
        if errors:
            raise ValidationError(errors)

    # The fields linking an action to other rows of the plan. Each must come from the
    # action's strategy or municipality, as the linked model declares (core.tenancy):
    # the one rule for the portal's choice lists, the admin's and clean().
    PLAN_LINKS = ("goal_area", "goals", "strategy_points", "responsible", "partners", "twin_towns")

    @classmethod
    def plan_link_path(cls, name):
        """ "strategy" (or "goal_area__strategy") for rows of one strategy, "municipality"
        for rows of the municipality, from the linked model's own declaration."""
        return plan_path(cls._meta.get_field(name).related_model)

    @classmethod
    def same_plan(cls, name, strategy):
        """The filter for the rows field `name` may link for an action of `strategy`."""
        path = cls.plan_link_path(name)
        owner = strategy.municipality_id if path == "municipality" else strategy.pk
        return {path: owner}

    def links_elsewhere(self, chosen):
        """{field: message} for the rows in `chosen` ({field name: a row, rows or None})
        that belong to another strategy or municipality than this action's. One query
        per field with rows; nothing to say while the action has no strategy."""
        errors = {}
        if not self.strategy_id:
            return errors
        for name, rows in chosen.items():
            if not rows:
                continue
            if isinstance(rows, models.QuerySet):
                pks = rows.values("pk")
            else:
                pks = [rows.pk] if isinstance(rows, models.Model) else [row.pk for row in rows]
            field = self._meta.get_field(name)
            elsewhere = field.related_model._default_manager.filter(pk__in=pks).exclude(
                **self.same_plan(name, self.strategy)
            )
            names = ", ".join(str(row) for row in elsewhere)
            if not names:
                continue
            if self.plan_link_path(name) == "municipality":
                message = _("%(field)s from another municipality: %(names)s")
            else:
                message = _("%(field)s from another strategy: %(names)s")
            errors[name] = message % {"field": capfirst(field.verbose_name), "names": names}
        return errors

    @property
    def repeats(self):
        """The plan says the action is done every year or goes on (shown as a badge)."""
        return self.recurrence in (self.Recurrence.YEARLY, self.Recurrence.ONGOING)


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


class Milestone(models.Model):
    municipality_path = "action__strategy__municipality"

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("action")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    due_on = models.DateField(_("due"), null=True, blank=True)
    # "By May 2027" in the plan is a month: shown as written, and stored as the month's
    # (or year's) last day, so it is not late before the period it names has ended.
    due_on_precision = models.CharField(
        _("due: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    reached_on = models.DateField(_("reached"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "due_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    @property
    def due_as_written(self):
        return date_as_written(self.due_on, self.due_on_precision)


class Indicator(models.Model):
    """A measure with a target (resultatmål, styrtal), optionally tied to an action."""

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("strategy")
    )
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("goal area"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("action"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=250)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=[validate_year]
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"],
                name="indicator_code_unique",
                violation_error_message=_(
                    "Another indicator in this strategy already has this code."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Its goal area and action are of its own plan (the admin's lists offer every plan).
        errors = {}
        if self.strategy_id and self.goal_area_id:
            if self.goal_area.strategy_id != self.strategy_id:
                errors["goal_area"] = _("Goal area from another strategy: %(name)s") % {
                    "name": self.goal_area
                }
        if self.strategy_id and self.action_id:
            if self.action.strategy_id != self.strategy_id:
                errors["action"] = _("Action from another strategy: %(name)s") % {
                    "name": self.action
                }
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    municipality_path = "indicator__strategy__municipality"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicator_value_year_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


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
