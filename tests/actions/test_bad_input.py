"""Bad input on the follow-up and action forms: a clear message, and nothing saved."""

import pytest
from django.urls import reverse

from actions.models import Action, ExternalFunding, FollowUp

from .helpers import THIS_YEAR, action_data, follow_up_data


@pytest.fixture
def editor_client(client, users):
    client.force_login(users["editor"])
    return client


def _post_new_follow_up(client, action, **overrides):
    return client.post(
        reverse("actions:follow_up_new", args=[action.pk]), follow_up_data(**overrides)
    )


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"hours": "-5"}, "greater than or equal to 0"),
        ({"money_spent": "-100"}, "greater than or equal to 0"),
        ({"progress": "101"}, "less than or equal to 100"),
        ({"progress": "-1"}, "greater than or equal to 0"),
        ({"year": THIS_YEAR + 5}, "within the strategy period"),
        ({"year": THIS_YEAR - 10}, "within the strategy period"),
        ({"what_was_done": "x" * 10001}, "at most 10000 characters"),
        ({"other_resources": "x" * 5001}, "at most 5000 characters"),
        (
            {
                "funding-TOTAL_FORMS": "1",
                "funding-0-source": "ks",
                "funding-0-amount": "-1",
                "funding-0-currency": "NOK",
            },
            "greater than or equal to 0",
        ),
    ],
)
def test_bad_follow_up_input_is_refused_and_nothing_saved(
    editor_client, time_plan, overrides, message
):
    response = _post_new_follow_up(editor_client, time_plan["day"], **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FollowUp.objects.filter(action=time_plan["day"]).exists()
    assert not ExternalFunding.objects.exists()


def test_follow_up_for_archived_action_is_refused(editor_client, time_plan):
    day = time_plan["day"]
    Action.objects.filter(pk=day.pk).update(is_archived=True)
    response = _post_new_follow_up(editor_client, day)
    assert "This action is archived" in response.content.decode()
    assert not day.follow_ups.exists()


def test_duplicate_follow_up_for_the_same_year_is_refused(editor_client, time_plan):
    day = time_plan["day"]
    day.follow_ups.create(year=THIS_YEAR, currency="NOK", what_was_done="Første")
    response = _post_new_follow_up(editor_client, day, what_was_done="Andre")
    assert response.status_code == 200
    assert f"already has a follow-up for {THIS_YEAR}" in response.content.decode()
    assert list(day.follow_ups.values_list("what_was_done", flat=True)) == ["Første"]


def test_bad_edit_of_follow_up_keeps_the_saved_values(editor_client, time_plan):
    follow_up = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK", hours=10)
    response = editor_client.post(
        reverse("actions:follow_up_edit", args=[follow_up.pk]),
        follow_up_data(hours="-3", loaded_version=follow_up.version),
    )
    assert "greater than or equal to 0" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.hours == 10 and follow_up.version == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"cost_amount": "-1", "cost_currency": "NOK"}, "greater than or equal to 0"),
        ({"estimated_hours": "-1"}, "greater than or equal to 0"),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"planned_start": "2026-05-01", "planned_end": "2026-01-01"}, "cannot be before"),
        ({"code": "1.2"}, "Another action in this strategy has this code"),
    ],
)
def test_bad_action_input_is_refused_and_nothing_saved(
    client, users, time_plan, overrides, message
):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    response = client.post(reverse("actions:edit", args=[day.pk]), action_data(day, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    day.refresh_from_db()
    assert day.version == 1 and day.code == "1.1" and day.cost_amount is None


@pytest.mark.parametrize("field", ["goals", "partners", "responsible"])
def test_choices_from_another_municipality_cannot_be_linked(
    client, users, time_plan, neighbour, field
):
    from tests.factories import GoalFactory, PartnerFactory

    foreign = {
        "goals": lambda: [GoalFactory(goal_area=neighbour["action"].goal_area).pk],
        "partners": lambda: [PartnerFactory(municipality=neighbour["municipality"]).pk],
        "responsible": lambda: neighbour["department"].pk,
    }[field]()
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:edit", args=[day.pk]), action_data(day, **{field: foreign})
    )
    assert "Select a valid choice" in response.content.decode()
    day.refresh_from_db()
    assert day.version == 1
    assert list(day.goals.all()) == [time_plan["goal"]]
    assert list(day.partners.all()) == [time_plan["partner"]]
    assert day.responsible == time_plan["business"]


def test_editor_cannot_reassign_responsibility(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(
        reverse("actions:edit", args=[day.pk]),
        action_data(day, responsible=time_plan["schools"].pk, title="Endra"),
    )
    day.refresh_from_db()
    assert day.title == "Endra"
    assert day.responsible == time_plan["business"]
