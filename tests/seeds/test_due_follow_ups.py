"""On the five seed plans, what "my work", the overview, the reminders and the dashboard
ask for is what the follow-up form accepts, and each demo editor has a follow-up to write.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from actions.demo import create_demo_follow_ups
from actions.models import Action, FollowUp
from actions.rules import expecting_follow_up
from strategy_files.importer import import_file
from tests.actions.helpers import follow_up_data

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


@pytest.mark.parametrize("seed", SEEDS)
def test_every_follow_up_owed_on_a_seed_is_one_the_form_accepts(seed):
    strategy = import_file(FIXTURES / f"{seed}.yaml")
    create_demo_follow_ups(strategy)
    assert _refusals(strategy) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_a_done_action_set_back_by_hand_is_still_asked_only_what_the_form_accepts(seed):
    strategy = import_file(FIXTURES / f"{seed}.yaml")
    create_demo_follow_ups(strategy)
    Action.objects.filter(strategy=strategy, status=Action.Status.DONE).update(
        status=Action.Status.IN_PROGRESS
    )
    assert _refusals(strategy) == []


def _due_links(html):
    """The "Write follow-up" links in the editor's "Follow-ups due" section."""
    section = html[html.index('id="due-h"') : html.index('id="returned-h"')]
    return re.findall(r'href="([^"]*/follow-up/new/[^"]*)"', section)


def test_each_demo_editor_has_a_follow_up_to_write_and_can_save_it(client):
    call_command("load_demo", force=True)
    editors = get_user_model().objects.filter(username__endswith="-editor").order_by("username")
    assert [e.username for e in editors] == [f"{seed}-editor" for seed in SEEDS]
    for editor in editors:
        membership = Membership.objects.select_related("department").get(user=editor)
        assert membership.department.actions.exists(), editor.username
        client.force_login(editor)
        page = client.get(reverse("actions:my_work"))
        links = [link.replace("&amp;", "&") for link in _due_links(page.content.decode())]
        assert links, f"{editor.username} has nothing due"
        form = client.get(links[0])
        assert form.status_code == 200, editor.username
        year = form.context["form"].initial.get("year") or form.context["form"].instance.year
        action = form.context["action"]
        response = client.post(links[0], follow_up_data(year=year))
        assert response.status_code == 302, (editor.username, response.context["form"].errors)
        assert FollowUp.objects.filter(action=action, year=year, is_demo=False).exists()
