"""Partners, networks and twin towns of a municipality, with their status over time."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models import DatePrecision, Municipality, date_as_written, validate_year


class Partner(models.Model):
    """An organisation or network the municipality works with (KS, Europakontor, ICLD…)."""

    municipality_path = "municipality"

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        NETWORK = "network", _("Network")
        REGION = "region", _("Regional body")
        PUBLIC_BODY = "public_body", _("Public body")
        EDUCATION = "education", _("Education and research")
        BUSINESS = "business", _("Business")
        CONSULATE = "consulate", _("Consulate")
        FUNDER = "funder", _("Funding body")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("municipality"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=60, blank=True)
    # Long texts are bounded like a follow-up's: the seeds' longest is a few hundred
    # characters; a megabyte paste is a mistake, not a description.
    cooperation = models.TextField(
        _("what the cooperation is about"),
        blank=True,
        max_length=5000,
        help_text=_("One item per line."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="partner_key_unique")
        ]
        # The registry's order (`partners.directory`): its towns, and one town's rows.
        indexes = [models.Index(Lower("name"), "country", name="partner_town_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:partner", args=[self.municipality.slug, self.key])

    @property
    def cooperation_list(self):
        return [line for line in self.cooperation.splitlines() if line.strip()]


class TwinTownStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    # Put on ice for a stated reason (a war, say): not dormant, and the reason is shown
    # wherever the status is.
    PAUSED = "paused", _("Paused")
    BEING_ENDED = "being_ended", _("Being ended")
    ENDED = "ended", _("Ended")


class TwinTown(models.Model):
    """A vennskapsby / vänort. Ending a relation is a status change, never a deletion."""

    municipality_path = "municipality"

    class Category(models.TextChoices):
        # Trondheim grades its twin-city relations in four categories.
        PROJECT_AGREEMENT = "project_agreement", _("Project agreement")
        POLITICAL_FOCUS = "political_focus", _("Political focus area")
        SOLIDARITY = "solidarity", _("Solidarity relation")
        DORMANT = "dormant", _("Dormant relation")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="twin_towns",
        verbose_name=_("municipality"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=60)
    since = models.PositiveSmallIntegerField(
        _("since (year)"), null=True, blank=True, validators=[validate_year]
    )
    # "Over 70 years ago": the document gives no exact year, so `since` is shown "about".
    since_approximate = models.BooleanField(_("since: approximate year"), default=False)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TwinTownStatus.choices, default=TwinTownStatus.ACTIVE
    )
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        max_length=2000,
        help_text=_("Required when the relation is paused: why it is on ice."),
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("twin town")
        verbose_name_plural = _("twin towns")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="twin_town_key_unique")
        ]
        indexes = [
            # The registry's order (`partners.directory`): its towns, and one town's rows.
            models.Index(Lower("name"), "country", name="twin_town_town_idx"),
            # Who else is twinned with a town of this name and country.
            models.Index("name", "country", name="twin_town_name_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"

    def get_absolute_url(self):
        return reverse("partners:twin_town", args=[self.municipality.slug, self.key])

    @property
    def status_label(self):
        """The status as shown wherever it is: a paused relation with why it is on ice."""
        if self.status == TwinTownStatus.PAUSED and self.status_reason:
            return _("%(status)s: %(reason)s") % {
                "status": self.get_status_display(),
                "reason": self.status_reason,
            }
        return self.get_status_display()

    @property
    def since_label(self):
        if self.since is None:
            return ""
        if self.since_approximate:
            return _("about %(year)s") % {"year": self.since}
        return str(self.since)

    def clean(self):
        if self.status == TwinTownStatus.PAUSED and not self.status_reason.strip():
            raise ValidationError(
                {"status_reason": _("A paused relation needs the reason it is on ice.")}
            )


class TwinTownAgreement(models.Model):
    """One agreement with several twin towns (a multi-city friendship agreement): its
    description and date are written once and shown on each town."""

    municipality_path = "municipality"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="twin_town_agreements",
        verbose_name=_("municipality"),
    )
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    signed_on = models.DateField(_("date"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("date: precision"), max_length=5, choices=DatePrecision.choices, default="day"
    )
    twin_towns = models.ManyToManyField(
        TwinTown, related_name="agreements", verbose_name=_("twin towns")
    )

    history = HistoricalRecords(m2m_fields=[twin_towns])

    class Meta:
        ordering = ["municipality", "title"]
        verbose_name = _("twin-town agreement")
        verbose_name_plural = _("twin-town agreements")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="agreement_key_unique")
        ]

    def __str__(self):
        return self.title

    @property
    def signed_on_as_written(self):
        return date_as_written(self.signed_on, self.signed_on_precision)


class TwinTownStatusChange(models.Model):
    """One step in a twin-town relation's life: when, by which decision, to what status."""

    municipality_path = "twin_town__municipality"

    twin_town = models.ForeignKey(
        TwinTown,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("twin town"),
    )
    status = models.CharField(_("status"), max_length=12, choices=TwinTownStatus.choices)
    changed_on = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[validate_year]
    )
    decision = models.CharField(_("decision"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    order = models.PositiveIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        # `order` alone says which step came last: the current status is the last step's.
        # Documents give steps without a date or a year, so dates cannot order them.
        ordering = ["twin_town", "order", "pk"]
        verbose_name = _("twin-town status change")
        verbose_name_plural = _("twin-town status changes")

    def __str__(self):
        return f"{self.twin_town.name}: {self.get_status_display()}"

    def clean(self):
        errors = {}
        # A step cannot come before the relation it changes began.
        year = self.changed_on.year if self.changed_on else self.year
        since = self.twin_town.since if self.twin_town_id else None
        if year and since and year < since:
            errors["changed_on" if self.changed_on else "year"] = _(
                "This step is dated %(year)s, before the relation began in %(since)s."
            ) % {"year": year, "since": since}
        # Ending a relation is a council's decision: the step names it. Steps stored
        # without one (a document's "ended in the last period") are kept as they are.
        if self.status == TwinTownStatus.ENDED and not self.decision.strip():
            recorded = (
                self.pk is not None
                and TwinTownStatusChange.objects.filter(
                    pk=self.pk, status=TwinTownStatus.ENDED, decision=""
                ).exists()
            )
            if not recorded:
                errors["decision"] = _(
                    "Ending a twin-town relation needs the decision behind it: "
                    "give its case number or the body that decided."
                )
        if errors:
            raise ValidationError(errors)
