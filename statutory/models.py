"""The pages a public body's website must publish: the accessibility statement
(tilgjengelighetserklæring, tillgänglighetsredogörelse) and the privacy notice.

Each installation (a municipality, KS, SKR, a county) writes its own in each language; a
page nobody has written yet shows the portal's default text (statutory/templates), so the
footer's links never lead to an empty page.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class StatutoryPage(models.Model):
    municipality_path = None  # the installation's own page (core.tenancy)

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy notice")

    class Language(models.TextChoices):
        BOKMAAL = "nb", _("Norwegian Bokmål")
        NYNORSK = "nn", _("Norwegian Nynorsk")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    body = models.TextField(
        _("text"),
        max_length=20000,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Where to write: an e-mail address or a web form's address."),
    )
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("statutory page")
        verbose_name_plural = _("statutory pages")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="statutory_page_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"

    def get_absolute_url(self):
        return reverse(f"statutory:{self.kind}")


class MunicipalityAccessibility(models.Model):
    """A municipality's own addition to the installation's accessibility statement, shown
    under it on that municipality's statement page: where to report a barrier in its pages,
    the deviations it knows of in its own texts and files, when it last reviewed them.
    Written by its coordinators (statutory.views.edit_municipality_accessibility)."""

    municipality_path = "municipality"  # core.tenancy

    municipality = models.OneToOneField(
        "goals.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="accessibility",
    )
    contact = models.CharField(
        _("contact for reporting barriers"),
        max_length=200,
        blank=True,
        help_text=_("An e-mail address or a web form's address."),
    )
    deviations = models.TextField(
        _("known deviations"),
        max_length=10000,
        blank=True,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accessibility statement of a municipality")
        verbose_name_plural = _("accessibility statements of municipalities")

    def __str__(self):
        return str(self.municipality)

    def get_absolute_url(self):
        return reverse("statutory:municipality_accessibility", args=[self.municipality.slug])
