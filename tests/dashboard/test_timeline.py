"""The milestone timeline on the dashboard: members see each goal area's milestones by
quarter with the late ones marked and a table of counts; the public does not; the page
costs the same queries with few or many milestones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.actions import conftest as plan
from tests.factories import ActionFactory, GoalAreaFactory, MilestoneFactory
from tests.pages import visible_text

pytestmark = pytest.mark.django_db

# Time kommune's plan and one user per role (tests/actions), as fixtures here.
time_plan, users, neighbour = plan.time_plan, plan.users, plan.neighbour


def timeline_html(client, strategy):
    html = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    return html.split('id="timeline"', 1)[1] if 'id="timeline"' in html else ""


def test_members_see_milestones_by_goal_area_and_quarter_with_late_ones_marked(
    client, users, time_plan
):
    today = timezone.localdate()
    day, area = time_plan["day"], time_plan["area"]
    MilestoneFactory(action=day, title="Avtale signert", due_on=today - datetime.timedelta(1))
    MilestoneFactory(
        action=day, title="Rapport levert", due_on=today - datetime.timedelta(30), reached_on=today
    )
    other_area = GoalAreaFactory(strategy=time_plan["strategy"], code="2", title="Kultur")
    future = datetime.date(today.year + 1, 2, 1)
    MilestoneFactory(
        action=ActionFactory(goal_area=other_area, code="2.1"), title="Festival", due_on=future
    )
    client.force_login(users["editor"])
    html = timeline_html(client, time_plan["strategy"])
    text = " ".join(visible_text(html).split())
    assert f"Satsingsområde 1. {area.title}" in text and "Satsingsområde 2. Kultur" in text
    assert f"Q1 {today.year + 1}" in text  # the quarter of the festival
    late = html.split("Avtale signert", 1)[1].split("</li>", 1)[0]
    assert "Late" in late
    reached = html.split("Rapport levert", 1)[1].split("</li>", 1)[0]
    assert "Reached" in reached and "Late" not in reached
    # The data table: total, reached, late, not yet due per goal area.
    table = html.split('id="timeline-table"', 1)[1].split("</table>", 1)[0]
    table = " ".join(visible_text(table).split())
    assert f"Satsingsområde 1. {area.title} 2 1 1 0" in table
    assert "Satsingsområde 2. Kultur 1 0 0 1" in table
    assert "Program klart" not in text  # no due date: not on the timeline


def test_the_public_and_other_municipalities_do_not_see_the_timeline(
    client, users, time_plan, neighbour
):
    time_plan["municipality"].is_published = True
    time_plan["municipality"].save()
    strategy = time_plan["strategy"]
    MilestoneFactory(action=time_plan["day"], title="Hemmeleg milepæl", due_on=timezone.localdate())
    assert timeline_html(client, strategy) == ""
    client.force_login(users["politician"])
    assert "Hemmeleg milepæl" in timeline_html(client, strategy)


def test_the_timeline_costs_the_same_queries_with_2_or_40_milestones(client, users, time_plan):
    url = reverse("dashboards:dashboard", args=[time_plan["strategy"].slug])
    today = timezone.localdate()
    client.force_login(users["coordinator"])

    def add(n):
        for i in range(n):
            area = GoalAreaFactory(strategy=time_plan["strategy"])
            action = ActionFactory(goal_area=area)
            MilestoneFactory(action=action, due_on=today + datetime.timedelta(days=40 * i))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(2)
    count()
    few = count()
    add(38)
    count()  # the figures' cached HTML is rebuilt once after a change
    assert count() == few
