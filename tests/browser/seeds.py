"""Seed data for the browser tests: real adopted strategies, demo users and follow-ups.

The same steps as the quick start's `manage.py load_demo`, on a chosen few fixture
files: the plan as adopted, the users `admin`, `<slug>-coordinator`, `<slug>-editor` and
`<slug>-politician` with the demo password, and (optionally) demo follow-ups.
"""

import io
from pathlib import Path

from actions.demo import create_demo_follow_ups
from strategy_files.importer import import_file
from strategy_files.management.commands.load_demo import DEMO_PASSWORD, Command

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

__all__ = ["DEMO_PASSWORD", "load_seeds"]


def load_seeds(*names, demo_follow_ups=True):
    """Import fixtures/<name>.yaml for each name, with demo users; returns {slug: Strategy}."""
    strategies = [import_file(FIXTURES / f"{name}.yaml") for name in names]
    Command(stdout=io.StringIO())._demo_users(strategies)
    if demo_follow_ups:
        for strategy in strategies:
            create_demo_follow_ups(strategy)
    return {s.municipality.slug: s for s in strategies}
