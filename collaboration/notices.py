"""Notices the calendar brings, run daily by beat (`tasks`): milestones coming due or
overdue, and follow-ups still missing a week after the yearly reminder. Each is sent
once however often the task runs, so a missed or repeated run changes nothing."""

import datetime

from django.db import models

from actions.models import Action, Milestone
from actions.reminders import reminder_date
from actions.selectors import department_overview

from .models import Kind, Notification
from .notifications import (
    MILESTONE_DUE_SOON,
    MILESTONE_OVERDUE,
    coordinators_of,
    editors_of,
    notify,
)

# A milestone is announced this many days before it is due, and once overdue for at most
# this long after (a first run on old data does not announce years of late milestones).
MILESTONE_NOTICE_DAYS = 14
MILESTONE_OVERDUE_DAYS = 7
# How long after the yearly reminder the coordinators hear what is still missing.
MISSING_AFTER_DAYS = 7


def announce_milestones(today):
    """Tell the responsible department's editors of each open milestone due within
    MILESTONE_NOTICE_DAYS, and again once it is overdue: each once, however often this
    runs (the daily beat task)."""
    told = Notification.objects.filter(kind=Kind.MILESTONE_DUE, milestone=models.OuterRef("pk"))
    open_milestones = (
        Milestone.objects.filter(reached_on__isnull=True, action__is_archived=False)
        .exclude(action__status__in=[Action.Status.DONE, Action.Status.CANCELLED])
        .select_related("action__strategy__municipality", "action__responsible")
    )
    windows = {
        MILESTONE_DUE_SOON: {
            "due_on__gte": today,
            "due_on__lte": today + datetime.timedelta(days=MILESTONE_NOTICE_DAYS),
        },
        MILESTONE_OVERDUE: {
            "due_on__lt": today,
            "due_on__gte": today - datetime.timedelta(days=MILESTONE_OVERDUE_DAYS),
        },
    }
    made = 0
    for status, window in windows.items():
        due = open_milestones.filter(**window).exclude(models.Exists(told.filter(status=status)))
        for milestone in due:
            made += len(
                notify(
                    editors_of(milestone.action.responsible),
                    Kind.MILESTONE_DUE,
                    action=milestone.action,
                    milestone=milestone,
                    status=status,
                )
            )
    return made


def announce_missing_follow_ups(today):
    """From a week after this year's reminder day, tell each municipality's coordinators
    how many follow-ups of the year are still missing: once a year each (daily beat
    task). What is missing is what the reminder and "My work" count."""
    year = today.year
    if today < reminder_date(year) + datetime.timedelta(days=MISSING_AFTER_DAYS):
        return 0
    missing, municipalities = {}, {}
    for row in department_overview(None, year):
        municipality = row["municipality"]
        municipalities[municipality.pk] = municipality
        missing[municipality.pk] = missing.get(municipality.pk, 0) + len(row["missing"])
    already = set(
        Notification.objects.filter(kind=Kind.FOLLOW_UPS_MISSING, year=year).values_list(
            "recipient_id", flat=True
        )
    )
    made = 0
    for pk, count in missing.items():
        if not count:
            continue
        coordinators = [
            user for user in coordinators_of(municipalities[pk]) if user.pk not in already
        ]
        made += len(
            notify(
                coordinators,
                Kind.FOLLOW_UPS_MISSING,
                municipality=municipalities[pk],
                year=year,
                count=count,
            )
        )
    return made
