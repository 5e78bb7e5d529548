"""The yearly follow-up reminder: e-mail to editors whose follow-ups are due, and to each
municipality's coordinators the list of what is missing, department by department.

What is due and what is missing come from the selectors the "My work" page uses
(`editor_work`, `department_overview`), so the e-mail and the page never disagree.
Guarantees: at most one reminder per user and year (ReminderSent, recorded in the same
transaction as the sending, so a failed send is tried again on the next run); never to
inactive users or users without an e-mail address; nothing to someone with nothing due.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership, Role

from . import selectors
from .models import FollowUp, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class Reminder:
    user: object
    language: str
    subject: str
    body: str


@dataclass
class Outcome:
    sent: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # already reminded this year
    failed: list = field(default_factory=list)  # the mail server refused; retried next run


def reminder_date(year):
    """This year's reminder day from settings.REMINDER_DATE ("MM-DD")."""
    value = settings.REMINDER_DATE
    try:
        month, day = (int(part) for part in value.split("-"))
        if (month, day) == (2, 29) and not _is_leap(year):
            day = 28  # a leap-day setting still reminds every year
        return datetime.date(year, month, day)
    except (ValueError, AttributeError) as exc:
        raise ImproperlyConfigured(
            f"REMINDER_DATE must be a day of the year as MM-DD, not {value!r}"
        ) from exc


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def reminders_are_due(today):
    """From this year's reminder day to the year's end. Each user is reminded once a year
    (ReminderSent), so a morning missed because beat or the mail server was down is caught
    up on the next run, and an editor who joins later in the year is still told."""
    return today >= reminder_date(today.year)


def _link(path, query=""):
    return f"{settings.SITE_URL}{path}{query}"


def _language(membership):
    return membership.language or membership.municipality.language or settings.LANGUAGE_CODE


def _recipients(role):
    """Active members with an e-mail address, of a municipality (and, editors, a department)."""
    memberships = (
        Membership.objects.filter(role=role, municipality__isnull=False, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "municipality", "department")
        .order_by("municipality__name", "user__username")
    )
    if role == Role.EDITOR:
        memberships = memberships.filter(department__isnull=False)
    return list(memberships)


def _render(kind, membership, context):
    language = _language(membership)
    with translation.override(language):
        subject = render_to_string(f"actions/email/{kind}_subject.txt", context)
        body = render_to_string(f"actions/email/{kind}.txt", context)
    return Reminder(membership.user, language, " ".join(subject.split()), body)


def editor_reminder(membership, year, today):
    """The editor's reminder, or None when their department owes nothing for `year`."""
    work = selectors.editor_work(membership, year, today)
    # A follow-up returned for this year is listed once, with the returned ones.
    open_due = [a for a in work["due"] if a.year_state != FollowUp.State.RETURNED]
    if not open_due and not work["returned"]:
        return None
    due = [
        {
            "action": action,
            "url": _link(reverse("actions:follow_up_edit", args=[action.year_follow_up_id]))
            if action.year_follow_up_id
            else _link(reverse("actions:follow_up_new", args=[action.pk]), f"?year={year}"),
        }
        for action in open_due
    ]
    returned = [
        {"follow_up": f, "url": _link(reverse("actions:follow_up", args=[f.pk]))}
        for f in work["returned"]
    ]
    context = {
        "user": membership.user,
        "municipality": membership.municipality,
        "department": membership.department,
        "year": year,
        "due": due,
        "returned": returned,
        "count": len(due) + len(returned),
        "my_work_url": _link(reverse("actions:my_work"), f"?year={year}"),
    }
    return _render("reminder_editor", membership, context)


def coordinator_reminder(membership, year, rows):
    """The coordinator's list of missing follow-ups, or None when nothing is missing."""
    departments = [
        {
            "department": row["department"],
            "missing": [
                {"action": a, "url": _link(reverse("actions:detail", args=[a.pk]))}
                for a in row["missing"]
            ],
        }
        for row in rows
        if row["missing"]
    ]
    if not departments:
        return None
    context = {
        "user": membership.user,
        "municipality": membership.municipality,
        "year": year,
        "departments": departments,
        "missing_count": sum(len(d["missing"]) for d in departments),
        "my_work_url": _link(reverse("actions:my_work"), f"?year={year}"),
    }
    return _render("reminder_coordinator", membership, context)


def collect_reminders(today):
    """Every reminder due for `today.year`, whether or not it was sent already."""
    year = today.year
    reminders = []
    for membership in _recipients(Role.EDITOR):
        reminder = editor_reminder(membership, year, today)
        if reminder:
            reminders.append(reminder)
    overview = {}  # one overview per municipality, shared by its coordinators
    for membership in _recipients(Role.COORDINATOR):
        municipality = membership.municipality
        if municipality.pk not in overview:
            overview[municipality.pk] = selectors.department_overview(municipality, year)
        reminder = coordinator_reminder(membership, year, overview[municipality.pk])
        if reminder:
            reminders.append(reminder)
    return reminders


def send_reminders(today, *, dry_run=False):
    """Send this year's reminders that have not gone out yet. Returns an Outcome.

    With `dry_run` nothing is sent or recorded; the Outcome says who would get one.
    """
    outcome = Outcome()
    already = set(ReminderSent.objects.filter(year=today.year).values_list("user_id", flat=True))
    for reminder in collect_reminders(today):
        if reminder.user.pk in already:
            outcome.skipped.append(reminder)
            continue
        if dry_run:
            outcome.sent.append(reminder)
            continue
        try:
            # The record and the mail stand or fall together: a failed send is retried.
            with transaction.atomic():
                ReminderSent.objects.create(user=reminder.user, year=today.year)
                send_mail(
                    reminder.subject,
                    reminder.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [reminder.user.email],
                )
        except IntegrityError:
            outcome.skipped.append(reminder)  # a concurrent run got there first
        except Exception:
            # One refused address must not keep the others from their reminder.
            logger.exception("Reminder to %s could not be sent", reminder.user.email)
            outcome.failed.append(reminder)
        else:
            outcome.sent.append(reminder)
    return outcome


def send_if_due(today):
    """What beat runs every morning: nothing before the reminder day, then whatever is
    still unsent this year."""
    if not reminders_are_due(today):
        return None
    return send_reminders(today)
