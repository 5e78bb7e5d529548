"""On the five seed plans, what "my work", the overview, the reminders and the dashboard
ask for is what the follow-up form accepts (each demo editor having a follow-up to write is
in test_demo_editors.py: it loads the whole demo itself).
"""

from pathlib import Path

import pytest
from django.utils import timezone

from actions.demo import create_demo_follow_ups
from actions.models import Action, FollowUp
from actions.rules import expecting_follow_up
from strategy_files.importer import import_file
from tests.factories import rows_for_module

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = ["arvika", "hamar", "time", "tranas", "trondheim"]
THIS_YEAR = timezone.localdate().year


def _refusals(strategy):
    """(code, year, message) of every follow-up owed but refused by the form's check."""
    refused = []
    for year in sorted(set(strategy.years) | {THIS_YEAR}):
        for action in expecting_follow_up(Action.objects.filter(strategy=strategy), year):
            follow_up = FollowUp.objects.filter(action=action, year=year).first() or FollowUp(
                action=action, year=year
            )
            try:
                follow_up.check_year(action, year)
            except Exception as error:  # noqa: BLE001 - the message is the finding
                refused.append((action.code, year, str(error)))
    return refused


@pytest.fixture(scope="module", params=SEEDS)
def imported_seed(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Each seed with its demo follow-ups, made once for both tests (rows_for_module)."""

    def build():
        strategy = import_file(FIXTURES / f"{request.param}.yaml")
        create_demo_follow_ups(strategy)
        return strategy.pk

    media = tmp_path_factory.mktemp("media")
    yield from rows_for_module(django_db_blocker, media, build)


def test_every_follow_up_owed_on_a_seed_is_one_the_form_accepts(strategy):
    assert _refusals(strategy) == []


def test_a_done_action_set_back_by_hand_is_still_asked_only_what_the_form_accepts(strategy):
    Action.objects.filter(strategy=strategy, status=Action.Status.DONE).update(
        status=Action.Status.IN_PROGRESS
    )
    assert _refusals(strategy) == []
