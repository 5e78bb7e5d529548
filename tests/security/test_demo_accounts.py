"""Strategies and demo people are separate: `load_seeds` makes no account; `load_demo`
makes the published-password accounts, refuses production, and `check --deploy` finds
them (issue 20)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.checks import no_demo_accounts
from accounts.models import Membership
from goals.models import Strategy
from tests.importer.conftest import DATA

pytestmark = pytest.mark.django_db
User = get_user_model()


def _error_ids():
    return sorted(error.id for error in no_demo_accounts())


def test_loading_strategies_makes_no_account_and_passes_the_deploy_check():
    call_command("load_seeds", dir=str(DATA))
    assert Strategy.objects.exists()
    assert not User.objects.exists()
    assert _error_ids() == []


def test_the_demo_command_marks_its_accounts_and_the_deploy_check_refuses_them(settings):
    settings.DEBUG = True
    call_command("load_demo", dir=str(DATA))
    assert Membership.objects.filter(is_demo=True).count() == User.objects.count() == 4
    assert _error_ids() == ["accounts.E001", "accounts.E002"]
    # Given real passwords (or deactivated), the accounts no longer fail the check.
    for user in User.objects.all():
        user.set_password("Eit-eige-passord-2026")
        user.save()
    assert _error_ids() == []


def test_an_unmarked_account_with_the_demo_password_is_found_too():
    from strategy_files.management.commands.load_demo import DEMO_PASSWORD

    User.objects.create_user("hamar-coordinator", password=DEMO_PASSWORD)
    assert _error_ids() == ["accounts.E001"]


def test_the_demo_command_refuses_to_run_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="load_seeds"):
        call_command("load_demo", dir=str(DATA))
    assert not User.objects.exists() and not Strategy.objects.exists()
    call_command("load_demo", dir=str(DATA), force=True)
    assert User.objects.filter(username="admin").exists()
