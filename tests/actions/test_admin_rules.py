"""The Django admin keeps the portal's rules: nothing kept is deleted, a follow-up's year
and workflow state are the portal's, and an admin save makes a portal edit begun before
it stale, as a second portal save would."""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import coordinator_group as _coordinator_group
from actions.models import Action, FollowUp
from partners.models import TwinTown, TwinTownStatus
from tests.factories import UserFactory, member

from .helpers import THIS_YEAR, follow_up_data


@pytest.fixture
def staff_coordinator(time_plan):
    """A coordinator with the seeds' coordinator group, as `load_seeds` sets them up."""
    user = member(Role.COORDINATOR, time_plan["municipality"], username="stab", is_staff=True)
    user.groups.add(_coordinator_group())
    return user


@pytest.fixture
def follow_up(time_plan):
    return time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK", hours=5)


def _admin_url(obj, view):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _admin_follow_up_post(follow_up, **overrides):
    data = {
        "action": follow_up.action_id,
        "status": FollowUp.Status.ON_TRACK,
        "progress": "30",
        "what_was_done": "Retta i admin.",
        "hours": "8",
        "money_spent": "0",
        "currency": "NOK",
        "other_resources": "",
        "contribution_to_goals": "",
        "review_comment": "",
        "external_funding-TOTAL_FORMS": "0",
        "external_funding-INITIAL_FORMS": "0",
        "external_funding-MIN_NUM_FORMS": "0",
        "external_funding-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_coordinator_group_holds_no_delete_right_for_kept_records(staff_coordinator):
    codenames = set(staff_coordinator.groups.get().permissions.values_list("codename", flat=True))
    assert "change_action" in codenames and "delete_partner" in codenames
    kept = {"delete_action", "delete_followup", "delete_twintown", "delete_twintownstatuschange"}
    assert not codenames & kept


def test_coordinator_gets_403_on_the_admin_delete_pages(
    client, time_plan, staff_coordinator, follow_up
):
    client.force_login(staff_coordinator)
    # Even given every delete permission by hand, the admin refuses.
    from django.contrib.auth.models import Permission

    staff_coordinator.user_permissions.set(
        Permission.objects.filter(codename__startswith="delete_")
    )
    for obj in [time_plan["day"], follow_up, time_plan["twin"]]:
        assert client.get(_admin_url(obj, "delete")).status_code == 403, obj
        assert client.post(_admin_url(obj, "delete"), {"post": "yes"}).status_code == 403, obj
    response = client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "delete_selected", "_selected_action": [time_plan["day"].pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Action.objects.filter(pk=time_plan["day"].pk).exists()
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert TwinTown.objects.filter(pk=time_plan["twin"].pk).exists()


def test_a_superuser_may_still_delete_a_mistaken_row(client, time_plan, follow_up):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(_admin_url(follow_up, "delete")).status_code == 200
    client.post(_admin_url(follow_up, "delete"), {"post": "yes"})
    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()


def test_admin_edit_cannot_move_a_follow_up_out_of_the_period(client, staff_coordinator, follow_up):
    client.force_login(staff_coordinator)
    post = _admin_follow_up_post(follow_up, year="1990", state=FollowUp.State.APPROVED)
    response = client.post(_admin_url(follow_up, "change"), post)
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.year == THIS_YEAR  # the year is not the admin's to change
    assert follow_up.state == FollowUp.State.DRAFT  # nor the workflow state
    assert follow_up.what_was_done == "Retta i admin."


def test_admin_add_of_a_follow_up_outside_the_period_is_refused(
    client, time_plan, staff_coordinator
):
    client.force_login(staff_coordinator)
    day = time_plan["day"]
    post = _admin_follow_up_post(FollowUp(action=day), year="1990")
    response = client.post(reverse("admin:actions_followup_add"), post)
    assert response.status_code == 200
    assert "The year must be within the strategy period" in response.content.decode()
    assert not day.follow_ups.exists()


def test_portal_edit_begun_before_an_admin_save_is_refused_as_stale(
    client, users, staff_coordinator, follow_up
):
    url = reverse("actions:follow_up_edit", args=[follow_up.pk])
    loaded = follow_up.version

    client.force_login(staff_coordinator)
    assert (
        client.post(_admin_url(follow_up, "change"), _admin_follow_up_post(follow_up)).status_code
        == 302
    )
    follow_up.refresh_from_db()
    assert follow_up.version == loaded + 1

    client.force_login(users["editor"])
    response = client.post(url, follow_up_data(hours="7", loaded_version=loaded))
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.hours == 8  # the admin's save stands


def test_admin_status_step_ending_a_relation_needs_its_decision(
    client, time_plan, staff_coordinator
):
    client.force_login(staff_coordinator)
    twin = time_plan["twin"]
    post = {
        "municipality": twin.municipality_id,
        "name": twin.name,
        "key": twin.key,
        "country": twin.country,
        "since": "",
        "category": "",
        "description": "",
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
        "status_changes-0-order": "1",
        "status_changes-0-status": TwinTownStatus.ENDED,
        "status_changes-0-changed_on": "",
        "status_changes-0-year": "",
        "status_changes-0-decision": "",
        "status_changes-0-note": "",
    }
    response = client.post(_admin_url(twin, "change"), post)
    assert response.status_code == 200
    assert "Ending a twin-town relation needs the decision behind it" in response.content.decode()
    assert not twin.status_changes.exists()

    post["status_changes-0-decision"] = "Bystyret sak 12/25"
    assert client.post(_admin_url(twin, "change"), post).status_code == 302
    twin.refresh_from_db()
    assert twin.status == TwinTownStatus.ENDED
    step = twin.status_changes.get()
    assert step.history.count() == 1  # the step has its own change history


def test_a_revert_from_the_admin_history_keeps_the_workflow_state(
    client, staff_coordinator, follow_up
):
    draft = follow_up.history.earliest()
    FollowUp.objects.filter(pk=follow_up.pk).update(state=FollowUp.State.APPROVED)
    client.force_login(staff_coordinator)
    url = reverse("admin:actions_followup_simple_history", args=[follow_up.pk, draft.history_id])
    response = client.post(url, _admin_follow_up_post(follow_up))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.APPROVED  # not back to the draft it was
    assert follow_up.what_was_done == "Retta i admin."
