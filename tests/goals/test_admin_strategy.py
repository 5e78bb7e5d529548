"""An administrator edits a whole strategy on its admin page: goal areas, strategy points
and the actions the document lists for the whole plan (Tranås, Trondheim), at a cost in
queries that does not grow with the plan."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from strategy_files.importer import import_file

from .admin_forms import posted_back

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _seed(slug):
    return import_file(FIXTURES / f"{slug}.yaml")


def _url(strategy):
    return reverse("admin:goals_strategy_change", args=[strategy.pk])


def test_tranas_strategy_page_lists_its_plan_wide_activities(admin):
    strategy = _seed("tranas")
    page = admin.get(_url(strategy)).content.decode()
    assert "Delta i internationella konferenser" in page
    assert "Genomföra studiebesök" in page
    assert strategy.actions.filter(goal_area__isnull=True).count() == 9


def test_trondheim_strategy_page_lists_its_strategy_points_and_plan_wide_actions(admin):
    strategy = _seed("trondheim")
    response = admin.get(_url(strategy))
    page = response.content.decode()
    for point in strategy.strategy_points.all():
        assert f'value="{point.code}"' in page
    for action in strategy.actions.filter(goal_area__isnull=True):
        assert action.title in page
    # Only plan-wide actions here: the ones under a goal area are on its page.
    plan_wide = response.context["inline_admin_formsets"][2].formset
    assert {form.instance.goal_area_id for form in plan_wide.forms} == {None}


def test_hamar_strategy_point_parents_are_offered_from_its_own_strategy_only(admin):
    hamar, trondheim = _seed("hamar"), _seed("trondheim")
    response = admin.get(_url(hamar))
    points = response.context["inline_admin_formsets"][1].formset.forms[0]
    offered = {obj for obj in points.fields["parent"].queryset}
    assert offered == set(hamar.strategy_points.all())
    assert not offered & set(trondheim.strategy_points.all())


def test_adding_a_plan_wide_action_and_a_strategy_point_on_the_strategy_page(admin):
    strategy = _seed("tranas")
    data = posted_back(admin.get(_url(strategy)))
    index = int(data["actions-TOTAL_FORMS"])
    data["actions-TOTAL_FORMS"] = index + 1
    row = {"code": "A99", "order": "99", "title": "Vänortsbesök", "recurrence": "yearly"}
    row["status"] = "planned"
    data.update({f"actions-{index}-{key}": value for key, value in row.items()})
    index = int(data["strategy_points-TOTAL_FORMS"])
    data["strategy_points-TOTAL_FORMS"] = index + 1
    data.update({f"strategy_points-{index}-code": "P1", f"strategy_points-{index}-order": "1"})
    data[f"strategy_points-{index}-title"] = "Internationella kontakter"
    response = admin.post(_url(strategy), data)
    assert response.status_code == 302
    action = Action.objects.get(strategy=strategy, code="A99")
    assert action.goal_area is None and action.title == "Vänortsbesök"
    assert strategy.strategy_points.get(code="P1").title == "Internationella kontakter"


def test_a_plan_wide_action_code_already_used_is_a_form_error(admin):
    strategy = _seed("tranas")
    taken = strategy.actions.first().code
    before = Action.objects.count()
    data = posted_back(admin.get(_url(strategy)))
    index = int(data["actions-TOTAL_FORMS"])
    data["actions-TOTAL_FORMS"] = index + 1
    row = {"code": taken, "order": "0", "title": "Dubbel", "recurrence": "yearly"}
    row["status"] = "planned"
    data.update({f"actions-{index}-{key}": value for key, value in row.items()})
    response = admin.post(_url(strategy), data)
    assert response.status_code == 200
    assert Action.objects.count() == before


def _queries(client, strategy):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(strategy)).status_code == 200
    return len(queries)


def test_strategy_page_costs_the_same_queries_for_a_small_and_a_large_plan(admin):
    # Time: no points, no plan-wide actions; Trondheim: points with sub-points and 26
    # plan-wide actions, each row with its select boxes.
    small, large = _seed("time"), _seed("trondheim")
    _queries(admin, small)  # warm the session and content types
    assert _queries(admin, small) == _queries(admin, large)


def test_goal_area_page_costs_the_same_queries_for_few_and_many_actions(admin):
    arvika, time = _seed("arvika"), _seed("time")
    few = min(arvika.goal_areas.all(), key=lambda area: area.actions.count())
    many = max(time.goal_areas.all(), key=lambda area: area.actions.count())
    assert few.actions.count() < many.actions.count()

    def count(area):
        with CaptureQueriesContext(connection) as queries:
            admin.get(reverse("admin:goals_goalarea_change", args=[area.pk]))
        return len(queries)

    count(few)
    assert count(few) == count(many)
