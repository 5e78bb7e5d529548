"""When the reminder goes out: beat's daily task sends on REMINDER_DATE only; the
management command sends on demand."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from actions import reminders, tasks
from actions.models import ReminderSent
from strategy_portal.celery import app

from .conftest import REMINDER_DAY, THIS_YEAR


def test_beat_runs_the_reminder_task_every_day():
    entry = django_settings.CELERY_BEAT_SCHEDULE["yearly-follow-up-reminders"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {7} and len(entry["schedule"].day_of_month) == 31


def test_task_sends_on_the_reminder_date(time_plan, settings):
    settings.REMINDER_DATE = timezone.localdate().strftime("%m-%d")
    result = tasks.send_yearly_reminders.delay().get()
    assert result == {"sent": 3, "skipped": 0, "failed": 0}
    assert len(mail.outbox) == 3


def test_task_sends_nothing_before_the_reminder_day(time_plan, settings):
    other_day = timezone.localdate() + datetime.timedelta(days=1)
    settings.REMINDER_DATE = other_day.strftime("%m-%d")
    assert tasks.send_yearly_reminders.delay().get()["sent"] == 0
    assert mail.outbox == []


def test_task_run_twice_on_the_day_sends_once(time_plan, settings):
    settings.REMINDER_DATE = timezone.localdate().strftime("%m-%d")
    tasks.send_yearly_reminders.delay()
    assert tasks.send_yearly_reminders.delay().get() == {"sent": 0, "skipped": 3, "failed": 0}
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("setting", "day", "expected"),
    [
        ("11-15", datetime.date(2026, 11, 15), True),
        ("11-15", datetime.date(2026, 11, 16), True),  # a missed morning is caught up
        ("11-15", datetime.date(2026, 12, 31), True),
        ("11-15", datetime.date(2026, 10, 15), False),
        ("02-29", datetime.date(2027, 2, 28), True),  # no leap day: the day before
        ("02-29", datetime.date(2028, 2, 29), True),
    ],
)
def test_reminders_are_due_from_the_configured_day(settings, setting, day, expected):
    settings.REMINDER_DATE = setting
    assert reminders.reminders_are_due(day) is expected


@pytest.mark.parametrize("setting", ["15-11", "11/15", "", "november"])
def test_a_bad_reminder_date_setting_is_reported(settings, setting):
    settings.REMINDER_DATE = setting
    with pytest.raises(ImproperlyConfigured, match="REMINDER_DATE"):
        reminders.reminders_are_due(REMINDER_DAY)


def test_command_sends_for_the_given_date(time_plan, capsys):
    call_command("send_reminders", "--date", REMINDER_DAY.replace(month=3).isoformat())
    assert len(mail.outbox) == 3
    assert f"{THIS_YEAR}: 3 sent" in capsys.readouterr().out


def test_command_dry_run_sends_and_records_nothing(time_plan, capsys):
    call_command("send_reminders", "--dry-run", "--date", REMINDER_DAY.isoformat())
    out = capsys.readouterr().out
    assert "would send: naering@example.org (nn)" in out
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_command_twice_sends_once(time_plan, capsys):
    call_command("send_reminders", "--date", REMINDER_DAY.isoformat())
    call_command("send_reminders", "--date", REMINDER_DAY.isoformat())
    assert len(mail.outbox) == 3
    assert "3 already reminded" in capsys.readouterr().out


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "15.11.2026")
