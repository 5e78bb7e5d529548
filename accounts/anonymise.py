"""Anonymising a person who has left: the account keeps its place in the plan's history
under a pseudonym ("Former employee 17"), and everything that named or reached the person
is gone.

The history rows (who changed, submitted or approved what) point at the account by id and
are not touched: the trail stays readable and each former employee's changes stay
together, under a name that no longer says who they were.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import permissions
from .models import Membership


class CannotAnonymise(Exception):
    pass


def pseudonym(user):
    """("Former employee", "former-employee-17"), in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        label = _("Former employee")
    return label, f"{slugify(label)}-{user.pk}"


def check(user, *, by):
    """Why `by` may not anonymise `user`, or None."""
    if user.pk == by.pk:
        return _("You cannot anonymise your own account.")
    if user.is_superuser:
        return _("%(user)s is a superuser: the platform's operators remove that first.") % {
            "user": user
        }
    if permissions.is_admin(user):
        return _("%(user)s is an administrator: remove the administrator role first.") % {
            "user": user
        }
    return None


@transaction.atomic
def anonymise(user, *, by):
    """Replace the person's name, user name and e-mail address with a pseudonym, close the
    account (inactive, no usable password: every session ends), and remove their role,
    follows, notifications, settings and sign-in records. History is kept as it is.
    Raises CannotAnonymise (with the reason) for oneself, a superuser or an administrator."""
    from .services import sync_admin_access

    reason = check(user, by=by)
    if reason:
        raise CannotAnonymise(reason)
    old_username = user.username
    label, username = pseudonym(user)
    user.username, user.first_name, user.last_name, user.email = username, label, str(user.pk), ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # Deleting the membership writes its own history row (who removed the role, when).
    for membership in Membership.objects.filter(user=user):
        membership.delete()
    sync_admin_access(user)
    # The person's own rows, by their relation names (the apps above this one own them).
    for relation in ("watches", "notifications", "notification_settings", "reminders_sent"):
        getattr(user, relation).all().delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=old_username).delete()
    return user
