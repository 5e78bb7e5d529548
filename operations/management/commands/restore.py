from django.core.management.base import BaseCommand, CommandError

from operations.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .zip file made by `backup`.")

    def handle(self, archive, **options):
        try:
            manifest = restore_backup(archive)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} rows from {archive}."))
