"""Celery tasks of the actions app."""

from celery import shared_task
from django.utils import timezone

from . import reminders


@shared_task(name="actions.tasks.send_yearly_reminders")
def send_yearly_reminders():
    """Run every morning by beat; sends the follow-up reminders on REMINDER_DATE only.

    Safe to run again (or twice at once): each user gets one reminder a year.
    """
    outcome = reminders.send_if_due(timezone.localdate())
    if outcome is None:
        return {"sent": 0, "skipped": 0, "failed": 0}
    return {
        "sent": len(outcome.sent),
        "skipped": len(outcome.skipped),
        "failed": len(outcome.failed),
    }
