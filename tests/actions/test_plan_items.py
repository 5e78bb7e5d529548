"""Milestones and indicators in the staff screens: who may edit them, what is refused,
the history, and the pages' query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp, Indicator, IndicatorValue, Milestone
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    IndicatorFactory,
    MilestoneFactory,
    member,
)

from .helpers import THIS_YEAR

pytestmark = pytest.mark.django_db


def rows(prefix, forms, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(forms):
        data.update({f"{prefix}-{i}-{key}": value for key, value in form.items()})
    return data


def milestone_rows(action, new=None, delete=()):
    forms = [
        {
            "id": m.pk,
            "title": m.title,
            "due_on": m.due_on or "",
            "order": m.order,
            "loaded_version": m.version,
            **({"DELETE": "on"} if m in delete else {}),
        }
        for m in action.milestones.all()
    ]
    initial = len(forms)
    forms.append(new or {"title": "", "due_on": "", "order": 0})
    return rows("milestones", forms, initial)


def indicator_rows(strategy, new):
    forms = [
        {
            "id": i.pk,
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "baseline": i.baseline or "",
            "target": i.target or "",
            "target_year": i.target_year or "",
            "goal_area": i.goal_area_id or "",
            "action": i.action_id or "",
            "loaded_version": i.version,
        }
        for i in strategy.indicators.all()
    ]
    initial = len(forms)
    forms.append(new)
    return rows("indicators", forms, initial)


NEW_MILESTONE = {"title": "Program sendt på høyring", "due_on": f"{THIS_YEAR}-09-01", "order": 2}


@pytest.mark.parametrize("who,status", [
    ("coordinator", 302), ("admin", 302),
    ("editor", 403), ("editor_other_dept", 403), ("politician", 403),
])  # fmt: skip
def test_coordinators_create_and_edit_milestones(client, users, time_plan, who, status):
    """The issue: coordinators create and edit milestones; editors tick them reached in
    their follow-up, so the responsible department's editor is refused here too."""
    day = time_plan["day"]
    client.force_login(users[who])
    url = reverse("actions:milestones", args=[day.pk])
    assert client.get(url).status_code == (200 if status == 302 else 403)
    response = client.post(url, milestone_rows(day, NEW_MILESTONE))
    assert response.status_code == status
    added = Milestone.objects.filter(action=day, title=NEW_MILESTONE["title"])
    assert added.exists() == (status == 302)


def test_another_municipalitys_milestones_and_indicators_are_a_404(
    client, users, time_plan, neighbour
):
    client.force_login(member(Role.COORDINATOR, neighbour["municipality"], username="k2"))
    day = time_plan["day"]
    assert client.get(reverse("actions:milestones", args=[day.pk])).status_code == 404
    response = client.post(
        reverse("actions:milestones", args=[day.pk]), milestone_rows(day, NEW_MILESTONE)
    )
    assert response.status_code == 404
    url = reverse("actions:indicators", args=[time_plan["strategy"].slug])
    assert client.get(url).status_code == 404
    assert Milestone.objects.filter(action=day).count() == 1


def test_visitors_are_sent_to_sign_in(client, time_plan):
    for url in [
        reverse("actions:milestones", args=[time_plan["day"].pk]),
        reverse("actions:indicators", args=[time_plan["strategy"].slug]),
    ]:
        assert "/accounts/login/" in client.get(url).url


