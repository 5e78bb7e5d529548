"""A row's municipality, and a plan row's strategy, are chosen when it is added and are
read-only afterwards in the admin: a moved strategy, partner or action would keep its links
to the old municipality's rows, and that municipality's plan would break on export."""

from pathlib import Path

import pytest
from django.urls import reverse

from actions.models import Action
from partners.models import Partner
from strategy_files.importer import import_file
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MunicipalityFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    StrategyPointFactory,
    TwinTownFactory,
)
from tests.security.tenancy_world import staff_coordinator

from .admin_forms import posted_back

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _readonly(response, name):
    """The change page shows the field as text, with no box to change it."""
    form = response.context["adminform"].form
    page = response.content.decode()
    return name not in form.fields and f'name="{name}"' not in page and f"field-{name}" in page


def test_a_strategy_cannot_be_moved_to_another_municipality(admin):
    time = import_file(FIXTURES / "time.yaml")
    arvika = import_file(FIXTURES / "arvika.yaml")
    links = set(Action.objects.filter(strategy=time).values_list("pk", "responsible"))
    response = admin.get(_url(time))
    assert _readonly(response, "municipality")
    assert time.municipality.name in response.content.decode()
    data = posted_back(response)
    data["municipality"] = arvika.municipality.pk
    response = admin.post(_url(time), data)
    assert response.status_code == 302
    time.refresh_from_db()
    assert time.municipality.slug == "time"
    assert set(Action.objects.filter(strategy=time).values_list("pk", "responsible")) == links


@pytest.mark.parametrize(
    "factory, fields",
    [
        (PartnerFactory, {"key": "ks", "name": "KS", "kind": "organisation"}),
        (TwinTownFactory, {"key": "ljungby", "name": "Ljungby", "country": "Sverige"}),
        (ResponsiblePartyFactory, {"key": "kultur", "name": "Kultur", "kind": "department"}),
    ],
)
def test_a_partner_twin_town_or_department_stays_in_its_municipality(admin, factory, fields):
    obj = factory(**fields)
    home, elsewhere = obj.municipality, MunicipalityFactory()
    response = admin.get(_url(obj))
    assert _readonly(response, "municipality")
    data = posted_back(response)
    data["municipality"] = elsewhere.pk
    data["name"] = "Nytt namn"
    assert admin.post(_url(obj), data).status_code == 302
    obj.refresh_from_db()
    assert obj.municipality == home and obj.name == "Nytt namn"


@pytest.mark.parametrize("factory", [ActionFactory, IndicatorFactory, StrategyPointFactory])
def test_a_plan_row_stays_in_its_strategy(admin, factory):
    obj = factory()
    home = obj.strategy
    other = StrategyFactory(municipality=home.municipality)
    response = admin.get(_url(obj))
    assert _readonly(response, "strategy")
    data = posted_back(response)
    data["strategy"] = other.pk
    assert admin.post(_url(obj), data).status_code == 302
    obj.refresh_from_db()
    assert obj.strategy == home


def test_a_goal_area_stays_in_its_strategy_with_its_actions(admin):
    action = ActionFactory()
    area, home = action.goal_area, action.strategy
    other = StrategyFactory(municipality=home.municipality)
    response = admin.get(_url(area))
    assert _readonly(response, "strategy")
    data = posted_back(response)
    data["strategy"] = other.pk
    assert admin.post(_url(area), data).status_code == 302
    area.refresh_from_db()
    action.refresh_from_db()
    assert area.strategy == home and action.strategy == home


def test_a_taken_code_stays_a_form_error_though_the_strategy_is_read_only(admin):
    first = ActionFactory(code="1.1")
    second = ActionFactory(goal_area=first.goal_area, code="1.2")
    data = posted_back(admin.get(_url(second)))
    data["code"] = "1.1"
    response = admin.post(_url(second), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    second.refresh_from_db()
    assert second.code == "1.2"


def test_the_owner_is_chosen_when_adding(admin):
    municipality = MunicipalityFactory()
    response = admin.get(reverse("admin:partners_partner_add"))
    assert "municipality" in response.context["adminform"].form.fields
    data = {"municipality": municipality.pk, "key": "ks", "name": "KS", "kind": "organisation"}
    assert admin.post(reverse("admin:partners_partner_add"), data).status_code == 302
    assert Partner.objects.get(key="ks").municipality == municipality


def test_a_coordinator_sees_their_strategy_and_twin_towns_owner_as_text(client):
    strategy = StrategyFactory()
    twin_town = TwinTownFactory(municipality=strategy.municipality)
    client.force_login(staff_coordinator(strategy.municipality))
    for obj in (strategy, twin_town):
        response = client.get(_url(obj))
        assert response.status_code == 200
        assert _readonly(response, "municipality")


def test_a_goal_moves_between_its_own_strategys_goal_areas_only(admin):
    goal = GoalFactory()
    home = goal.goal_area
    sibling = GoalAreaFactory(strategy=home.strategy)
    elsewhere = GoalAreaFactory(strategy=StrategyFactory(municipality=home.strategy.municipality))
    response = admin.get(_url(goal))
    offered = set(response.context["adminform"].form.fields["goal_area"].queryset)
    assert offered == {home, sibling}
    data = posted_back(response)
    data["goal_area"] = elsewhere.pk
    response = admin.post(_url(goal), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["goal_area"]
    goal.refresh_from_db()
    assert goal.goal_area == home
    data["goal_area"] = sibling.pk
    assert admin.post(_url(goal), data).status_code == 302
    goal.refresh_from_db()
    assert goal.goal_area == sibling
