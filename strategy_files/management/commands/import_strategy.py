"""manage.py import_strategy <file> [--user username]: all or nothing, every error listed.

Messages are in the active language (settings.LANGUAGE_CODE), like the importer's own
error list that they wrap, so an error reads in one language."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
                raise CommandError(
                    _("Unknown user %(user)s; nothing was imported.") % {"user": repr(user)}
                )
        try:
            strategy = import_file(file, user=importer)
        except StrategyFileError as exc:
            raise CommandError(f"{file}: {exc}\n" + _("Nothing was imported.")) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(slug)s: %(title)s (%(areas)d goal areas, %(actions)d actions)")
                % {
                    "slug": strategy.slug,
                    "title": strategy.title,
                    "areas": strategy.goal_areas.count(),
                    "actions": strategy.actions.count(),
                }
            )
        )