def test_a_milestone_is_added_edited_and_removed_with_its_history(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    url = reverse("actions:milestones", args=[day.pk])
    client.post(url, milestone_rows(day, NEW_MILESTONE))
    added = Milestone.objects.get(title=NEW_MILESTONE["title"])
    assert added.due_on == datetime.date(THIS_YEAR, 9, 1)
    assert added.history.first().history_user == users["coordinator"]
    html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    assert NEW_MILESTONE["title"] in html and "Edit milestones" in html

    client.post(url, milestone_rows(day, delete=[added]))
    assert not Milestone.objects.filter(pk=added.pk).exists()


def test_a_milestone_reported_reached_cannot_be_removed(client, users, time_plan):
    day, milestone = time_plan["day"], time_plan["milestone"]
    follow_up = FollowUpFactory(action=day, year=THIS_YEAR, state=FollowUp.State.DRAFT)
    follow_up.milestones_reached.add(milestone)
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:milestones", args=[day.pk]), milestone_rows(day, delete=[milestone])
    )
    assert response.status_code == 400
    assert "cannot be removed" in response.content.decode()
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_bad_milestone_date_is_refused_and_nothing_lost(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    bad = {**NEW_MILESTONE, "due_on": "31.02.2026"}
    response = client.post(reverse("actions:milestones", args=[day.pk]), milestone_rows(day, bad))
    assert response.status_code == 400
    assert NEW_MILESTONE["title"] in response.content.decode()
    assert not Milestone.objects.filter(title=NEW_MILESTONE["title"]).exists()


NEW_INDICATOR = {
    "code": "I-9",
    "name": "Elevar på utveksling",
    "unit": "elevar",
    "baseline": "4",
    "target": "20",
    "target_year": "2027",
    "action": "",
}


@pytest.mark.parametrize("who,status", [
    ("coordinator", 302), ("admin", 302),
    ("editor", 403), ("editor_other_dept", 403), ("politician", 403),
])  # fmt: skip
def test_indicators_are_the_plan_owners(client, users, time_plan, who, status):
    strategy = time_plan["strategy"]
    client.force_login(users[who])
    url = reverse("actions:indicators", args=[strategy.slug])
    assert client.get(url).status_code == (200 if status == 302 else 403)
    data = indicator_rows(strategy, {**NEW_INDICATOR, "goal_area": time_plan["area"].pk})
    assert client.post(url, data).status_code == status
    assert Indicator.objects.filter(code="I-9").exists() == (status == 302)


def test_an_indicator_cannot_point_into_another_plan(client, users, time_plan, neighbour):
    strategy = time_plan["strategy"]
    client.force_login(users["coordinator"])
    url = reverse("actions:indicators", args=[strategy.slug])
    for field, other in [("goal_area", GoalAreaFactory().pk), ("action", neighbour["action"].pk)]:
        data = indicator_rows(strategy, {**NEW_INDICATOR, "goal_area": "", field: other})
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert not Indicator.objects.filter(code="I-9").exists()


def test_a_duplicate_indicator_code_is_refused(client, users, time_plan):
    strategy = time_plan["strategy"]
    code = time_plan["indicator"].code
    client.force_login(users["coordinator"])
    data = indicator_rows(strategy, {**NEW_INDICATOR, "code": code, "goal_area": ""})
    response = client.post(reverse("actions:indicators", args=[strategy.slug]), data)
    assert response.status_code == 400
    assert Indicator.objects.filter(strategy=strategy, code=code).count() == 1


def test_an_indicator_with_values_cannot_be_removed(client, users, time_plan):
    strategy, indicator = time_plan["strategy"], time_plan["indicator"]
    IndicatorValue.objects.create(indicator=indicator, year=THIS_YEAR, value=300)
    client.force_login(users["coordinator"])
    data = indicator_rows(strategy, {**NEW_INDICATOR, "code": "", "name": "", "unit": ""})
    data["indicators-0-DELETE"] = "on"
    for field in ["baseline", "target", "target_year"]:
        data[f"indicators-1-{field}"] = ""
    response = client.post(reverse("actions:indicators", args=[strategy.slug]), data)
    assert response.status_code == 400
    assert "has recorded values" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_pages_cost_the_same_queries_with_3_or_30_rows(client, users, time_plan):
    day, strategy = time_plan["day"], time_plan["strategy"]
    client.force_login(users["coordinator"])
    urls = [
        reverse("actions:milestones", args=[day.pk]),
        reverse("actions:indicators", args=[strategy.slug]),
    ]
    for url in urls:
        _count(client, url)
    few = [_count(client, url) for url in urls]
    for _ in range(27):
        MilestoneFactory(action=day)
        IndicatorFactory(strategy=strategy, action=ActionFactory(goal_area=time_plan["area"]))
    assert [_count(client, url) for url in urls] == few
