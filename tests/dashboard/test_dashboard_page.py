"""The dashboard page: who may see it, what anonymous visitors see, drill-down links."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import MunicipalityFactory, StrategyFactory, member

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


def url(strategy, year=2018):
    return reverse("dashboards:dashboard", args=[strategy.slug]) + f"?year={year}"


@pytest.mark.parametrize("role", [Role.POLITICIAN, Role.COORDINATOR, Role.EDITOR, Role.ADMIN])
def test_members_see_the_dashboard_with_drafts_counted(client, role):
    plan = build_time_like(published=False)
    client.force_login(member(role, plan["municipality"]))
    response = client.get(url(plan["strategy"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Næringsutvikling" in body
    assert "Only approved follow-ups are counted" not in body


def test_goal_area_label_is_the_municipalitys_own(client):
    plan = build_time_like(published=True)
    response = client.get(url(plan["strategy"]))
    assert "Satsingsområder</h2>" in response.content.decode()


def test_anonymous_gets_404_for_an_unpublished_municipality(client):
    plan = build_time_like(published=False)
    assert client.get(url(plan["strategy"])).status_code == 404


def test_member_of_another_municipality_gets_404_for_an_unpublished_one(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory()))
    assert client.get(url(plan["strategy"])).status_code == 404


def test_anonymous_sees_only_approved_figures_of_a_published_municipality(client):
    plan = build_time_like(published=True)
    body = client.get(url(plan["strategy"])).content.decode()
    assert "Only approved follow-ups are counted" in body
    # Follow-ups in: 1 of 4 for the public (A1 approved), the submitted A2 is not counted.
    assert "1 of 4" in body
    assert "HEMMELEG" not in body and "Utkast" not in body
    # The draft's EU/Interreg funding stays hidden.
    assert "EU / Interreg" not in body


def test_member_sees_submitted_follow_ups_counted(client):
    plan = build_time_like(published=True)
    client.force_login(member(Role.POLITICIAN, plan["municipality"]))
    body = client.get(url(plan["strategy"])).content.decode()
    assert "2 of 4" in body
    assert "EU / Interreg" in body


def test_figures_link_to_the_actions_behind_them(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.POLITICIAN, plan["municipality"]))
    body = client.get(url(plan["strategy"])).content.decode()
    area1 = plan["areas"][0]
    a3 = plan["actions"][2]
    plan_url = reverse("actions:plan", args=[plan["strategy"].slug])
    assert f'href="{plan_url}?goal_area={area1.pk}"' in body
    assert f'href="{reverse("actions:detail", args=[a3.pk])}"' in body


def test_anonymous_drill_down_stays_on_the_public_page(client):
    plan = build_time_like(published=True)
    body = client.get(url(plan["strategy"])).content.decode()
    assert reverse("actions:plan", args=[plan["strategy"].slug]) not in body
    a3 = plan["actions"][2]
    assert f"#action-{a3.pk}" in body


def test_charts_are_inline_svg_with_a_data_table(client):
    plan = build_time_like(published=True)
    body = client.get(url(plan["strategy"])).content.decode()
    assert body.count('role="img"') >= 4
    assert "<details" in body and '<th scope="row">1. Næringsutvikling</th>' in body


def test_year_defaults_to_current_year_clamped_to_the_period(client):
    strategy = StrategyFactory(
        municipality=MunicipalityFactory(is_published=True), period_start=2016, period_end=2019
    )
    response = client.get(reverse("dashboards:dashboard", args=[strategy.slug]))
    assert response.context["year"] == 2019


def test_open_ended_strategy_runs_to_the_current_year(client):
    from django.utils import timezone

    strategy = StrategyFactory(
        municipality=MunicipalityFactory(is_published=True), period_start=2010, period_end=None
    )
    response = client.get(reverse("dashboards:dashboard", args=[strategy.slug]))
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "public"])
def test_demo_follow_ups_are_marked_on_the_dashboard(client, signed_in):
    from actions.models import FollowUp

    plan = build_time_like(published=True)
    if signed_in:
        client.force_login(member(Role.POLITICIAN, plan["municipality"]))
    assert 'id="demo-banner"' not in client.get(url(plan["strategy"])).content.decode()
    # Saved as the app saves (signals), so the cached figures know of the change.
    follow_up = FollowUp.objects.get(action=plan["actions"][0], year=2018)
    follow_up.is_demo = True
    follow_up.save()
    body = client.get(url(plan["strategy"])).content.decode()
    assert "These figures include demo data: 1 follow-up was made up" in body


def test_estimates_are_hidden_when_the_plan_has_none(client):
    from actions.models import Action

    plan = build_time_like(published=True)
    assert "Hours estimated" in client.get(url(plan["strategy"])).content.decode()
    for action in Action.objects.all():
        action.estimated_hours, action.cost_amount, action.cost_currency = None, None, ""
        action.save()
    body = client.get(url(plan["strategy"])).content.decode()
    assert "Hours estimated" not in body and "estimated" not in body.lower()
