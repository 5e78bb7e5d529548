"""manage.py load_seeds: the five adopted strategies in fixtures/, as their files say.

No users and no demo data: this is what a production portal may load. The quick start's
demo (accounts with a published password, demo follow-ups, a demo department where a
document names none) is `manage.py load_demo`, which builds on this command.

Idempotent: a strategy already loaded is kept as staff left it (`--reset` imports the
files again).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from goals.models import Strategy
from strategy_files.importer import StrategyFileError, import_strategy, parse_file


class Command(BaseCommand):
    help = "Load every fixtures/*.yaml strategy as adopted: no users, no demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(Path(settings.BASE_DIR) / "fixtures"),
            help="Folder with the strategy files (default: fixtures/).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Import every file again even if its strategy is loaded: the plan goes back "
            "to the file (actions with follow-ups are archived, never deleted).",
        )

    def handle(self, *args, dir, reset=False, **options):
        self.load_strategies(dir, reset)

    def prepare(self, data):
        """The file's data as it is imported: as written (load_demo adds its layer)."""
        return data

    def load_strategies(self, dir, reset=False):
        files = sorted(Path(dir).glob("*.yaml"))
        if not files:
            raise CommandError(f"No *.yaml strategy files in {dir}.")
        strategies = []
        for path in files:
            try:
                data = parse_file(path)
                # `make run` loads on every start: a strategy already loaded keeps what
                # staff did to it since (assignments, new actions) unless --reset is asked.
                loaded = Strategy.objects.filter(slug=(data.get("strategy") or {}).get("slug"))
                if not reset and loaded.exists():
                    strategy = loaded.get()
                    strategies.append(strategy)
                    self.stdout.write(
                        f"Kept {path.name}: {strategy.slug} is already loaded "
                        "(--reset imports it again)"
                    )
                    continue
                strategy = import_strategy(self.prepare(data))
            except StrategyFileError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            strategies.append(strategy)
            self.stdout.write(
                f"Loaded {path.name}: {strategy.slug} ({strategy.actions.count()} actions)"
            )
        return strategies
