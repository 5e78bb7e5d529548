"""Who is told when a follow-up moves on or an action changes (the events `actions.services`
sends on commit)."""

from django.dispatch import receiver

from actions import events

from . import notifications
from .comments import followers
from .models import Kind


@receiver(events.follow_up_submitted, dispatch_uid="collaboration.submitted")
def follow_up_submitted(sender, follow_up, actor, **kwargs):
    municipality = follow_up.action.strategy.municipality
    notifications.notify(
        notifications.coordinators_of(municipality),
        Kind.FOLLOW_UP_SUBMITTED,
        actor=actor,
        follow_up=follow_up,
    )


@receiver(events.follow_up_returned, dispatch_uid="collaboration.returned")
def follow_up_returned(sender, follow_up, actor, **kwargs):
    notifications.notify(
        notifications.follow_up_owners(follow_up),
        Kind.FOLLOW_UP_RETURNED,
        actor=actor,
        follow_up=follow_up,
        comment=follow_up.review_comment,
    )


@receiver(events.follow_up_approved, dispatch_uid="collaboration.approved")
def follow_up_approved(sender, follow_up, actor, **kwargs):
    notifications.notify(
        notifications.follow_up_owners(follow_up),
        Kind.FOLLOW_UP_APPROVED,
        actor=actor,
        follow_up=follow_up,
    )


@receiver(events.action_assigned, dispatch_uid="collaboration.assigned")
def action_assigned(sender, action, actor, **kwargs):
    notifications.notify(
        notifications.editors_of(action.responsible),
        Kind.ACTION_ASSIGNED,
        actor=actor,
        action=action,
    )


@receiver(events.action_status_changed, dispatch_uid="collaboration.status")
def action_status_changed(sender, action, actor, **kwargs):
    notifications.notify(
        followers(action), Kind.ACTION_STATUS, actor=actor, action=action, status=action.status
    )
