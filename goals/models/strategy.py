"""An adopted strategy and its plan-wide text: amendments, statements and plan goals."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .municipality import Municipality
from .values import FIRST_YEAR, DatePrecision, date_as_written, validate_year


class StrategyQuerySet(models.QuerySet):
    def covering(self, year):
        """Strategies in force in `year` (open-ended ones from their start onwards)."""
        # A plan that states no start year may be in force in any year up to its end.
        return self.filter(
            models.Q(period_start__isnull=True) | models.Q(period_start__lte=year)
        ).filter(models.Q(period_end__isnull=True) | models.Q(period_end__gte=year))


class Strategy(models.Model):
    """An adopted plan document (internasjonal strategi, program för internationellt arbete)."""

    municipality_path = "municipality"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")
        # The document does not say whether it was adopted: nothing is invented.
        NOT_STATED = "not_stated", _("Not stated")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="strategies",
        verbose_name=_("municipality"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=250)
    adopted_by = models.CharField(_("adopted by"), max_length=120, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    # A document dated "april 2012" gives a month: the date is its first day, shown as
    # the month (`date_as_written`), never as an invented 1 April.
    adopted_on_precision = models.CharField(
        _("adopted on: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    decision_reference = models.CharField(_("decision reference"), max_length=120, blank=True)
    document_id = models.CharField(_("document id"), max_length=60, blank=True)
    version = models.CharField(_("version"), max_length=30, blank=True)
    # The document's own header fields (Tranås: "Dokumenttyp: Program",
    # "Publiceringsdatum: 2016-04-23"); a publication date is not a decision date.
    document_type = models.CharField(_("document type"), max_length=60, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_on_precision = models.CharField(
        _("published on: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # Empty when the document states no period: the year lists then start at the first
    # year with data (`first_year`), not at an invented start.
    period_start = models.PositiveSmallIntegerField(
        _("period start (year)"), null=True, blank=True, validators=[validate_year]
    )
    # Empty when the document sets no end: the strategy runs until it is revised
    # (Trondheim 2010 and Arvika 2012 state only the year they were adopted).
    period_end = models.PositiveSmallIntegerField(
        _("period end (year)"), null=True, blank=True, validators=[validate_year]
    )
    revise_by = models.DateField(_("revise by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ADOPTED
    )
    vision = models.TextField(_("vision"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)

    history = HistoricalRecords()
    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "-period_start"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="strategy_period_ordered",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def get_absolute_url(self):
        return reverse("goals:strategy", args=[self.slug])

    @property
    def is_draft(self):
        """Drafts are shown to the municipality's members only (accounts.permissions)."""
        return self.status == self.Status.DRAFT

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.adopted_on and self.revise_by and self.revise_by < self.adopted_on:
            errors["revise_by"] = _("The strategy cannot be due for revision before it is adopted.")
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self):
        if self.period_start is None and self.period_end is None:
            return str(_("period not stated"))
        return f"{self.period_start or ''}–{self.period_end or ''}"

    @cached_property
    def first_year(self):
        """The first year the plan's pages list: its period's start or, for a plan that
        states none, the first year with follow-ups or indicator values, else the year it
        was adopted or published, else this year (two queries, once per instance)."""
        if self.period_start is not None:
            return self.period_start
        this_year = timezone.localdate().year
        dated = [d.year for d in (self.adopted_on, self.published_on) if d is not None]
        if self.pk is not None:
            # By name: actions.models builds on this module, so this one never imports it.
            FollowUp = apps.get_model("actions", "FollowUp")
            IndicatorValue = apps.get_model("actions", "IndicatorValue")
            dated += [
                FollowUp.objects.filter(action__strategy=self).aggregate(y=models.Min("year"))["y"],
                IndicatorValue.objects.filter(indicator__strategy=self).aggregate(
                    y=models.Min("year")
                )["y"],
            ]
        dated = [year for year in dated if year is not None]
        first = min(dated) if dated else this_year
        return min(first, self.period_end) if self.period_end else first

    @property
    def last_year(self):
        """The period's last year; for an open-ended strategy, the current year."""
        return self.period_end or max(timezone.localdate().year, self.first_year)

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)

    @property
    def adopted_on_as_written(self):
        return date_as_written(self.adopted_on, self.adopted_on_precision)

    @property
    def published_on_as_written(self):
        return date_as_written(self.published_on, self.published_on_precision)

    def covers_year(self, year):
        # A plan without a stated start accepts any year up to its end.
        start = FIRST_YEAR if self.period_start is None else self.period_start
        return start <= year <= self.last_year


class Amendment(models.Model):
    """A council resolution that adds to or changes named parts of the strategy."""

    municipality_path = "strategy__municipality"

    class Kind(models.TextChoices):
        ADDITION = "addition", _("Addition")
        CHANGE = "change", _("Change")
        REMARK = "remark", _("Remark")
        REVISION = "revision", _("Revision")

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("strategy")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    decided_by = models.CharField(_("decided by"), max_length=120, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # "June 2019" in the document is a month, not 1 June: shown as written.
    decided_on_precision = models.CharField(
        _("decided on: precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    affects = models.CharField(_("affects"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["strategy", "order"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.affects or self.text[:40]}"

    @property
    def decided_on_as_written(self):
        return date_as_written(self.decided_on, self.decided_on_precision)


class PlanStatement(models.Model):
    """Plan-level text: overall aims, challenges, expected results, kinds of work, links."""

    municipality_path = "strategy__municipality"

    class Kind(models.TextChoices):
        AIM = "aim", _("Overall aim")
        CHALLENGE = "challenge", _("Challenge")
        EXPECTED_RESULT = "expected_result", _("Expected result")
        WORK_KIND = "work_kind", _("Kind of international work")
        POLICY_LINK = "policy_link", _("Link to other plans")
        PRINCIPLE = "principle", _("Principle")

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="statements", verbose_name=_("strategy")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["strategy", "kind", "order"]
        verbose_name = _("plan statement")
        verbose_name_plural = _("plan statements")

    def __str__(self):
        return self.title or self.text[:60]


class PlanGoal(models.Model):
    """A goal for the whole plan, not tied to a goal area: a main goal with its sub-goals
    (`parent`), or one of several plan-wide goals. Code optional, as in the document."""

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="plan_goals", verbose_name=_("strategy")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_goals",
        verbose_name=_("main goal"),
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "order", "pk"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")

    def __str__(self):
        return f"{self.code} {self.text[:80]}".strip()
