"""manage.py import_strategy <file> [--dry-run] [--user username] [--language sv]

All or nothing, every error listed; then what changed, per kind. `--dry-run` checks the
whole file and prints what an import would change, writing nothing.

Messages read in one language: `--language`, else the language of the municipality the
file is for (as the file states it, or as the portal has it), else the active one — a
Swedish municipality's administrator reads Swedish whatever the server's locale.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from goals.models import Municipality
from strategy_files.importer import StrategyFileError, parse_file, run_import


def file_language(data):
    """The language of the municipality a parsed file is for, if the file or portal says."""
    municipality = data.get("municipality") if isinstance(data, dict) else None
    if not isinstance(municipality, dict):
        return None
    stated = municipality.get("language")
    if isinstance(stated, str) and stated in dict(settings.LANGUAGES):
        return stated
    slug = municipality.get("slug")
    if isinstance(slug, str) and len(slug) <= 100 and "\x00" not in slug:
        return Municipality.objects.filter(slug=slug).values_list("language", flat=True).first()
    return None


class Command(BaseCommand):
    help = "Import a strategy file (YAML or JSON, see docs/import-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username the change history is attributed to.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and print what would change; write nothing.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the messages (default: the municipality's).",
        )

    def handle(self, *args, file, user=None, dry_run=False, language=None, **options):
        data = None
        try:
            data = parse_file(file)
        except StrategyFileError as exc:
            error = exc
        else:
            error = None
        with translation.override(language or file_language(data) or translation.get_language()):
            if error is not None:
                raise CommandError(f"{file}: {error}\n" + _("Nothing was imported.")) from error
            self._import(file, data, user, dry_run)

    def _import(self, file, data, user, dry_run):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(
                    _("Unknown user %(user)s; nothing was imported.") % {"user": repr(user)}
                )
        try:
            result = run_import(data, user=importer, dry_run=dry_run)
        except StrategyFileError as exc:
            raise CommandError(f"{file}: {exc}\n" + _("Nothing was imported.")) from exc
        strategy, summary = result.strategy, result.summary
        if dry_run:
            headline = _("Checked %(file)s: it can be imported. Nothing was written.") % {
                "file": file
            }
            self.stdout.write(self.style.SUCCESS(headline))
            self.stdout.write(_("An import would change:"))
        else:
            municipality = strategy.municipality
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Imported %(slug)s: %(title)s (%(areas)d %(area_label)s, %(actions)d "
                        "%(action_label)s)"
                    )
                    % {
                        "slug": strategy.slug,
                        "title": strategy.title,
                        "areas": strategy.goal_areas.count(),
                        "area_label": municipality.label_goal_area_plural.lower(),
                        "actions": strategy.actions.count(),
                        "action_label": municipality.label_action_plural.lower(),
                    }
                )
            )
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(_("Warning: %(warning)s") % {"warning": warning}))
