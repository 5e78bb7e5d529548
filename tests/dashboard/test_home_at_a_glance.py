"""A signed-in member lands on their own strategy at a glance, with a way to the dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from tests.factories import ActionFactory, FollowUpFactory, member

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


def test_a_politician_sees_their_strategy_at_a_glance_on_the_home_page(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.POLITICIAN, plan["municipality"]))
    body = client.get(reverse("home")).content.decode()
    glance = body[body.index('id="at-a-glance"') :]
    # The plan ran 2016–2019; its latest follow-ups are for 2018.
    assert "Time kommune at a glance, 2018" in glance
    dashboard = reverse("dashboards:dashboard", args=[plan["strategy"].slug])
    assert f'href="{dashboard}?year=2018"' in glance
    assert "Follow-ups in" in glance and "Open the full dashboard" in glance


def test_visitors_get_the_list_without_a_summary(client):
    build_time_like(published=True)
    body = client.get(reverse("home")).content.decode()
    assert 'id="at-a-glance"' not in body
    assert reverse("dashboards:my_dashboard") not in body


def test_the_nav_dashboard_item_leads_to_the_members_strategy(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.EDITOR, plan["municipality"]))
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("dashboards:my_dashboard")}"' in body
    response = client.get(reverse("dashboards:my_dashboard"))
    assert response.url == reverse("dashboards:dashboard", args=[plan["strategy"].slug])


def test_my_dashboard_asks_visitors_to_sign_in(client):
    response = client.get(reverse("dashboards:my_dashboard"))
    assert response.status_code == 302 and "login" in response.url


def _home_queries(client):
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return len(ctx.captured_queries)


def test_home_at_a_glance_costs_constant_queries(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.POLITICIAN, plan["municipality"]))
    few = _home_queries(client)
    for _i in range(8):
        action = ActionFactory(strategy=plan["strategy"], goal_area=plan["areas"][0])
        FollowUpFactory(action=action, year=2018)
    assert _home_queries(client) == few
