from django.core.management.base import BaseCommand

from operations.backup import create_backup


class Command(BaseCommand):
    help = "Export all data and generated report files to one zip archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of the .zip file to write.")

    def handle(self, archive, **options):
        manifest = create_backup(archive)
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Wrote {archive}: {total} rows."))
