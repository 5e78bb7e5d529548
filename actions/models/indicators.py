"""Indicators: a measure with a target, and its value year by year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models import GoalArea, Strategy, validate_year

from .action import Action


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
