"""Every change to an action or follow-up shows who made it, when, and before/after."""

from django.urls import reverse

from .helpers import THIS_YEAR, action_data, follow_up_data


def test_action_history_shows_who_when_and_what(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.post(
        reverse("actions:edit", args=[day.pk]),
        action_data(day, title="Internasjonal dag 2.0", partners=[], status="in_progress"),
    )
    html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    history = html[html.index("Change history") :]
    assert "koordinator" in history
    assert "<del>Arrangera årleg open internasjonal dag" in history
    assert "<ins>Internasjonal dag 2.0</ins>" in history
    assert "<del>Planned</del> → <ins>In progress</ins>" in history
    assert "<del>KS</del>" in history  # a removed partner, by name


def test_follow_up_history_records_workflow_steps(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(reverse("actions:follow_up_new", args=[day.pk]), follow_up_data(hours="10"))
    follow_up = day.follow_ups.get(year=THIS_YEAR)
    client.post(reverse("actions:follow_up_submit", args=[follow_up.pk]))
    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    history = html[html.index("Change history") :]
    assert "redaktor" in history
    assert "<del>Draft</del> → <ins>Submitted</ins>" in history
    assert "Created" in history


def test_archiving_is_recorded_and_reversible(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.post(reverse("actions:archive", args=[day.pk]), {"archived": "1"})
    day.refresh_from_db()
    assert day.is_archived
    plan = reverse("actions:plan", args=[time_plan["strategy"].slug])
    assert day.title not in client.get(plan).content.decode()
    assert day.title in client.get(plan, {"archived": "yes"}).content.decode()
    client.post(reverse("actions:archive", args=[day.pk]), {"archived": "0"})
    day.refresh_from_db()
    assert not day.is_archived
    html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    assert "<del>no</del> → <ins>yes</ins>" in html
