"""In the Django admin an action, indicator, strategy point or follow-up links only rows of
its own plan: an administrator, who may edit every municipality, is offered an existing
row's own plan only, sees whose each choice is where a list mixes municipalities, and is
refused a link to another plan with the field named. Staff see their own rows only."""

import pytest
from django.urls import reverse

from actions.models import Action, FollowUp, Indicator
from goals.models import StrategyPoint
from tests.factories import MilestoneFactory
from tests.pages import visible_text

from .tenancy_world import SECRET, signed_in, text

pytestmark = pytest.mark.django_db

MILESTONES = {
    "milestones-TOTAL_FORMS": "0",
    "milestones-INITIAL_FORMS": "0",
    "milestones-MIN_NUM_FORMS": "0",
    "milestones-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def admin(client, own):
    return signed_in(client, own.users["superuser"])


@pytest.fixture
def staff(client, own):
    return signed_in(client, own.users["staff"])


def _url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _options(response, name):
    """The labels a choice field offers, as the admin renders them."""
    field = response.context["adminform"].form.fields[name]
    return [label for value, label in field.choices if value != ""]


def _action_post(strategy, **overrides):
    data = {
        "strategy": strategy.pk,
        "code": "9.9",
        "order": "0",
        "title": "Nytt tiltak",
        "recurrence": "one_off",
        "status": "planned",
        # The date precision selects, as a browser submits them (their first option).
        "planned_start_precision": "day",
        "planned_end_precision": "day",
        **MILESTONES,
    }
    data.update(overrides)
    return data


def test_admin_editing_an_action_is_offered_only_its_own_plans_rows(admin, own, other):
    response = admin.get(_url(own.actions["draft"]))
    assert response.status_code == 200
    for name in ["goal_area", "goals", "strategy_points", "responsible", "partners", "twin_towns"]:
        options = _options(response, name)
        assert options, name
        assert not [label for label in options if SECRET in str(label)], name
    assert "Egen kommune: Partner KS" in _options(response, "partners")


def test_admin_adding_an_action_sees_whose_each_choice_is(admin, own, other):
    response = admin.get(reverse("admin:actions_action_add"))
    departments = _options(response, "responsible")
    assert "Egen kommune: Næringsavdelinga" in departments
    assert f"Hemmelig kommune: {SECRET}Næringsavdelinga" in departments
    goals = _options(response, "goals")
    assert f"Hemmelig kommune: {other.goal}" in goals


def test_admin_add_refuses_links_to_another_plan_naming_each_field(admin, own, other):
    before = Action.objects.count()
    response = admin.post(
        reverse("admin:actions_action_add"),
        _action_post(
            own.strategy,
            goal_area=other.area.pk,
            goals=[own.goal.pk, other.goal.pk],
            strategy_points=[other.point.pk],
            responsible=other.departments["business"].pk,
            partners=[other.partner.pk],
            twin_towns=[own.twin.pk, other.twin.pk],
        ),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {
        "goal_area",
        "goals",
        "strategy_points",
        "responsible",
        "partners",
        "twin_towns",
    }
    page = visible_text(text(response))
    assert f"Goals from another strategy: {other.goal}" in page
    assert f"Partners from another municipality: {SECRET}Partner KS" in page
    assert f"Responsible from another municipality: {SECRET}Næringsavdelinga" in page
    assert f"Goal area from another strategy: {other.area}" in page
    assert "Egen kommune: Vennskapsby" not in errors["twin_towns"][0]  # only the wrong one
    assert Action.objects.count() == before


def test_admin_adds_an_action_with_its_own_plans_links(admin, own, other):
    response = admin.post(
        reverse("admin:actions_action_add"),
        _action_post(
            own.strategy,
            goal_area=own.area.pk,
            goals=[own.goal.pk],
            strategy_points=[own.point.pk],
            responsible=own.departments["business"].pk,
            partners=[own.partner.pk],
            twin_towns=[own.twin.pk],
        ),
    )
    assert response.status_code == 302
    action = Action.objects.get(strategy=own.strategy, code="9.9")
    assert list(action.partners.all()) == [own.partner]


def test_admin_change_refuses_another_plans_goal(admin, own, other):
    action = own.actions["draft"]
    response = admin.get(_url(action))
    from .test_tenancy_review_admin import form_data

    data = form_data(response)
    data["goals"] = [other.goal.pk]
    response = admin.post(_url(action), data)
    assert response.status_code == 200
    assert "goals" in response.context["adminform"].form.errors
    assert list(action.goals.all()) != [other.goal]


def test_staff_adding_an_action_are_offered_their_own_rows_only(staff, own, other):
    response = staff.get(reverse("admin:actions_action_add"))
    assert response.status_code == 200
    assert SECRET not in text(response)
    # One municipality's list: no need to say whose.
    assert "Næringsavdelinga" in _options(response, "responsible")
    assert staff.get(_url(other.actions["draft"])).status_code in (302, 404)
    assert SECRET not in text(staff.get(_url(other.actions["draft"]), follow=True))


def test_admin_indicator_must_be_of_its_goal_areas_and_actions_strategy(admin, own, other):
    before = Indicator.objects.count()
    response = admin.post(
        reverse("admin:actions_indicator_add"),
        {
            "strategy": own.strategy.pk,
            "goal_area": other.area.pk,
            "action": other.actions["draft"].pk,
            "code": "I9",
            "name": "Deltakarar",
            "values-TOTAL_FORMS": "0",
            "values-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"goal_area", "action"}
    assert Indicator.objects.count() == before


def test_admin_strategy_point_must_be_of_its_goal_areas_and_parents_strategy(admin, own, other):
    before = StrategyPoint.objects.count()
    response = admin.post(
        reverse("admin:goals_strategypoint_add"),
        {
            "strategy": own.strategy.pk,
            "parent": other.point.pk,
            "code": "9z",
            "order": "0",
            "goal_areas": [other.area.pk],
        },
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"parent", "goal_areas"}
    assert StrategyPoint.objects.count() == before


def test_admin_follow_up_ticks_only_its_own_actions_milestones(admin, own, other):
    follow_up = own.follow_ups["draft"]
    elsewhere = MilestoneFactory(action=own.actions["submitted"], title="Annan milepæl")
    response = admin.get(_url(follow_up))
    assert _options(response, "milestones_reached") == ["Egen kommune: Milepæl"]
    from .test_tenancy_review_admin import form_data

    data = form_data(response)
    data["milestones_reached"] = [elsewhere.pk]
    response = admin.post(_url(follow_up), data)
    assert response.status_code == 200
    assert "milestones_reached" in response.context["adminform"].form.errors
    assert not FollowUp.objects.get(pk=follow_up.pk).milestones_reached.exists()


def test_staff_edit_their_strategy_page_with_their_own_rows_only(staff, own, other):
    response = staff.get(_url(own.strategy))
    assert response.status_code == 200
    page = text(response)
    assert own.point.text in page
    assert SECRET not in page
    for view in ["change", "history"]:
        assert staff.get(_url(other.strategy, view)).status_code in (302, 404)
        assert SECRET not in text(staff.get(_url(other.strategy, view), follow=True))
