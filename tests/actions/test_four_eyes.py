"""Four eyes, as the municipality decides (issue 20): with the setting on, nobody approves
a follow-up they submitted; with it off, a self-approval is shown as such on the
follow-up, in the review list and in the annual report's appendix."""

import pytest
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from tests.factories import member

from .helpers import THIS_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_by_coordinator(time_plan, users, client):
    """The coordinator writes and submits the day's follow-up themselves."""
    follow_up = time_plan["day"].follow_ups.create(
        year=THIS_YEAR, currency="NOK", hours=5, what_was_done="Open dag."
    )
    client.force_login(users["coordinator"])
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.SUBMITTED
    return follow_up


def _approve(client, follow_up):
    return client.post(
        reverse("actions:follow_up_review", args=[follow_up.pk]),
        {"decision": "approve", "comment": "", "loaded_version": follow_up.version},
    )


def test_with_four_eyes_the_submitter_cannot_approve(
    client, time_plan, users, submitted_by_coordinator
):
    municipality = time_plan["municipality"]
    municipality.approval_by_another = True
    municipality.save()
    page = client.get(submitted_by_coordinator.get_absolute_url()).content.decode()
    assert "another coordinator approves it" in page
    assert 'value="approve"' not in page
    response = _approve(client, submitted_by_coordinator)
    assert response.status_code == 400
    assert "ask another coordinator" in response.content.decode()
    submitted_by_coordinator.refresh_from_db()
    assert submitted_by_coordinator.state == FollowUp.State.SUBMITTED
    # A second coordinator approves: the four eyes.
    client.force_login(member(Role.COORDINATOR, municipality, username="koordinator2"))
    assert _approve(client, submitted_by_coordinator).status_code == 302
    submitted_by_coordinator.refresh_from_db()
    assert submitted_by_coordinator.state == FollowUp.State.APPROVED
    assert not submitted_by_coordinator.is_self_approved


def test_without_four_eyes_a_self_approval_is_shown_as_such_everywhere(
    client, time_plan, users, submitted_by_coordinator
):
    page = client.get(submitted_by_coordinator.get_absolute_url()).content.decode()
    assert "shown as approved without a second reviewer" in page
    review_list = client.get(reverse("actions:my_work"), {"year": THIS_YEAR}).content.decode()
    assert "submitted by you" in review_list
    assert _approve(client, submitted_by_coordinator).status_code == 302
    submitted_by_coordinator.refresh_from_db()
    assert submitted_by_coordinator.is_self_approved
    page = client.get(submitted_by_coordinator.get_absolute_url()).content.decode()
    assert "no second reviewer" in page
    review_list = client.get(reverse("actions:my_work"), {"year": THIS_YEAR}).content.decode()
    assert "self-approved" in review_list
    context = report_context(report_strategy(time_plan["strategy"].pk), THIS_YEAR)
    assert context["self_approved"] == 1
    assert 'class="self-approved"' in render_report_html(context)


def test_an_approval_by_another_coordinator_is_not_marked(
    client, time_plan, users, submitted_by_coordinator
):
    client.force_login(member(Role.COORDINATOR, time_plan["municipality"], username="k2"))
    _approve(client, submitted_by_coordinator)
    context = report_context(report_strategy(time_plan["strategy"].pk), THIS_YEAR)
    assert context["self_approved"] == 0
    assert 'class="self-approved"' not in render_report_html(context)
