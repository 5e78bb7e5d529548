"""A week after the yearly reminder, each municipality's coordinators are told how many
follow-ups of the year are still missing: once, and only their own municipality's."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from collaboration.models import Kind, Notification
from collaboration.notices import announce_missing_follow_ups
from tests.actions.helpers import THIS_YEAR
from tests.factories import FollowUpFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminder_day(settings):
    settings.REMINDER_DATE = "03-01"
    return datetime.date(THIS_YEAR, 3, 1)


def missing_notices(user):
    return list(
        Notification.objects.filter(recipient=user, kind=Kind.FOLLOW_UPS_MISSING).values_list(
            "year", "count"
        )
    )


def test_coordinators_hear_a_week_after_the_reminder_once(
    client, users, time_plan, neighbour, reminder_day
):
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.APPROVED)
    other = member(Role.COORDINATOR, neighbour["municipality"], username="klepp-k")
    assert announce_missing_follow_ups(reminder_day + datetime.timedelta(days=6)) == 0
    announce_missing_follow_ups(reminder_day + datetime.timedelta(days=7))
    announce_missing_follow_ups(reminder_day + datetime.timedelta(days=8))
    # Time: the school action is missing; the international day is approved.
    assert missing_notices(users["coordinator"]) == [(THIS_YEAR, 1)]
    # Klepp's one action has a submitted follow-up: nothing missing, nothing said.
    assert missing_notices(other) == []
    for name in ["editor", "politician", "admin"]:
        assert missing_notices(users[name]) == []

    client.force_login(users["coordinator"])
    html = client.get(reverse("collaboration:notifications")).content.decode()
    assert f"1 follow-up for {THIS_YEAR} is still missing a week after the reminder." in html
    notification = Notification.objects.get(recipient=users["coordinator"])
    response = client.get(reverse("collaboration:open", args=[notification.pk]))
    assert response.url == reverse("actions:my_work") + f"?year={THIS_YEAR}"


def test_nothing_missing_tells_nobody(users, time_plan, reminder_day):
    for action in [time_plan["day"], time_plan["school_action"]]:
        FollowUpFactory(action=action, year=THIS_YEAR, state=FollowUp.State.SUBMITTED)
    assert announce_missing_follow_ups(reminder_day + datetime.timedelta(days=7)) == 0
