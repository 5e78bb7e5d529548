"""The plan's action list is cached as HTML (issue 12): never stale after a write, never
another user's edit controls or CSRF token."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from tests.factories import member

from .helpers import INTERNATIONAL_DAY


@pytest.fixture
def plan_url(time_plan):
    return reverse("actions:plan", args=[time_plan["strategy"].slug])


def _status_form(html, action):
    """The day's status form in the list, or None where the row shows the status as text."""
    match = re.search(
        rf'<form method="post" action="{reverse("actions:status", args=[action.pk])}".*?</form>',
        html,
        re.S,
    )
    return match and match.group(0)


def test_the_second_view_reads_the_list_from_the_cache(client, users, plan_url):
    client.force_login(users["coordinator"])
    with CaptureQueriesContext(connection) as first:
        client.get(plan_url)
    with CaptureQueriesContext(connection) as second:
        html = client.get(plan_url).content.decode()
    assert len(second) < len(first), (len(first), len(second))
    assert INTERNATIONAL_DAY in html


def test_a_title_and_a_status_changed_show_on_the_very_next_plan(
    client, users, time_plan, plan_url
):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.get(plan_url)
    client.post(reverse("actions:status", args=[day.pk]), {"status": "done", "loaded_version": 1})
    day.refresh_from_db()
    day.title = "Internasjonal veke"
    day.save()
    form = _status_form(client.get(plan_url).content.decode(), day)
    assert "Internasjonal veke" in client.get(plan_url).content.decode()
    assert re.search(r'<option value="done" selected>', form)


def test_editors_of_two_departments_never_share_the_lists_controls(users, time_plan, plan_url):
    day = time_plan["day"]  # the business department's action
    pages = {}
    for name in ("editor", "editor_other_dept", "politician", "coordinator"):
        client = Client()
        client.force_login(users[name])
        pages[name] = client.get(plan_url).content.decode()
    assert _status_form(pages["editor"], day)
    assert _status_form(pages["coordinator"], day)
    assert not _status_form(pages["editor_other_dept"], day)
    assert not _status_form(pages["politician"], day)


def test_a_cached_list_carries_each_users_own_csrf_token(users, time_plan, plan_url):
    """The second coordinator is served the list the first one's view cached: its status
    form holds a token of their own session, and saves."""
    day = time_plan["day"]
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(users["coordinator"])
    second.force_login(member(Role.COORDINATOR, time_plan["municipality"], username="koord2"))
    first.get(plan_url)  # cached by the first coordinator
    html = second.get(plan_url).content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _status_form(html, day)))
    assert len(tokens) == 1 and "csrf-" not in html
    response = second.post(
        reverse("actions:status", args=[day.pk]),
        {"status": "done", "loaded_version": 1, "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == "done"


def test_the_htmx_list_is_the_cached_list_too(client, users, plan_url):
    client.force_login(users["editor"])
    full = client.get(plan_url, {"q": "bryne"}).content.decode()
    partial = client.get(plan_url, {"q": "bryne"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<h1>" not in partial and INTERNATIONAL_DAY in partial
    assert (
        INTERNATIONAL_DAY in full
        and "csrf-" not in partial
        and 'name="csrfmiddlewaretoken"' in partial
    )
