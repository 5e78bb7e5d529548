"""Send the yearly follow-up reminders now (beat sends them on REMINDER_DATE by itself)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send the follow-up reminders for the year of --date (default today) to editors "
        "with follow-ups due and to coordinators, whatever REMINDER_DATE says. Users who "
        "already got this year's reminder are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="act as on this day (YYYY-MM-DD); default today")
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would get a reminder; send nothing"
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from exc
        else:
            today = timezone.localdate()
        outcome = send_reminders(today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        for reminder in outcome.sent:
            user = reminder.user
            self.stdout.write(f"{verb}: {user.email} ({reminder.language}) {reminder.subject}")
        for reminder in outcome.skipped:
            self.stdout.write(f"already reminded in {today.year}: {reminder.user.email}")
        for reminder in outcome.failed:
            self.stderr.write(f"could not send to {reminder.user.email} (retried on the next run)")
        self.stdout.write(
            f"{today.year}: {len(outcome.sent)} {verb}, {len(outcome.skipped)} already reminded, "
            f"{len(outcome.failed)} failed"
        )
        if outcome.failed:
            raise CommandError(f"{len(outcome.failed)} reminders could not be sent")
