"""manage.py import_strategy <file> [--user username]: all or nothing, every error listed."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from strategy_files.importer import StrategyFileError, import_file


class Command(BaseCommand):
    help = "Import a strategy file (YAML or JSON, see docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username the change history is attributed to.")

    def handle(self, *args, file, user=None, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"Unknown user {user!r}; nothing was imported.")
        try:
            strategy = import_file(file, user=importer)
        except StrategyFileError as exc:
            raise CommandError(f"{file}: {exc}\nNothing was imported.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {strategy.slug}: {strategy.title} "
                f"({strategy.goal_areas.count()} goal areas, {strategy.actions.count()} actions)"
            )
        )
