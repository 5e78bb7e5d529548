"""Each demo editor of `load_demo` has a follow-up to write, and can save it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Membership
from actions.models import FollowUp
from tests.actions.helpers import follow_up_data

SEEDS = ["arvika", "hamar", "time", "tranas", "trondheim"]

pytestmark = pytest.mark.django_db


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
