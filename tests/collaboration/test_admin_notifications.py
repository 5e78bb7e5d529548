"""A status or department changed in the Django admin tells the same people, once, as the
same change made in the staff screens; a save that changes neither tells nobody."""

import pytest
from django.urls import reverse

from actions.models import Action, Milestone
from collaboration.models import Kind, Notification

pytestmark = pytest.mark.django_db


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "status"))


def _admin_form_data(response):
    """What the admin's change form would post back unchanged (fields and inlines)."""
    data = {}

    def put(form):
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
            elif value is None or value is False:
                continue
            else:
                data[form.add_prefix(name)] = "on" if value is True else str(value)

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = str(value)
        for form in formset.initial_forms:
            put(form)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
    return data


def _change_in_admin(client, user, action, capture, **changes):
    client.force_login(user)
    url = reverse("admin:actions_action_change", args=[action.pk])
    data = _admin_form_data(client.get(url))
    data.update(changes)
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_status_changed_in_the_admin_tells_the_followers_once(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    day = time_plan["day"]
    client.force_login(users["politician"])
    client.post(reverse("collaboration:follow", args=[day.pk]), {"following": "1"})
    _change_in_admin(
        client,
        users["coordinator"],
        day,
        django_capture_on_commit_callbacks,
        status=Action.Status.IN_PROGRESS,
    )
    day.refresh_from_db()
    assert day.status == Action.Status.IN_PROGRESS
    assert kinds(users["editor"]) == [(Kind.ACTION_STATUS, Action.Status.IN_PROGRESS)]
    assert kinds(users["politician"]) == [(Kind.ACTION_STATUS, Action.Status.IN_PROGRESS)]
    assert kinds(users["coordinator"]) == []  # who changed it
    assert kinds(users["editor_other_dept"]) == []


def test_a_department_assigned_in_the_admin_tells_its_editors(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    action = time_plan["school_action"]
    _change_in_admin(
        client,
        users["coordinator"],
        action,
        django_capture_on_commit_callbacks,
        responsible=str(time_plan["business"].pk),
    )
    assert kinds(users["editor"]) == [(Kind.ACTION_ASSIGNED, "")]
    assert kinds(users["editor_other_dept"]) == []


def test_an_admin_save_changing_neither_tells_nobody(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    day = time_plan["day"]
    _change_in_admin(
        client, users["coordinator"], day, django_capture_on_commit_callbacks, title="Nytt namn"
    )
    day.refresh_from_db()
    assert day.title == "Nytt namn"
    assert not Notification.objects.exists()


def test_a_milestone_changed_in_the_admin_makes_a_staff_screen_edit_stale(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    day, milestone = time_plan["day"], time_plan["milestone"]
    before = milestone.version
    _change_in_admin(
        client,
        users["coordinator"],
        day,
        django_capture_on_commit_callbacks,
        **{"milestones-0-title": "Endra i admin"},
    )
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert (milestone.title, milestone.version) == ("Endra i admin", before + 1)
