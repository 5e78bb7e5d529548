"""The responsible department's editors hear of an open milestone two weeks before it is
due and again once it is overdue, each once, however often the daily task runs."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Kind, Notification
from collaboration.notices import announce_milestones
from collaboration.tasks import announce_milestones as announce_task

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def notices(user):
    return sorted(
        Notification.objects.filter(recipient=user, kind=Kind.MILESTONE_DUE).values_list(
            "milestone__title", "status"
        )
    )


def test_a_milestone_due_within_two_weeks_is_announced_once(users, time_plan):
    milestone = time_plan["milestone"]
    milestone.due_on = TODAY + datetime.timedelta(days=10)
    milestone.save()
    announce_milestones(TODAY)
    announce_milestones(TODAY + datetime.timedelta(days=1))
    assert notices(users["editor"]) == [("Program klart", "due_soon")]
    assert notices(users["editor_other_dept"]) == []
    assert notices(users["coordinator"]) == []


def test_once_overdue_it_is_announced_again_once(users, time_plan):
    milestone = time_plan["milestone"]
    milestone.due_on = TODAY
    milestone.save()
    announce_milestones(TODAY)
    announce_milestones(TODAY + datetime.timedelta(days=2))
    announce_milestones(TODAY + datetime.timedelta(days=3))
    assert notices(users["editor"]) == [("Program klart", "due_soon"), ("Program klart", "overdue")]


@pytest.mark.parametrize("days", [20, -30])
def test_far_off_or_long_overdue_milestones_are_not_announced(users, time_plan, days):
    milestone = time_plan["milestone"]
    milestone.due_on = TODAY + datetime.timedelta(days=days)
    milestone.save()
    assert announce_milestones(TODAY) == 0


def test_reached_milestones_and_archived_actions_are_not_announced(users, time_plan):
    milestone = time_plan["milestone"]
    milestone.due_on = TODAY + datetime.timedelta(days=3)
    milestone.reached_on = TODAY
    milestone.save()
    assert announce_milestones(TODAY) == 0
    milestone.reached_on = None
    milestone.save()
    time_plan["day"].is_archived = True
    time_plan["day"].save()
    assert announce_milestones(TODAY) == 0


def test_the_daily_task_e_mails_in_the_editors_language(
    client, users, time_plan, django_capture_on_commit_callbacks
):
    milestone = time_plan["milestone"]
    milestone.due_on = timezone.localdate() + datetime.timedelta(days=5)
    milestone.save()
    with django_capture_on_commit_callbacks(execute=True):
        announce_task.delay()
    assert [m.to for m in mail.outbox] == [[users["editor"].email]]
    assert "Milepælen «Program klart»" in mail.outbox[0].body  # Time kommune: nynorsk
    client.force_login(users["editor"])
    html = client.get(reverse("collaboration:notifications")).content.decode()
    assert "The milestone “Program klart” of 1.1" in html and "is due on" in html
