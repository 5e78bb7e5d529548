"""manage.py export_strategy <slug> [-o file]: the strategy as an importable file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from goals.models import Strategy
from strategy_files.exporter import dump_json, dump_yaml, export_strategy


class Command(BaseCommand):
    help = "Export a strategy as a strategy file (YAML; JSON when the output ends in .json)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="Write to this file instead of stdout.")

    def handle(self, *args, slug, output=None, **options):
        strategy = Strategy.objects.select_related("municipality").filter(slug=slug).first()
        if strategy is None:
            raise CommandError(_("No strategy with the slug %(slug)s.") % {"slug": repr(slug)})
        data = export_strategy(strategy)
        as_json = output is not None and output.lower().endswith(".json")
        text = dump_json(data) if as_json else dump_yaml(data)
        if output is None:
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        self.stderr.write(
            self.style.SUCCESS(
                _("Wrote %(slug)s to %(file)s") % {"slug": strategy.slug, "file": output}
            )
        )
