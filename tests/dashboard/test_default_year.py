"""Without a year asked for, the dashboard opens on a year that has follow-ups."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from actions.models import FollowUp
from dashboards.selectors import default_year
from tests.browser.seeds import load_seeds

from .scenario import build_time_like

pytestmark = pytest.mark.django_db
SEEDS = ("time", "arvika", "hamar", "tranas", "trondheim")


@pytest.fixture
def seeds():
    strategies = load_seeds(*SEEDS)
    for strategy in strategies.values():
        strategy.municipality.is_published = True
        strategy.municipality.save(update_fields=["is_published"])
    return strategies


@pytest.mark.parametrize("public", [False, True], ids=["member", "public"])
def test_every_seed_dashboard_opens_on_a_year_with_follow_ups_in(client, seeds, public):
    for slug, strategy in seeds.items():
        if not public:
            client.force_login(get_user_model().objects.get(username=f"{slug}-politician"))
        response = client.get(reverse("dashboards:dashboard", args=[strategy.slug]))
        assert response.status_code == 200
        totals = response.context["totals"]
        assert totals["reported"] > 0, (slug, response.context["year"])
        client.logout()


def test_open_ended_plan_opens_on_the_latest_year_and_says_this_years_are_not_in(client):
    plan = build_time_like(published=True)
    strategy = plan["strategy"]
    strategy.period_end = None
    strategy.save()
    today = date.today()
    latest = (
        FollowUp.objects.filter(action__strategy=strategy, state=FollowUp.State.APPROVED)
        .latest("year")
        .year
    )
    assert default_year(strategy, approved_only=True, today=today) == latest < today.year
    body = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    assert f"Showing {latest}, the latest year with follow-ups" in body
    assert f"follow-ups for {today.year} are not in yet" in body


def test_a_year_asked_for_is_shown_without_the_notice(client):
    plan = build_time_like(published=True)
    url = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2017"
    response = client.get(url)
    assert response.context["year"] == 2017
    assert "are not in yet" not in response.content.decode()


def test_without_follow_ups_the_plan_opens_on_this_year_clamped_to_its_period():
    plan = build_time_like(published=True)
    FollowUp.objects.all().delete()
    strategy = plan["strategy"]
    assert default_year(strategy, approved_only=False, today=date(2030, 5, 1)) == 2019
    assert default_year(strategy, approved_only=False, today=date(2010, 5, 1)) == 2016
