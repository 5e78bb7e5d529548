"""Hostile posts to the action screens: create, edit, inline status, archive."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from actions.models import Action
from tests.actions.helpers import action_data

from .conftest import attempt, changed, post_form, row_counts
from .strategies import FUZZ, field_value, form_data

pytestmark = pytest.mark.django_db


def new_action_data(plan):
    return {
        "code": "9.9",
        "title": "Nytt tiltak",
        "description": "",
        "goal_area": plan["area"].pk,
        "goals": [plan["goal"].pk],
        "strategy_points": [],
        "responsible": plan["department"].pk,
        "responsible_note": "",
        "partners": [plan["partner"].pk],
        "twin_towns": [plan["twin_town"].pk],
        "recurrence": Action.Recurrence.ONE_OFF,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "cost_amount": "1000.50",
        "cost_currency": "NOK",
        "funding_note": "",
        "estimated_hours": "10.5",
        "status": Action.Status.PLANNED,
    }


@FUZZ
@given(data=st.data())
def test_create_action_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    client.force_login(plan["coordinator"])
    post = data.draw(form_data(new_action_data(plan)))
    url = reverse("actions:new", args=[plan["strategy"].slug])
    response, created = attempt(client, url, post)
    if created:
        action = Action.objects.get(strategy=plan["strategy"], code=str(post["code"]).strip())
        assert "\x00" not in action.title
        action.delete()  # the next example may use the same code


@FUZZ
@given(data=st.data(), as_editor=st.booleans())
def test_edit_action_never_fails_and_a_refusal_writes_nothing(client, plan, data, as_editor):
    client.force_login(plan["editor"] if as_editor else plan["coordinator"])
    action = Action.objects.get(pk=plan["action"].pk)
    post = data.draw(form_data(action_data(action)))
    response, saved = attempt(client, reverse("actions:edit", args=[action.pk]), post)
    action.refresh_from_db()
    assert action.responsible == plan["department"] or not as_editor


@FUZZ
@given(data=st.data(), htmx=st.booleans())
def test_inline_status_change_never_fails_and_a_refusal_writes_nothing(client, plan, data, htmx):
    client.force_login(plan["editor"])
    action = Action.objects.get(pk=plan["action"].pk)
    post = data.draw(
        form_data({"status": Action.Status.IN_PROGRESS, "loaded_version": action.version})
    )
    before = row_counts()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = post_form(client, reverse("actions:status", args=[action.pk]), post, **headers)
    assert response.status_code < 500
    after = Action.objects.get(pk=action.pk)
    if after.version == action.version:
        assert changed(before, row_counts()) == {}
    else:
        assert after.version == action.version + 1
        assert after.status in Action.Status.values


@FUZZ
@given(archived=field_value)
def test_archive_never_fails_and_only_archives_on_1(client, plan, archived):
    client.force_login(plan["coordinator"])
    action = plan["action"]
    response = post_form(
        client, reverse("actions:archive", args=[action.pk]), {"archived": archived}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    sent = archived if isinstance(archived, str) else archived[-1]
    assert action.is_archived is (sent == "1")


@pytest.mark.parametrize("field", ["goal_area", "goals", "partners", "responsible"])
def test_a_choice_id_beyond_the_database_range_is_an_invalid_choice(client, plan, field):
    client.force_login(plan["coordinator"])
    action = plan["action"]
    post = action_data(action, **{field: str(10**30)})
    response, saved = attempt(client, reverse("actions:edit", args=[action.pk]), post)
    assert response.status_code == 200 and not saved
    assert response.context["form"].errors[field]


@pytest.mark.parametrize("length", [10_001, 3_000_000])
def test_an_over_long_description_is_a_form_error_and_nothing_is_saved(client, plan, length):
    client.force_login(plan["coordinator"])
    action = plan["action"]
    post = action_data(action, description="x" * length)
    response, saved = attempt(client, reverse("actions:edit", args=[action.pk]), post)
    assert response.status_code == 200 and not saved
    assert "at most 10000 characters" in " ".join(response.context["form"].errors["description"])


def test_a_description_of_the_full_length_is_saved(client, plan):
    client.force_login(plan["coordinator"])
    action = plan["action"]
    post = action_data(action, description="x" * 10_000)
    response, saved = attempt(client, reverse("actions:edit", args=[action.pk]), post)
    assert response.status_code == 302 and saved
    action.refresh_from_db()
    assert len(action.description) == 10_000
