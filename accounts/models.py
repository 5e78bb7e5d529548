"""Who a user is in the portal: one municipality and one role (admins: all)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models import Municipality, ResponsibleParty


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    EDITOR = "editor", _("Editor")
    POLITICIAN = "politician", _("Politician / reader")


class Membership(models.Model):
    municipality_path = "municipality"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("municipality"),
        help_text=_("Empty only for administrators, who see all municipalities."),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    department = models.ForeignKey(
        ResponsibleParty,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("department"),
        help_text=_("Editors edit the actions their department is responsible for."),
    )
    language = models.CharField(
        _("interface language"), max_length=2, blank=True, choices=settings.LANGUAGES
    )

    # Made by `manage.py load_demo` with the published demo password: `check --deploy`
    # refuses a production database that still has such an account active.
    is_demo = models.BooleanField(_("demo account"), default=False, editable=False)
    # Who gave whom which role, and when: roles open the admin and every municipality.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.municipality or _('all')})"

    def clean(self):
        # Without a municipality a member would belong nowhere, and screens that read
        # "no municipality" as "all" (admins) must never see one.
        if self.role != Role.ADMIN and self.municipality_id is None:
            raise ValidationError(
                {"municipality": _("Every role but administrator belongs to a municipality.")}
            )
        if (
            self.department_id is not None
            and self.municipality_id is not None
            and self.department.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"department": _("Choose a department of the member's municipality.")}
            )
