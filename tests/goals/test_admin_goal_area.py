"""An administrator adds actions under a goal area in the Django admin: the strategy's
rules hold there as everywhere (one code per strategy), answered as form errors."""

import pytest
from django.urls import reverse

from actions.models import Action
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
)
from tests.pages import visible_text

from .admin_forms import posted_back

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    strategy = StrategyFactory(slug="time-plan", period_start=2024, period_end=2027)
    first = GoalAreaFactory(strategy=strategy, code="1", title="Kultur")
    second = GoalAreaFactory(strategy=strategy, code="2", title="Næring")
    ActionFactory(goal_area=first, code="1.1", title="Kulturutveksling")
    return {"strategy": strategy, "first": first, "second": second}


def _url(area):
    return reverse("admin:goals_goalarea_change", args=[area.pk])


def _with_new_action(admin, area, **values):
    data = posted_back(admin.get(_url(area)))
    index = int(data["actions-TOTAL_FORMS"])
    data["actions-TOTAL_FORMS"] = index + 1
    row = {"code": "", "order": "0", "title": "", "recurrence": "yearly", "status": "planned"}
    row.update(values)
    data.update({f"actions-{index}-{key}": value for key, value in row.items()})
    return data


def test_an_action_code_another_goal_area_uses_is_a_form_error_not_a_crash(admin, plan):
    before = Action.objects.count()
    data = _with_new_action(admin, plan["second"], code="1.1", title="Næringsreise")
    response = admin.post(_url(plan["second"]), data)
    assert response.status_code == 200
    assert "Another action in this strategy already has this code" in visible_text(response)
    assert Action.objects.count() == before


def test_an_action_added_under_a_goal_area_belongs_to_its_strategy(admin, plan):
    data = _with_new_action(admin, plan["second"], code="2.1", title="Næringsreise")
    response = admin.post(_url(plan["second"]), data)
    assert response.status_code == 302
    action = Action.objects.get(code="2.1")
    assert (action.strategy, action.goal_area) == (plan["strategy"], plan["second"])


def test_an_action_under_a_goal_area_is_offered_its_municipalitys_departments(admin, plan):
    own = ResponsiblePartyFactory(municipality=plan["strategy"].municipality, name="Kulturkontoret")
    other = ResponsiblePartyFactory(municipality=MunicipalityFactory(), name="Framand etat")
    response = admin.get(_url(plan["second"]))
    page = response.content.decode()
    assert own.name in page
    assert other.name not in page
    data = _with_new_action(admin, plan["second"], code="2.1", title="Reise")
    data["actions-0-responsible"] = other.pk
    response = admin.post(_url(plan["second"]), data)
    assert response.status_code == 200
    assert not Action.objects.filter(code="2.1").exists()
