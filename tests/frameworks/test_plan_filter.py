"""The action plan's filter "SDG 11": the actions linked to the goal or one of its targets."""

import pytest
from django.urls import reverse

from accounts.models import Role
from frameworks.models import Framework, FrameworkItem
from frameworks.services import set_links
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


@pytest.fixture
def plan():
    strategy = StrategyFactory(municipality=MunicipalityFactory())
    area = GoalAreaFactory(strategy=strategy)
    cities = ActionFactory(goal_area=area, title="Byvandring")
    set_links(cities, [sdg("11")])
    partnership = ActionFactory(goal_area=area, title="Vennskapsby")
    set_links(partnership, [sdg("17")])
    ActionFactory(goal_area=area, title="Ulenka")
    return strategy


def plan_html(client, strategy, **query):
    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    response = client.get(reverse("actions:plan", args=[strategy.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_sdg_filter_lists_only_the_actions_linked_to_it(client, plan):
    html = plan_html(client, plan, framework_item="sdg-11")
    list_html = html[html.index('id="action-list"') :]
    assert "Byvandring" in list_html
    assert "Vennskapsby" not in list_html and "Ulenka" not in list_html


def test_the_filter_offers_every_sdg_by_number_and_name(client, plan):
    html = plan_html(client, plan)
    assert 'value="sdg-11"' in html
    assert "SDG 11 Bærekraftige byer og lokalsamfunn" in html or "SDG 11 Sustainable" in html
    assert 'value="eu2020-3"' in html


def test_an_action_linked_to_a_target_shows_under_its_goal(client, plan):
    target = FrameworkItem.objects.get(framework__code="sdg", code="11.1", parent=sdg("11"))
    housing = ActionFactory(goal_area=plan.goal_areas.get(), title="Bustadprogram")
    set_links(housing, [target])
    html = plan_html(client, plan, framework_item="sdg-11")
    assert "Bustadprogram" in html[html.index('id="action-list"') :]


def test_another_municipalitys_own_framework_is_not_offered(client, plan):
    theirs = Framework.objects.create(
        code="kptheirs", name_nb="Kommuneplan", municipality=MunicipalityFactory()
    )
    FrameworkItem.objects.create(framework=theirs, code="1", name_nb="Levende sentrum")
    html = plan_html(client, plan)
    assert 'value="kptheirs-1"' not in html
    response = client.get(
        reverse("actions:plan", args=[plan.slug]), {"framework_item": "kptheirs-1"}
    )
    assert "Byvandring" not in response.content.decode().split('id="action-list"')[1]


def test_a_made_up_item_is_a_form_error_not_every_action(client, plan):
    html = plan_html(client, plan, framework_item="sdg-99")
    assert "Byvandring" not in html[html.index('id="action-list"') :]
    assert "invalid" in html.lower() or "gyldig" in html.lower() or "giltigt" in html.lower()


def test_the_filtered_plan_costs_the_same_queries_with_one_and_with_eight_links(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (1, 8):
        strategy = StrategyFactory(municipality=MunicipalityFactory())
        area = GoalAreaFactory(strategy=strategy)
        for i in range(n):
            set_links(ActionFactory(goal_area=area, title=f"Tiltak {i}"), [sdg("11"), sdg("4")])
        client.force_login(member(Role.POLITICIAN, strategy.municipality))
        address = reverse("actions:plan", args=[strategy.slug])
        client.get(address, {"framework_item": "sdg-11"})
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(address, {"framework_item": "sdg-11"}).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
