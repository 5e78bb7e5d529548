"""An action (tiltak, aktivitet): what the plan says will be done, by whom, linked to which
goals, partners and twin towns; and its milestones."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
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
