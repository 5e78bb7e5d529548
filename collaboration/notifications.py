"""Making, reading and e-mailing notifications.

Guarantees: a notification goes only to active members who may read what it is about
(`can_view_internal` of its municipality), never to the person who acted, and never to
someone who switched its kind off. Its e-mail is queued on commit, for Celery; a broker
that is down is logged and leaves the e-mail for the daily digest run, never an error for
the person who acted.
"""

import datetime
import logging

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership, Role
from accounts.permissions import can_view_internal
from actions.models import Action

from .models import Delivery, Kind, Notification, NotificationSetting

logger = logging.getLogger(__name__)
SEND_NOTIFICATION_EMAIL = "collaboration.tasks.send_notification_email"

# A milestone notice's `status` (see `notices`).
MILESTONE_DUE_SOON = "due_soon"
MILESTONE_OVERDUE = "overdue"


# --- Who is told --------------------------------------------------------------------------


def coordinators_of(municipality):
    return [
        m.user
        for m in Membership.objects.filter(
            municipality=municipality, role=Role.COORDINATOR, user__is_active=True
        ).select_related("user")
    ]


def editors_of(department):
    if department is None:
        return []
    return [
        m.user
        for m in Membership.objects.filter(
            department=department, role=Role.EDITOR, user__is_active=True
        ).select_related("user")
    ]


def follow_up_owners(follow_up):
    """Who wrote the follow-up: its submitter, else the responsible department's editors."""
    submitter = follow_up.submitted_by
    if submitter is not None and submitter.is_active:
        return [submitter]
    return editors_of(follow_up.action.responsible)


# --- Making them --------------------------------------------------------------------------


def deliveries(users, kind):
    """{user pk: Delivery} for `kind`, from each user's settings (one query)."""
    chosen = dict(
        NotificationSetting.objects.filter(user__in=users, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {user.pk: chosen.get(user.pk, NotificationSetting.DEFAULT) for user in users}


def notify(
    users,
    kind,
    *,
    actor=None,
    action=None,
    follow_up=None,
    about_comment=None,
    municipality=None,
    **details,
):
    """Tell `users` about something `actor` did; returns the notifications made. What it
    is about: a follow-up, an action, or (`municipality`) a whole municipality's plan.
    `details`: `comment` (a text as it was then), `status` (an action's new status, a
    milestone's "due_soon"/"overdue"), `year` and `count` (follow-ups missing)."""
    if follow_up is not None:
        action = follow_up.action
    if action is not None:
        municipality = action.strategy.municipality
    pks = {user.pk for user in users} - ({actor.pk} if actor is not None else set())
    # Read again with their memberships: the permission check below costs no query each.
    candidates = (
        get_user_model()
        .objects.filter(pk__in=pks, is_active=True)
        .select_related("membership__municipality")
    )
    recipients = [user for user in candidates if can_view_internal(user, municipality)]
    delivery = deliveries(recipients, kind)
    made = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            actor=actor,
            action=action,
            follow_up=follow_up,
            about_comment=about_comment,
            email=delivery[user.pk],
            **details,
        )
        for user in recipients
        if delivery[user.pk] != Delivery.OFF
    )
    immediate = [n.pk for n in made if n.email == Delivery.IMMEDIATE and n.recipient.email]
    if immediate:
        transaction.on_commit(lambda: _queue_emails(immediate))
    return made


def leave_for_digest(pk):
    Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(email=Delivery.DIGEST)


def _queue_emails(pks):
    # By name: tasks.py wraps this module, so this module never imports it (registered in
    # every process by CollaborationConfig.ready; the quick start runs it in-process).
    send_notification_email = current_app.tasks[SEND_NOTIFICATION_EMAIL]
    for pk in pks:
        try:
            send_notification_email.delay(pk)
        except Exception:
            # The broker is down: the e-mail waits for the digest run (`send_digests`).
            logger.exception("Could not queue the e-mail of notification %s", pk)
            leave_for_digest(pk)


# --- Reading them ---------------------------------------------------------------------------


def for_user(user):
    """The user's notifications with everything their list shows (constant queries)."""
    return Notification.objects.filter(recipient=user).select_related(
        "actor", "action", "follow_up", "follow_up__action", "about_comment", "milestone"
    )


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(notifications):
    notifications.filter(read_at__isnull=True).update(read_at=timezone.now())


def message(notification):
    """The notification in one sentence, in the active language."""
    follow_up = notification.follow_up
    action = notification.action or (follow_up.action if follow_up else None)
    actor = notification.actor
    values = {
        "actor": (actor.get_full_name() or actor.username) if actor else _("someone"),
        "action": f"{action.code} {action.title}" if action else "",
        "year": follow_up.year if follow_up else "",
        "milestone": notification.milestone.title if notification.milestone else "",
        "due": notification.milestone.due_as_written if notification.milestone else "",
        "status": Action.Status(notification.status).label
        if notification.status in Action.Status.values
        else notification.status,
    }
    on_follow_up = follow_up is not None
    if notification.kind == Kind.FOLLOW_UPS_MISSING:
        return ngettext(
            "%(count)s follow-up for %(year)s is still missing a week after the reminder.",
            "%(count)s follow-ups for %(year)s are still missing a week after the reminder.",
            notification.count or 0,
        ) % {"count": notification.count, "year": notification.year}
    texts = {
        Kind.FOLLOW_UP_SUBMITTED: _(
            "%(actor)s submitted the follow-up for %(year)s of %(action)s for review."
        ),
        Kind.FOLLOW_UP_RETURNED: _("%(actor)s returned your follow-up for %(year)s of %(action)s."),
        Kind.FOLLOW_UP_APPROVED: _("%(actor)s approved your follow-up for %(year)s of %(action)s."),
        Kind.ACTION_ASSIGNED: _("%(actor)s made your department responsible for %(action)s."),
        Kind.ACTION_STATUS: _("%(actor)s changed the status of %(action)s to %(status)s."),
        Kind.COMMENT_ADDED: _("%(actor)s commented on the follow-up for %(year)s of %(action)s.")
        if on_follow_up
        else _("%(actor)s commented on %(action)s."),
        Kind.MILESTONE_DUE: _("The milestone “%(milestone)s” of %(action)s is overdue.")
        if notification.status == MILESTONE_OVERDUE
        else _("The milestone “%(milestone)s” of %(action)s is due on %(due)s."),
        Kind.MENTIONED: _(
            "%(actor)s mentioned you in a comment on the follow-up for %(year)s of %(action)s."
        )
        if on_follow_up
        else _("%(actor)s mentioned you in a comment on %(action)s."),
    }
    return texts[notification.kind] % values


