"""Goal areas, goals and strategy points of their own on the open-data API: filtered by
municipality and strategy, paginated, with stable ids and the plan's codes; never a draft
strategy's or an unpublished municipality's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import GoalArea, Strategy
from tests.factories import GoalAreaFactory, GoalFactory, StrategyPointFactory

LEVELS = ["goal_areas", "goals", "strategy_points"]


@pytest.fixture
def levels(world):
    area = GoalArea.objects.get(strategy=world["adopted"], code="1")
    point = StrategyPointFactory(strategy=world["adopted"], code="S1", title="Synleg")
    sub = StrategyPointFactory(strategy=world["adopted"], code="S1.1", parent=point)
    sub.goal_areas.add(area)
    draft_area = GoalAreaFactory(strategy=world["draft"], code="9", title="Utkast-område")
    GoalFactory(goal_area=draft_area, code="9.1", text="Utkast-mål")
    StrategyPointFactory(strategy=world["draft"], code="U1", title="Utkast-punkt")
    secret = Strategy.objects.get(slug="skjult-plan")
    secret_area = GoalAreaFactory(strategy=secret, code="8", title="Hemmeleg område")
    GoalFactory(goal_area=secret_area, code="8.1", text="Hemmeleg mål")
    StrategyPointFactory(strategy=secret, code="H1", title="Hemmeleg punkt")
    return {"area": area, "point": point, "sub": sub}


def _get(client, name, **params):
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 200, (name, response.content[:200])
    return response.json()


def test_goal_areas_goals_and_points_of_the_adopted_strategy_only(client, levels):
    areas = _get(client, "goal_areas")["results"]
    assert [(a["strategy"], a["code"], a["title"]) for a in areas] == [
        ("hamar-2020", "1", "Internasjonalt arbeid")
    ]
    assert areas[0]["id"] == levels["area"].pk
    goals = _get(client, "goals")["results"]
    assert [(g["goal_area"], g["code"], g["text"]) for g in goals] == [
        ("1", "1.1", "Meir samarbeid")
    ]
    points = _get(client, "strategy_points")["results"]
    assert [(p["code"], p["parent"], p["goal_areas"]) for p in points] == [
        ("S1", None, []),
        ("S1.1", "S1", ["1"]),
    ]
    assert points[1]["parent_id"] == levels["point"].pk


@pytest.mark.parametrize("name", LEVELS)
def test_no_draft_or_unpublished_level_shows(client, levels, name):
    content = client.get(reverse(f"api:{name}")).content.decode()
    content += client.get(reverse(f"api:{name}"), {"format": "csv"}).content.decode()
    for hidden in ["Utkast", "Hemmeleg", "skjult", "hamar-utkast"]:
        assert hidden not in content, (name, hidden)
    for strategy in ["hamar-utkast", "skjult-plan"]:
        assert _get(client, name, strategy=strategy)["count"] == 0
    assert _get(client, name, municipality="skjult")["count"] == 0


@pytest.mark.parametrize("name", LEVELS)
def test_filters_by_municipality_and_strategy(client, levels, name):
    assert _get(client, name, municipality="hamar")["count"] >= 1
    assert _get(client, name, strategy="hamar-2020")["count"] >= 1
    assert _get(client, name, municipality="nowhere")["count"] == 0
    assert _get(client, "goals", goal_area="1")["count"] == 1
    assert _get(client, "goals", goal_area="2")["count"] == 0


@pytest.mark.parametrize("name", LEVELS)
def test_constant_queries_and_pages_at_two_sizes(client, levels, name, world):
    with CaptureQueriesContext(connection) as few:
        _get(client, name, page_size=2)
    for i in range(15):
        area = GoalAreaFactory(strategy=world["adopted"], code=f"A{i}", order=i + 1)
        GoalFactory(goal_area=area, code=f"A{i}.1")
        point = StrategyPointFactory(strategy=world["adopted"], code=f"P{i}", order=i + 1)
        point.goal_areas.add(area, levels["area"])
        StrategyPointFactory(strategy=world["adopted"], code=f"P{i}.1", parent=point)
    with CaptureQueriesContext(connection) as many:
        body = _get(client, name, page_size=5, page=2)
    assert len(many) == len(few), name
    assert (body["page"], len(body["results"])) == (2, 5)
    assert body["count"] >= 16 and body["next"] and body["previous"]
    ids = [row["id"] for row in _get(client, name, page_size=500)["results"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", LEVELS)
@pytest.mark.parametrize(
    "params",
    [{"page": "x"}, {"page": "0"}, {"page_size": "abc"}, {"page_size": "0"}, {"page": "999"}],
)
def test_hostile_paging_is_a_400(client, levels, name, params):
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 400
    assert response.json()["error"]
