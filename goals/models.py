"""The ground floor: municipalities and their adopted strategies.

Each municipality names the plan's levels in its own words (satsingsområde, målområde,
akse, prioriterat område…); those labels are data, shown in the UI as they are.
"""

import base64

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The years a plan may speak of. The strategy file's importer accepts the same
# (strategy_files.import_fields.Year), so whatever the admin saves exports and imports back;
# a typo such as 20190 would otherwise stretch every yearly page over eighteen millennia.
FIRST_YEAR, LAST_YEAR = 1800, 2200


def validate_year(value):
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(
            _("%(value)s is not a year: give a year from %(first)s to %(last)s."),
            code="year_out_of_range",
            params={"value": value, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def validate_municipality_number(value):
    if value and not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("%(value)s is not a municipality number: give its four digits, such as 0301."),
            code="municipality_number",
            params={"value": value},
        )


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    SWEDEN = "SE", _("Sweden")


class Language(models.TextChoices):
    BOKMAAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class DatePrecision(models.TextChoices):
    """How much of a date the document gives: "april 2012" is a month, not 1 April."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def date_as_written(value, precision, day_format="SHORT_DATE_FORMAT"):
    """A date shown as precisely as the document gives it: "2012", "april 2012" or a day."""
    from django.utils.formats import date_format

    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "F Y")
    return date_format(value, day_format)


def iso_as_written(value, precision):
    """A date as precise as the document, for machines (API, CSV): "2027-05-03", "2027-05"
    (a month) or "2027" (a year); None for no date."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class Currency(models.TextChoices):
    NOK = "NOK", "NOK"
    SEK = "SEK", "SEK"
    EUR = "EUR", "EUR"


class Municipality(models.Model):
    """A tenant: every plan, partner and user belongs to one."""

    municipality_path = "pk"

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # The official number (Norwegian kommunenummer, Swedish kommunkod): four digits, unique
    # within the country (the same digits name different municipalities in Norway and Sweden).
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_number],
        help_text=_("The official four-digit number: kommunenummer (Norway), kommunkod (Sweden)."),
    )
    county = models.CharField(
        _("county"),
        max_length=80,
        blank=True,
        help_text=_("Fylke (Norway) or län (Sweden). The home page groups municipalities by it."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # The municipality's own words for each level of its plan.
    label_goal_area = models.CharField(_("label for goal area"), max_length=60)
    label_goal_area_plural = models.CharField(_("label for goal areas"), max_length=60)
    label_goal = models.CharField(_("label for goal"), max_length=60)
    label_strategy_point = models.CharField(_("label for strategy point"), max_length=60)
    label_action = models.CharField(_("label for action"), max_length=60)
    label_action_plural = models.CharField(_("label for actions"), max_length=60)
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Anonymous visitors may see the plan, figures and approved follow-ups."),
    )
    # Four eyes, as the municipality decides: a small one may have one coordinator who
    # writes and approves; then each self-approval is shown as such wherever it is read.
    approval_by_another = models.BooleanField(
        _("follow-ups are approved by someone other than who submitted them"),
        default=False,
        help_text=_(
            "When off, a coordinator may approve a follow-up they submitted themselves; the "
            "follow-up, the review list and the annual report then say so."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "number"],
                condition=~models.Q(number=""),
                name="municipality_number_unique_per_country",
                violation_error_message=_(
                    "Another municipality of this country already has this number."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("goals:municipality", args=[self.slug])


class MunicipalityLogo(models.Model):
    """The logo as a PNG the portal made itself from the upload (goals/logo.py): an SVG is
    rasterised, so no script or external reference in it ever reaches a page or PDF. A row
    of its own, so the bytes are read only where the logo is shown (the annual report)."""

    municipality_path = "municipality"

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="logo",
    )
    png = models.BinaryField(_("logo (PNG)"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self):
        return str(self.municipality)

    @property
    def data_uri(self):
        """The logo as a data: URI for the report (its renderer reads no other files)."""
        return "data:image/png;base64," + base64.b64encode(bytes(self.png)).decode()


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


class ResponsibleParty(models.Model):
    """Who answers for an action: a role (Ordførar), a department, a company or a body."""

    municipality_path = "municipality"

    class Kind(models.TextChoices):
        ROLE = "role", _("Role")
        DEPARTMENT = "department", _("Department")
        COMPANY = "company", _("Municipal company")
        BODY = "body", _("Political body")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="responsible_parties",
        verbose_name=_("municipality"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    duties = models.TextField(_("duties"), blank=True, help_text=_("One duty per line."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "order", "name"]
        verbose_name = _("responsible role or department")
        verbose_name_plural = _("responsible roles and departments")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="responsible_key_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def duty_list(self):
        return [line for line in self.duties.splitlines() if line.strip()]