def quoted(notification):
    """The text the notification quotes: the returning comment, or the comment it is
    about (nothing once that comment was removed)."""
    if notification.comment:
        return notification.comment
    comment = notification.about_comment
    if comment is not None and comment.removed_at is None:
        return comment.body
    return ""


def target_url(notification):
    if notification.about_comment_id:
        return notification.about_comment.get_absolute_url()
    if notification.follow_up_id:
        return reverse("actions:follow_up", args=[notification.follow_up_id])
    if notification.action_id:
        return reverse("actions:detail", args=[notification.action_id])
    if notification.kind == Kind.FOLLOW_UPS_MISSING:
        return reverse("actions:my_work") + f"?year={notification.year}"
    return reverse("collaboration:notifications")


# --- E-mail ---------------------------------------------------------------------------------


def language_of(user):
    """The recipient's language: their own choice, else their municipality's."""
    try:
        membership = user.membership
    except Membership.DoesNotExist:
        return settings.LANGUAGE_CODE
    municipality_language = membership.municipality.language if membership.municipality else ""
    return membership.language or municipality_language or settings.LANGUAGE_CODE


def _open_link(notification):
    return settings.SITE_URL + reverse("collaboration:open", args=[notification.pk])


def _item(notification):
    return {
        "message": message(notification),
        "comment": quoted(notification),
        "url": _open_link(notification),
    }


def _send(user, template, context):
    with translation.override(language_of(user)):
        context = {**context, "user": user}
        if "notification" in context:
            context["item"] = _item(context["notification"])
        if "notifications" in context:
            context["items"] = [_item(n) for n in context["notifications"]]
        context["settings_url"] = settings.SITE_URL + reverse("collaboration:settings")
        subject = render_to_string(f"collaboration/email/{template}_subject.txt", context)
        body = render_to_string(f"collaboration/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _claim(queryset):
    """Mark the e-mails as sent before sending, so two runs never send one twice; a
    failed send gives them back (`_release`)."""
    now = timezone.now()
    pks = list(queryset.filter(emailed_at__isnull=True).values_list("pk", flat=True))
    claimed = Notification.objects.filter(pk__in=pks, emailed_at__isnull=True).update(
        emailed_at=now
    )
    if claimed != len(pks):  # another run took some meanwhile: keep only ours
        Notification.objects.filter(pk__in=pks, emailed_at=now).update(emailed_at=None)
        return []
    return pks


def _release(pks):
    Notification.objects.filter(pk__in=pks).update(emailed_at=None)


def send_one(pk):
    """E-mail one notification now; over the recipient's hourly cap it waits for the
    digest. Raises when the mail server fails, so the task retries."""
    notification = (
        Notification.objects.filter(pk=pk, email=Delivery.IMMEDIATE, emailed_at__isnull=True)
        .select_related(
            "recipient", "actor", "action", "follow_up__action", "about_comment", "milestone"
        )
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    recipient = notification.recipient
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    sent_lately = Notification.objects.filter(
        recipient=recipient, email=Delivery.IMMEDIATE, emailed_at__gte=hour_ago
    ).count()
    if sent_lately >= settings.NOTIFICATION_EMAILS_PER_HOUR:
        Notification.objects.filter(pk=pk).update(email=Delivery.DIGEST)
        return False
    if not _claim(Notification.objects.filter(pk=pk)):
        return False
    try:
        _send(recipient, "notification", {"notification": notification})
    except Exception:
        _release([pk])
        raise
    return True


def send_digests():
    """One e-mail per member with the notifications waiting for their daily digest.
    A refused address is logged and tried again on the next run; the others still go."""
    waiting = Notification.objects.filter(email=Delivery.DIGEST, emailed_at__isnull=True).exclude(
        recipient__email=""
    )
    sent = failed = 0
    for user_id in waiting.values_list("recipient_id", flat=True).distinct().order_by():
        pks = _claim(waiting.filter(recipient_id=user_id))
        if not pks:
            continue
        notifications = list(
            for_user(user_id).filter(pk__in=pks).select_related("recipient").order_by("created_at")
        )
        try:
            _send(notifications[0].recipient, "digest", {"notifications": notifications})
        except Exception:
            logger.exception("The notification digest to user %s could not be sent", user_id)
            _release(pks)
            failed += 1
        else:
            sent += 1
    return {"sent": sent, "failed": failed}
