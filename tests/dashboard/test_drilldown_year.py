"""A figure of a past year leads to the plan showing that year's follow-ups."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from actions.models import FollowUp
from tests.factories import FollowUpFactory, member
from tests.pages import shows_word, visible_text

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


def _row(body, action):
    start = body.index(f'id="action-row-{action.pk}"')
    return body[start : body.index("</tr>", start)]


def test_a_2017_figure_shows_the_2017_follow_ups_of_exactly_its_actions(client):
    plan = build_time_like(published=False)
    a1, a2 = plan["actions"][:2]
    # A member counts drafts too: area 1 has two actions on track in 2017.
    draft = FollowUpFactory(
        action=a2, year=2017, status=FollowUp.Status.ON_TRACK, state=FollowUp.State.DRAFT
    )
    approved = a1.follow_ups.get(year=2017)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    dashboard = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2017"
    body = client.get(dashboard).content.decode()
    area = plan["areas"][0].pk
    url = next(
        html.unescape(u)
        for u in re.findall(r'href="([^"]+)"', body)
        if f"goal_area={area}&" in html.unescape(u) and "follow_up_status=on_track" in u
    )
    response = client.get(url)
    assert {a.pk for a in response.context["actions"]} == {a1.pk, a2.pk}
    page = response.content.decode()
    assert shows_word(response, "Follow-up 2017")
    assert not shows_word(response, f"Follow-up {timezone.localdate().year}")
    follow_up_url = reverse("actions:follow_up", args=[approved.pk])
    assert f'href="{follow_up_url}"' in _row(page, a1)
    assert "Approved" in visible_text(_row(page, a1))
    assert f'href="{reverse("actions:follow_up", args=[draft.pk])}"' in _row(page, a2)
    assert "Draft" in visible_text(_row(page, a2))
    assert "None yet" not in visible_text(page)


def test_without_a_figure_year_the_column_shows_this_year_within_the_period(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    response = client.get(reverse("actions:plan", args=[plan["strategy"].slug]))
    # Today is after the 2016–2019 period: the last year of the period.
    assert shows_word(response, "Follow-up 2019")


def test_a_status_change_on_the_2017_list_keeps_the_2017_follow_up_in_its_row(client):
    plan = build_time_like(published=False)
    a1 = plan["actions"][0]
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    url = reverse("actions:plan", args=[plan["strategy"].slug])
    row = _row(client.get(url + "?follow_up_year=2017").content.decode(), a1)
    assert 'name="follow_up_year" value="2017"' in row  # the row's form carries the year
    response = client.post(
        reverse("actions:status", args=[a1.pk]),
        {"status": "done", "loaded_version": a1.version, "follow_up_year": "2017"},
        HTTP_HX_REQUEST="true",
    )
    row = response.content.decode()
    assert f'href="{reverse("actions:follow_up", args=[a1.follow_ups.get(year=2017).pk])}"' in row
    assert "Saved." in visible_text(row)


@pytest.mark.parametrize("asked", ["2030", "2012", "2017.5"])
def test_a_figure_year_outside_the_period_lists_no_actions_and_says_why(client, asked):
    """A hand-typed year the plan never had is a filter error: nothing is listed as
    "behind" it, rather than every action under another year's column."""
    plan = build_time_like(published=True)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    url = reverse("actions:plan", args=[plan["strategy"].slug])
    response = client.get(url + f"?follow_up_year={asked}&follow_up_status=due")
    assert response.status_code == 200
    assert response.context["actions"] == []
    assert response.context["filter"].form.errors["follow_up_year"]
    # The public list behind a figure says the same: nothing.
    client.logout()
    public = reverse("dashboards:public", args=[plan["municipality"].slug])
    response = client.get(public + f"?year=2018&follow_up_year={asked}&follow_up_status=due")
    assert response.status_code == 200
    assert response.context["figure_actions"] == []


def test_a_status_change_without_javascript_returns_to_the_filtered_list(client):
    plan = build_time_like(published=False)
    a1 = plan["actions"][0]
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    url = reverse("actions:plan", args=[plan["strategy"].slug])
    query = "follow_up_year=2017&follow_up_status=due"
    row = _row(client.get(f"{url}?{query}").content.decode(), a1)
    list_query = html.unescape(re.search(r'name="list_query" value="([^"]*)"', row).group(1))
    assert list_query == query  # the row's form carries the list it stands in
    response = client.post(
        reverse("actions:status", args=[a1.pk]),
        {
            "status": "done",
            "loaded_version": a1.version,
            "follow_up_year": "2017",
            "list_query": list_query,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?{query}"
    page = client.get(response["Location"])
    assert shows_word(page, "Follow-up 2017")
    assert shows_word(page, "The status is saved.")
