"""The plan's levels under a strategy: goal areas, their goals, and strategy points."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .strategy import Strategy


class GoalArea(models.Model):
    """Top level of the plan: satsingsområde, målområde, akse, prioriterat område."""

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="goal_areas", verbose_name=_("strategy")
    )
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "order", "code"]
        verbose_name = _("goal area")
        verbose_name_plural = _("goal areas")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"],
                name="goal_area_code_unique",
                violation_error_message=_(
                    "Another goal area in this strategy already has this code."
                ),
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"


class Goal(models.Model):
    municipality_path = "goal_area__strategy__municipality"

    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("goal area")
    )
    # Empty when the document gives the goal no code: the pages number it by position.
    code = models.CharField(_("code"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal_area", "order", "code"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["goal_area", "code"],
                condition=~models.Q(code=""),
                name="goal_code_unique",
                violation_error_message=_("Another goal in this goal area already has this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text[:80]}".strip()


class StrategyPoint(models.Model):
    """A strategy or one of its lettered points (Trondheim's Strategi 1 a–i).

    A main strategy has no parent; its points have it as parent. Codes are unique in the
    strategy document ("1", "1a", "H3").
    """

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="strategy_points",
        verbose_name=_("strategy"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="points",
        verbose_name=_("parent point"),
    )
    # Empty when the document gives the point no code: the pages number it by position.
    code = models.CharField(_("code"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250, blank=True)
    text = models.TextField(_("text"), blank=True)
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="strategy_points", verbose_name=_("goal areas")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "order", "code"]
        verbose_name = _("strategy point")
        verbose_name_plural = _("strategy points")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"],
                condition=~models.Q(code=""),
                name="strategy_point_code_unique",
                violation_error_message=_(
                    "Another strategy point in this strategy already has this code."
                ),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title or self.text[:80]}".strip()

    def clean(self):
        if self.strategy_id and self.parent_id and self.parent.strategy_id != self.strategy_id:
            raise ValidationError(
                {"parent": _("Parent from another strategy: %(name)s") % {"name": self.parent}}
            )
