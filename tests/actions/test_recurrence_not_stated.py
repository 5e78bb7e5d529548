"""An action whose plan states no recurrence is never ended by a "done" follow-up: the
portal must not act as if the plan had called it one-off."""

import pytest
from django.urls import reverse

from actions.models import Action

from .helpers import THIS_YEAR, follow_up_data


def test_not_stated_has_its_own_translatable_label():
    assert Action.Recurrence("not_stated").label == "Not stated in the plan"


@pytest.mark.parametrize("recurrence", ["not_stated", "ongoing"])
def test_approving_done_does_not_end_an_action_whose_plan_does_not_say_one_off(
    client, time_plan, users, recurrence
):
    action = time_plan["school_action"]
    action.recurrence = recurrence
    action.save()
    follow_up = action.follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", status="done", progress=100, state="submitted"
    )
    client.force_login(users["coordinator"])
    client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "approve", "loaded_version": follow_up.version},
    )
    follow_up.refresh_from_db()
    action.refresh_from_db()
    assert follow_up.state == "approved"
    assert action.status != "done"
    response = client.post(
        reverse("actions:follow_up_new", args=[action.pk]), follow_up_data(year=THIS_YEAR)
    )
    assert response.status_code == 302
    assert sorted(action.follow_ups.values_list("year", flat=True)) == [THIS_YEAR - 1, THIS_YEAR]


def test_staff_form_for_a_new_action_starts_at_not_stated(client, time_plan, users):
    """One default everywhere (issue 18.12): the form a coordinator opens offers *not
    stated* already chosen, like the importer, and an action saved as offered is so."""
    client.force_login(users["coordinator"])
    url = reverse("actions:new", args=[time_plan["strategy"].slug])
    form = client.get(url).context["form"]
    assert form["recurrence"].value() == "not_stated"
    assert 'value="not_stated" selected' in client.get(url).content.decode()


def test_an_action_created_without_a_recurrence_is_not_stated(time_plan):
    action = Action.objects.create(
        strategy=time_plan["strategy"], goal_area=time_plan["area"], code="9", title="Ny"
    )
    action.refresh_from_db()
    assert action.recurrence == Action.Recurrence.NOT_STATED
