"""Coordinators edit the goals for the whole plan outside the admin (issue 18): main goals
and sub-goals, every change in history with who made it, a goal someone else saved
meanwhile refused with what they changed and nothing lost; editors and politicians 403,
other municipalities 404, visitors asked to sign in."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from goals.models import PlanGoal
from goals.services import row_state
from tests.factories import MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy():
    municipality = MunicipalityFactory(slug="norrby", name="Norrby kommun", is_published=True)
    strategy = StrategyFactory(municipality=municipality, slug="norrby-program")
    main = PlanGoal.objects.create(strategy=strategy, order=1, text="Norrby är öppen mot världen.")
    PlanGoal.objects.create(strategy=strategy, parent=main, order=1, text="Fler unga i utbyten.")
    PlanGoal.objects.create(strategy=strategy, order=2, code="M2", text="Näringslivet stärks.")
    return strategy


def url(strategy):
    return reverse("goals:plan_goals", args=[strategy.slug])


def goals(strategy):
    return list(PlanGoal.objects.filter(strategy=strategy).order_by("pk"))


def post_data(strategy, changes=None, new=None, delete=()):
    """The form as loaded, with `changes` {pk: {field: value}}, a `new` row and rows to
    remove; row order as the form has it: each main goal followed by its sub-goals."""
    rows = goals(strategy)
    mains = [g for g in rows if g.parent_id is None]
    ordered = []
    for main in sorted(mains, key=lambda g: (g.order, g.pk)):
        ordered += [main] + [g for g in rows if g.parent_id == main.pk]
    data = {
        "goals-TOTAL_FORMS": str(len(ordered) + (1 if new else 0)),
        "goals-INITIAL_FORMS": str(len(ordered)),
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "100",
    }
    for i, goal in enumerate(ordered):
        values = {
            "id": goal.pk,
            "code": goal.code,
            "text": goal.text,
            "order": goal.order,
            "parent": goal.parent_id or "",
            "loaded_state": row_state(goal),
            **(changes or {}).get(goal.pk, {}),
        }
        if goal.pk in delete:
            values["DELETE"] = "on"
        data.update({f"goals-{i}-{key}": value for key, value in values.items()})
    if new:
        i = len(ordered)
        data.update({f"goals-{i}-{key}": value for key, value in new.items()})
    return data


@pytest.fixture
def coordinator(client, strategy):
    user = member(Role.COORDINATOR, strategy.municipality, username="koordinator")
    client.force_login(user)
    return user


def test_the_strategy_page_offers_the_form_to_its_coordinator_only(client, strategy):
    client.force_login(member(Role.COORDINATOR, strategy.municipality))
    assert url(strategy) in client.get(strategy.get_absolute_url()).content.decode()
    client.force_login(member(Role.EDITOR, strategy.municipality))
    assert url(strategy) not in client.get(strategy.get_absolute_url()).content.decode()


def test_a_coordinator_edits_adds_and_nests_goals_with_history(client, strategy, coordinator):
    main, sub, second = goals(strategy)
    data = post_data(
        strategy,
        changes={second.pk: {"text": "Näringslivet stärks genom utbyten."}},
        new={"code": "", "text": "Kommunen söker EU-medel.", "order": 2, "parent": main.pk},
    )
    response = client.post(url(strategy), data, follow=True)
    assert response.redirect_chain[-1][0].endswith("#plan-goals")
    page = response.content.decode()
    assert "Näringslivet stärks genom utbyten." in page
    assert "Kommunen söker EU-medel." in page
    added = PlanGoal.objects.get(text="Kommunen söker EU-medel.")
    assert added.parent == main and added.strategy == strategy
    second.refresh_from_db()
    latest = second.history.first()
    assert latest.history_user == coordinator and latest.text == second.text
    form_page = client.get(url(strategy)).content.decode()
    history = form_page[form_page.index('id="history-h"') :]
    assert "koordinator" in history
    assert "Näringslivet stärks genom utbyten." in history
    assert "Kommunen söker EU-medel." in history


def test_a_goal_someone_else_saved_meanwhile_is_refused_and_nothing_is_lost(
    client, strategy, coordinator
):
    main, sub, second = goals(strategy)
    data = post_data(strategy, changes={second.pk: {"text": "Min version."}})
    # Someone else saves the same goal after this form was loaded.
    PlanGoal.objects.filter(pk=second.pk).update(text="Deras version.")
    response = client.post(url(strategy), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page
    assert "Deras version." in page and "Min version." in page  # side by side, input kept
    second.refresh_from_db()
    assert second.text == "Deras version."
    # Saving again, from what the page now holds, keeps the user's version.
    state = re.search(r'name="goals-2-loaded_state" value="([^"]+)"', page).group(1)
    assert state == row_state(second)
    data["goals-2-loaded_state"] = state
    assert client.post(url(strategy), data).status_code == 302
    second.refresh_from_db()
    assert second.text == "Min version."


def test_a_goal_someone_else_added_meanwhile_is_kept(client, strategy, coordinator):
    main, sub, second = goals(strategy)
    data = post_data(strategy, changes={main.pk: {"text": "Norrby är en öppen kommun."}})
    PlanGoal.objects.create(strategy=strategy, order=3, text="Deras nya mål.")
    assert client.post(url(strategy), data).status_code == 302
    main.refresh_from_db()
    assert main.text == "Norrby är en öppen kommun."
    assert PlanGoal.objects.filter(strategy=strategy, text="Deras nya mål.").exists()


def test_a_main_goal_with_sub_goals_cannot_be_removed_or_nested(client, strategy, coordinator):
    main, sub, second = goals(strategy)
    response = client.post(url(strategy), post_data(strategy, delete=[main.pk]))
    assert response.status_code == 400
    assert "has sub-goals: remove them or move them" in response.content.decode()
    nested = post_data(strategy, changes={main.pk: {"parent": second.pk}})
    response = client.post(url(strategy), nested)
    assert response.status_code == 400
    assert "has sub-goals: it cannot itself be a sub-goal" in response.content.decode()
    assert len(goals(strategy)) == 3 and PlanGoal.objects.get(pk=main.pk).parent is None
    # Removing the main goal with its sub-goal is fine, and in history.
    assert client.post(url(strategy), post_data(strategy, delete=[main.pk, sub.pk])).status_code
    assert goals(strategy) == [second]
    assert PlanGoal.history.filter(id=main.pk, history_type="-").exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"text": ""},
        {"parent": "99999999999999999999"},
        {"parent": "not a goal"},
        {"order": "-1"},
        {"text": "x" * 5001},
        {"code": "c" * 21},
        {"text": "a\x00b"},
    ],
    ids=["empty", "huge-id", "word", "negative", "long-text", "long-code", "nul"],
)
def test_bad_input_is_a_clear_error_and_nothing_is_saved(client, strategy, coordinator, bad):
    main, sub, second = goals(strategy)
    before = [(g.code, g.text, g.order, g.parent_id) for g in goals(strategy)]
    response = client.post(url(strategy), post_data(strategy, changes={second.pk: bad}))
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert [(g.code, g.text, g.order, g.parent_id) for g in goals(strategy)] == before


def test_a_hostile_number_of_rows_is_refused_at_once(client, strategy, coordinator):
    data = post_data(strategy)
    data["goals-TOTAL_FORMS"] = "2147483648"
    response = client.post(url(strategy), data)
    assert response.status_code == 400
    assert "at most 100" in response.content.decode()


def test_a_goal_of_another_strategy_cannot_be_chosen_as_main_goal(client, strategy, coordinator):
    other = StrategyFactory(municipality=strategy.municipality)
    elsewhere = PlanGoal.objects.create(strategy=other, text="Annan plan.")
    main, sub, second = goals(strategy)
    data = post_data(strategy, changes={second.pk: {"parent": elsewhere.pk}})
    assert client.post(url(strategy), data).status_code == 400
    second.refresh_from_db()
    assert second.parent is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.POLITICIAN])
def test_other_roles_get_a_403_and_change_nothing(client, strategy, role):
    client.force_login(member(role, strategy.municipality))
    assert client.get(url(strategy)).status_code == 403
    data = post_data(strategy, changes={goals(strategy)[2].pk: {"text": "Ändrat."}})
    assert client.post(url(strategy), data).status_code == 403
    assert not PlanGoal.objects.filter(text="Ändrat.").exists()


@pytest.mark.parametrize("published", [True, False])
def test_another_municipalitys_coordinator_gets_a_404(client, strategy, published):
    strategy.municipality.is_published = published
    strategy.municipality.save()
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory(slug="annan")))
    assert client.get(url(strategy)).status_code == 404
    data = post_data(strategy, changes={goals(strategy)[2].pk: {"text": "Ändrat."}})
    assert client.post(url(strategy), data).status_code == 404
    assert not PlanGoal.objects.filter(text="Ändrat.").exists()


def test_a_visitor_is_asked_to_sign_in(client, strategy):
    response = client.post(url(strategy), post_data(strategy))
    assert response.status_code == 302 and "login" in response.url


def test_the_form_costs_the_same_queries_with_more_goals(client, strategy, coordinator):
    client.get(url(strategy))
    with CaptureQueriesContext(connection) as few:
        client.get(url(strategy))
    main = goals(strategy)[0]
    for n in range(6):
        parent = PlanGoal.objects.create(strategy=strategy, order=3 + n, text=f"Mål {n}")
        PlanGoal.objects.create(strategy=strategy, parent=parent, text=f"Delmål {n}")
        PlanGoal.objects.create(strategy=strategy, parent=main, text=f"Delmål till 1 {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(strategy)).status_code == 200
    assert len(many) == len(few)
