"""Framework links on the open-data API (issue 24): each action and goal lists the
framework items it contributes to with the framework's and the item's codes and names and
the plan's note, so a county can add its municipalities' SDG work up; an unpublished
municipality's or a draft strategy's links never show; the cost in queries does not grow
with the number of links."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frameworks.models import FrameworkItem
from frameworks.services import set_links
from goals.models import Goal, Strategy
from tests.factories import ActionFactory, GoalAreaFactory, GoalFactory, StrategyPointFactory


def item(framework, code):
    return FrameworkItem.objects.get(framework__code=framework, code=code)


def _results(client, name, **params):
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_an_actions_links_with_codes_names_and_note(client, world):
    set_links(
        world["action"],
        [item("sdg", "11"), item("sdg", "17"), item("eu2020", "3")],
        notes={item("sdg", "11").pk: "Byvandring med vennskapsbyen"},
    )
    (action,) = [a for a in _results(client, "actions") if a["code"] == "1.1"]
    assert [link["reference"] for link in action["frameworks"]] == [
        "sdg-11",
        "sdg-17",
        "eu2020-3",
    ]
    first = action["frameworks"][0]
    assert first["framework"] == "sdg" and first["item"] == "11" and first["goal"] is None
    assert first["name"]["en"] == "Sustainable cities and communities"
    assert first["name"]["nb"] == "Bærekraftige byer og lokalsamfunn"
    assert first["framework_name"]["sv"] == "Globala målen för hållbar utveckling"
    assert first["note"] == "Byvandring med vennskapsbyen"
    assert action["frameworks"][1]["note"] == ""


def test_a_goals_links_and_the_csv_download(client, world):
    goal = Goal.objects.get(code="1.1", goal_area__strategy=world["adopted"])
    set_links(goal, [item("sdg", "4")], notes={item("sdg", "4").pk: "Skuleutveksling"})
    (row,) = _results(client, "goals")
    assert [(link["reference"], link["note"]) for link in row["frameworks"]] == [
        ("sdg-4", "Skuleutveksling")
    ]
    csv = client.get(reverse("api:goals"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "sdg-4" in csv and "Skuleutveksling" in csv
    actions = _results(client, "actions")
    assert all(a["frameworks"] == [] for a in actions)


def test_an_unpublished_municipalitys_and_a_drafts_links_never_show(client, world):
    hidden = Strategy.objects.get(slug="skjult-plan")
    secret_action = hidden.actions.get()
    secret_goal = GoalFactory(goal_area=GoalAreaFactory(strategy=hidden), text="Hemmeleg mål")
    for obj in (secret_action, secret_goal, world["draft"].actions.get()):
        set_links(obj, [item("sdg", "16")], notes={item("sdg", "16").pk: "Hemmeleg notat"})
    for name in ("actions", "goals"):
        for params in ({}, {"format": "csv"}, {"municipality": "skjult"}):
            body = client.get(reverse(f"api:{name}"), params).content.decode("utf-8-sig")
            assert "Hemmeleg notat" not in body and "sdg-16" not in body, (name, params)


def _cost(client):
    counts = []
    for name in ("actions", "goals", "goal_areas", "strategy_points"):
        for params in ({}, {"format": "csv"}):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(f"api:{name}"), params)
            assert response.status_code == 200
            counts.append(len(queries))
    return counts


def _link_more(world, start, stop):
    sdgs = list(FrameworkItem.objects.filter(framework__code="sdg").order_by("order"))
    area = GoalAreaFactory(strategy=world["adopted"], code=f"L{start}")
    for i in range(start, stop):
        action = ActionFactory(goal_area=area, code=f"L{i}")
        goal = GoalFactory(goal_area=area, code=f"L{i}.1")
        chosen = sdgs[i % 17 : i % 17 + 3]
        set_links(action, chosen, notes={chosen[0].pk: f"Notat {i}"})
        set_links(goal, chosen[:2])
        set_links(GoalAreaFactory(strategy=world["adopted"], code=f"LA{i}"), chosen[1:])
        set_links(StrategyPointFactory(strategy=world["adopted"], code=f"LP{i}"), chosen)


def test_the_cost_in_queries_does_not_grow_with_the_links(client, world):
    _link_more(world, 0, 1)
    few = _cost(client)
    _link_more(world, 1, 15)
    many = _cost(client)
    assert many == few
    actions = _results(client, "actions")
    linked = [a for a in actions if a["code"].startswith("L")]
    assert len(linked) == 15 and all(len(a["frameworks"]) >= 1 for a in linked)
    assert json.dumps(linked).count("Notat") == 15
    points = _results(client, "strategy_points")
    assert sum(len(p["frameworks"]) for p in points) == 45
