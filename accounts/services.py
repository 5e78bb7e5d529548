"""What a membership gives a user outside the portal's own rules: the Django admin's door
(staff status), the admin permissions a role needs (the coordinators' group), and the
deliberate steps of making and unmaking an administrator.

One place decides: `sync_admin_access` runs whenever a membership is saved or deleted, so
no form can leave a coordinator locked out of the admin or an editor inside it.
"""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Membership, Role
from .permissions import KEPT_RECORDS

COORDINATOR_GROUP = "Coordinators"
# Coordinators manage their municipality's plan in the (scoped) admin; not municipalities.
# frameworks: their plan's links to the SDGs (shared frameworks stay the administrators').
COORDINATOR_APPS = ("goals", "partners", "actions", "annual_reports", "frameworks")
# The roles that work in the Django admin; each one's groups.
STAFF_ROLES = {Role.ADMIN, Role.COORDINATOR}
ROLE_GROUPS = {Role.COORDINATOR: COORDINATOR_GROUP}


def coordinator_group():
    """The coordinators' group, created (and its permissions put right) when needed."""
    group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS)
    permissions = permissions.exclude(codename__in=["add_municipality", "delete_municipality"])
    # Kept records are archived, reviewed or ended, never deleted: no delete right.
    kept = [f"delete_{label.split('.')[1]}" for label in KEPT_RECORDS]
    permissions = permissions.exclude(codename__in=kept)
    permissions = permissions.exclude(content_type__model__startswith="historical")
    wanted = set(permissions.values_list("pk", flat=True))
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    return group


def sync_admin_access(user):
    """Staff status and role groups as the user's membership (or its absence) needs them.

    Superuser status is never changed here: it belongs to the platform's operators, set on
    the command line, out of reach of the portal's forms."""
    membership = Membership.objects.filter(user_id=user.pk).only("role").first()
    role = membership.role if membership is not None else None
    is_staff = bool(user.is_superuser) or role in STAFF_ROLES
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        get_user_model().objects.filter(pk=user.pk).update(is_staff=is_staff)
    wanted = ROLE_GROUPS.get(role)
    managed = Group.objects.filter(name__in=ROLE_GROUPS.values())
    user.groups.remove(*managed.exclude(name=wanted))
    if wanted == COORDINATOR_GROUP:
        user.groups.add(coordinator_group())


# --- The administrator role: granted and removed on purpose ---------------------------------


def administrators(exclude=()):
    """Active administrators (role or superuser) with an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(membership__role=Role.ADMIN))
        .exclude(email="")
        .exclude(pk__in=[user.pk for user in exclude])
        .distinct()
        .order_by("pk")
    )


def _log(by, user, message):
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


@transaction.atomic
def grant_administrator(user, *, by, site_url=""):
    """Make `user` an administrator of every municipality: the membership becomes role
    admin without a municipality, the change is kept in the membership's history and the
    admin log, and every other administrator is told by e-mail."""
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    membership._change_reason = "Administrator role granted"
    membership.role = Role.ADMIN
    membership.municipality = None
    membership.department = None
    membership._history_user = by
    membership.save()
    _log(by, user, "Granted the administrator role (every municipality).")
    transaction.on_commit(lambda: announce_administrator(user, by=by, site_url=site_url))
    return membership


@transaction.atomic
def revoke_administrator(user, *, by):
    """Take the administrator role away: the membership is removed (the user keeps their
    account and sees public pages only until given a role in a municipality)."""
    membership = Membership.objects.get(user=user, role=Role.ADMIN)
    membership._history_user = by
    membership._change_reason = "Administrator role removed"
    membership.delete()
    _log(by, user, "Removed the administrator role.")


def announce_administrator(user, *, by, site_url=""):
    """One e-mail to each other administrator, in the site's language."""
    recipients = list(administrators(exclude=[user, by]))
    if not recipients:
        return 0
    path = reverse("admin:auth_user_change", args=[user.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Strategy Portal: %(user)s is now an administrator") % {"user": user}
        body = render_to_string(
            "accounts/emails/administrator_granted.txt",
            {"user": user, "by": by, "url": f"{site_url}{path}"},
        )
    messages = [(subject, body, None, [admin.email]) for admin in recipients]
    return send_mass_mail(messages, fail_silently=False)


# --- A new user sets their own password ---------------------------------------------------


class _OneUserPasswordForm(PasswordResetForm):
    """Django's password-reset mail for exactly one user, even one without a password yet
    (the stock form skips those, as a reset is not for them; a welcome is)."""

    def __init__(self, user):
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email):
        return [self.user] if self.user.is_active and self.user.email else []


def send_password_set_link(user, request):
    """The welcome mail: who the user is in the portal and a link to choose a password."""
    form = _OneUserPasswordForm(user)
    if not form.is_valid():
        return False
    membership = Membership.objects.filter(user=user).select_related("municipality").first()
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="accounts/emails/welcome_subject.txt",
        email_template_name="accounts/emails/welcome.txt",
        extra_email_context={"membership": membership},
    )
    return True
