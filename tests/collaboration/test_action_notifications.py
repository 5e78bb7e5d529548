"""An action's followers hear of its status changes; a department hears of an action
newly assigned to it; the thread costs the same queries however long it is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from collaboration.models import Comment, Kind, Notification
from tests.actions.helpers import action_data

pytestmark = pytest.mark.django_db


def kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "status"))


def test_a_status_change_tells_the_followers(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    day = time_plan["day"]
    client.force_login(users["politician"])
    client.post(reverse("collaboration:follow", args=[day.pk]), {"following": "1"})
    client.force_login(users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("actions:status", args=[day.pk]),
            {"status": Action.Status.IN_PROGRESS, "loaded_version": day.version},
        )
    assert kinds(users["editor"]) == [(Kind.ACTION_STATUS, Action.Status.IN_PROGRESS)]
    assert kinds(users["politician"]) == [(Kind.ACTION_STATUS, Action.Status.IN_PROGRESS)]
    assert kinds(users["coordinator"]) == []  # who changed it
    assert kinds(users["editor_other_dept"]) == []
    client.force_login(users["politician"])
    html = client.get(reverse("collaboration:notifications")).content.decode()
    assert "changed the status of 1.1" in html and "In progress" in html


def test_assigning_an_action_tells_the_new_departments_editors(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    action = time_plan["school_action"]
    client.force_login(users["coordinator"])
    data = action_data(action, responsible=time_plan["business"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302
    assert kinds(users["editor"]) == [(Kind.ACTION_ASSIGNED, "")]
    assert kinds(users["editor_other_dept"]) == []


def test_saving_without_changing_status_or_department_tells_nobody(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    action = time_plan["day"]
    client.force_login(users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("actions:edit", args=[action.pk]), action_data(action, title="Ny"))
    assert not Notification.objects.exists()


@pytest.mark.parametrize("page", ["actions:detail", "actions:follow_up"])
def test_the_thread_costs_the_same_queries_with_3_or_30_comments(client, users, draft, page):
    def add(n):
        for _ in range(n):
            Comment.objects.create(
                action=draft.action,
                follow_up=draft if page == "actions:follow_up" else None,
                author=users["editor"],
                body="Spørsmål",
            )

    url = reverse(page, args=[draft.pk if page == "actions:follow_up" else draft.action.pk])
    client.force_login(users["coordinator"])
    add(3)
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    few = count()
    add(27)
    assert count() == few
