"""Celery tasks: notification e-mails, sent outside the request that caused them."""

import logging

from celery import shared_task

from . import notices, notifications

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=6, name="collaboration.tasks.send_notification_email")
def send_notification_email(self, notification_id):
    """E-mail one notification. A mail server that fails is retried with back-off (about
    two hours in all); after that the e-mail waits for the next daily digest run."""
    try:
        return notifications.send_one(notification_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("Notification %s: e-mail left for the digest", notification_id)
            notifications.leave_for_digest(notification_id)
            return False
        logger.warning("Notification %s: e-mail failed, retrying (%s)", notification_id, exc)
        raise self.retry(exc=exc, countdown=min(3600, 60 * 2**self.request.retries)) from exc


@shared_task(name="collaboration.tasks.send_notification_digests")
def send_notification_digests():
    """Run daily by beat: one e-mail per member gathering the notifications for the digest."""
    return notifications.send_digests()


@shared_task(name="collaboration.tasks.announce_milestones")
def announce_milestones():
    """Run daily by beat: milestones due within two weeks, or just overdue."""
    from django.utils import timezone

    return notices.announce_milestones(timezone.localdate())


@shared_task(name="collaboration.tasks.announce_missing_follow_ups")
def announce_missing_follow_ups():
    """Run daily by beat: a week after the reminder, what is still missing."""
    from django.utils import timezone

    return notices.announce_missing_follow_ups(timezone.localdate())
