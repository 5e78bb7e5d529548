"""The follow-up form and workflow rules: which year a new follow-up is for, one rule for
"the action has ended", no workflow on an archived action, no approving unseen edits."""

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, FollowUp
from actions.rules import expecting_follow_up
from actions.selectors import editor_work
from tests.factories import ActionFactory, GoalAreaFactory, StrategyFactory

from .helpers import THIS_YEAR, follow_up_data


@pytest.fixture
def ended_plan(time_plan):
    """Time's earlier plan, 2016–2019: its period is over, its last reports are not."""
    strategy = StrategyFactory(
        municipality=time_plan["municipality"], slug="time-2016", period_start=2016, period_end=2019
    )
    area = GoalAreaFactory(strategy=strategy)
    action = ActionFactory(
        goal_area=area,
        code="9.1",
        recurrence=Action.Recurrence.YEARLY,
        responsible=time_plan["business"],
    )
    return {"strategy": strategy, "action": action}


def _year_input(html):
    start = html.index('name="year"')
    return html[html.rindex("<input", 0, start) : html.index(">", start)]


def test_new_follow_up_of_an_ended_plan_is_for_its_last_open_year(client, users, ended_plan):
    action = ended_plan["action"]
    action.follow_ups.create(year=2019, currency="NOK", state="approved")
    client.force_login(users["editor"])
    response = client.get(reverse("actions:follow_up_new", args=[action.pk]))
    html = response.content.decode()
    assert response.context["form"].initial["year"] == 2018
    assert 'min="2016"' in _year_input(html) and 'max="2019"' in _year_input(html)
    assert "The strategy period is 2016–2019." in html
    response = client.post(reverse("actions:follow_up_new", args=[action.pk]), follow_up_data(2018))
    assert response.status_code == 302
    assert action.follow_ups.filter(year=2018).exists()


def test_new_follow_up_of_an_open_ended_plan_is_for_this_year(client, users, time_plan):
    strategy = time_plan["strategy"]
    strategy.period_end = None
    strategy.save()
    client.force_login(users["editor"])
    response = client.get(reverse("actions:follow_up_new", args=[time_plan["day"].pk]))
    html = response.content.decode()
    assert response.context["form"].initial["year"] == THIS_YEAR
    assert f'min="{strategy.period_start}"' in _year_input(html)
    assert "max=" not in _year_input(html)
    assert f"The strategy period runs from {strategy.period_start}." in html


def test_my_work_of_an_ended_plan_shows_its_last_year(client, users, ended_plan, time_plan):
    # The current plan gives way: every plan of the municipality has ended by 2019.
    time_plan["strategy"].__class__.objects.filter(pk=time_plan["strategy"].pk).update(
        period_start=2010, period_end=2015
    )
    client.force_login(users["editor"])
    response = client.get(reverse("actions:my_work"))
    assert response.context["year"] == 2019
    html = response.content.decode()
    assert f"{reverse('actions:follow_up_new', args=[ended_plan['action'].pk])}?year=2019" in html


def test_an_action_marked_done_is_neither_due_nor_accepted(client, users, time_plan):
    day = time_plan["day"]
    Action.objects.filter(pk=day.pk).update(status=Action.Status.DONE)
    business = users["editor"].membership
    assert day not in editor_work(business, THIS_YEAR, timezone.localdate())["due"]
    client.force_login(users["editor"])
    response = client.post(reverse("actions:follow_up_new", args=[day.pk]), follow_up_data())
    assert response.status_code == 200
    assert "This action is done; it takes no more follow-ups." in response.content.decode()


def test_a_one_off_action_approved_done_and_set_back_by_hand_is_not_due(client, users, time_plan):
    action = time_plan["school_action"]
    action.follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", status="done", progress=100, state="approved"
    )
    Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS)
    assert action not in expecting_follow_up(Action.objects.all(), THIS_YEAR)
    assert action in expecting_follow_up(Action.objects.all(), THIS_YEAR - 1)


def _submitted(time_plan):
    return time_plan["day"].follow_ups.create(
        year=THIS_YEAR, currency="NOK", state=FollowUp.State.SUBMITTED
    )


def test_follow_up_of_an_archived_action_cannot_be_submitted(client, users, time_plan):
    draft = time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK")
    Action.objects.filter(pk=time_plan["day"].pk).update(is_archived=True)
    client.force_login(users["editor"])
    response = client.post(reverse("actions:follow_up_submit", args=[draft.pk]), follow=True)
    assert "This action is archived" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == FollowUp.State.DRAFT


def test_follow_up_of_an_archived_action_cannot_be_approved(client, users, time_plan):
    submitted = _submitted(time_plan)
    Action.objects.filter(pk=time_plan["day"].pk).update(is_archived=True)
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("actions:follow_up_review", args=[submitted.pk]),
        {"decision": "approve", "loaded_version": submitted.version},
    )
    assert response.status_code == 400
    assert "This action is archived" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == FollowUp.State.SUBMITTED


def test_approving_a_follow_up_changed_since_it_was_read_is_refused(client, users, time_plan):
    submitted = _submitted(time_plan)
    client.force_login(users["coordinator"])
    page = client.get(reverse("actions:follow_up", args=[submitted.pk]))
    read = page.context["review_form"].initial["loaded_version"]
    assert f'name="loaded_version" value="{read}"' in page.content.decode()
    # The editor changes it meanwhile (a new version, still submitted).
    FollowUp.objects.filter(pk=submitted.pk).update(what_was_done="Endra", version=read + 1)
    url = reverse("actions:follow_up_review", args=[submitted.pk])
    response = client.post(url, {"decision": "approve", "loaded_version": read})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone changed this follow-up after you opened it" in html
    assert "Endra" in html
    submitted.refresh_from_db()
    assert submitted.state == FollowUp.State.SUBMITTED
    # Approving what the page now shows works.
    assert f'name="loaded_version" value="{read + 1}"' in html
    response = client.post(url, {"decision": "approve", "loaded_version": read + 1})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == FollowUp.State.APPROVED
