"""The tenant: a municipality, its logo, and who in it answers for actions."""

import base64

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .values import Country, Currency, Language, validate_municipality_number


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
