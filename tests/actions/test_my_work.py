"""My work: an editor's due, returned and late actions; a coordinator's overview."""

import datetime

from django.urls import reverse
from django.utils import timezone

from actions.models import Action, FollowUp
from actions.rules import annotate_late
from tests.factories import ActionFactory

from .helpers import INTERNATIONAL_DAY, THIS_YEAR


def _section(html, heading):
    start = html.index(heading)
    end = html.find("<section", start)
    return html[start : end if end != -1 else None]


def test_editor_sees_due_returned_and_late(client, users, time_plan):
    day = time_plan["day"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ActionFactory(
        goal_area=time_plan["area"],
        title="Forseinka tiltak",
        responsible=time_plan["business"],
        planned_end=yesterday,
    )
    FollowUp.objects.create(
        action=late, year=THIS_YEAR, currency="NOK", state=FollowUp.State.APPROVED
    )
    day.follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", state="returned", review_comment="Manglar timar"
    )
    client.force_login(users["editor"])
    html = client.get(reverse("actions:my_work")).content.decode()
    due = _section(html, "Follow-ups due")
    assert INTERNATIONAL_DAY in due and "Forseinka tiltak" not in due
    assert "Elevutveksling" not in html  # another department's action
    assert "Manglar timar" in _section(html, "Returned to you")
    assert "Forseinka tiltak" in _section(html, "Late actions")


def test_coordinator_sees_every_department(client, users, time_plan):
    time_plan["day"].follow_ups.create(year=THIS_YEAR, currency="NOK", state="submitted")
    client.force_login(users["coordinator"])
    html = client.get(reverse("actions:my_work")).content.decode()
    table = _section(html, "Follow-ups by department")
    business = table[table.index("Næringsavdelinga") :]
    assert "Oppvekst skule" in table
    assert INTERNATIONAL_DAY in business
    assert "Klepp" not in html


def test_late_rule(time_plan):
    today = timezone.localdate()
    past = today - datetime.timedelta(days=1)
    area = time_plan["area"]
    overdue = ActionFactory(goal_area=area, planned_end=past)
    done = ActionFactory(goal_area=area, planned_end=past, status=Action.Status.DONE)
    reported_delayed = ActionFactory(goal_area=area)
    reported_delayed.follow_ups.create(year=THIS_YEAR - 1, currency="NOK", status="on_track")
    reported_delayed.follow_ups.create(year=THIS_YEAR, currency="NOK", status="delayed")
    recovered = ActionFactory(goal_area=area)
    recovered.follow_ups.create(year=THIS_YEAR - 1, currency="NOK", status="delayed")
    recovered.follow_ups.create(year=THIS_YEAR, currency="NOK", status="on_track")
    archived = ActionFactory(goal_area=area, planned_end=past, is_archived=True)
    late = set(annotate_late(Action.objects.all(), today).filter(is_late=True))
    assert overdue in late and reported_delayed in late
    assert not late & {done, recovered, archived, time_plan["day"]}


def test_my_work_is_in_the_nav_and_links_to_own_action_plans(client, users, time_plan):
    client.force_login(users["politician"])
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("actions:my_work")}"' in html
    html = client.get(reverse("actions:my_work")).content.decode()
    assert reverse("actions:plan", args=[time_plan["strategy"].slug]) in html
    assert "klepp-strategi" not in html


def test_late_rule_for_the_public_counts_only_approved_follow_ups(time_plan):
    action = ActionFactory(goal_area=time_plan["area"])
    action.follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", status="on_track", state="approved"
    )
    action.follow_ups.create(year=THIS_YEAR, currency="NOK", status="delayed", state="draft")
    today = timezone.localdate()
    members = annotate_late(Action.objects.filter(pk=action.pk), today).get()
    public = annotate_late(Action.objects.filter(pk=action.pk), today, approved_only=True).get()
    assert members.is_late and not public.is_late


def test_a_follow_up_returned_shows_on_the_editors_very_next_my_work(client, users, time_plan):
    client.force_login(users["editor"])
    url = reverse("actions:my_work")
    assert "Manglar timar" not in client.get(url).content.decode()  # cached now
    time_plan["day"].follow_ups.create(
        year=THIS_YEAR - 1, currency="NOK", state="returned", review_comment="Manglar timar"
    )
    assert "Manglar timar" in _section(client.get(url).content.decode(), "Returned to you")


def test_editors_of_two_departments_never_share_a_to_do_list(client, users, time_plan):
    client.force_login(users["editor"])
    assert INTERNATIONAL_DAY in client.get(reverse("actions:my_work")).content.decode()
    client.force_login(users["editor_other_dept"])
    html = client.get(reverse("actions:my_work")).content.decode()
    assert INTERNATIONAL_DAY not in _section(html, "Follow-ups due")
