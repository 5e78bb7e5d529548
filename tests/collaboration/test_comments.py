"""Comment threads on an action and a follow-up: members read them, those who work on the
plan write; mentions and followers are told; edits for 15 minutes; removal leaves a mark;
every change in the history; never on a public page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from collaboration.models import Comment, Kind, Notification, Watch
from tests.factories import member

pytestmark = pytest.mark.django_db

QUESTION = "Kor mange besøkande kom i fjor?"


def comment_url(action):
    return reverse("collaboration:action_comment", args=[action.pk])


def post_comment(client, user, action, body=QUESTION, capture=None):
    client.force_login(user)
    return client.post(comment_url(action), {"body": body})


def told(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return list(rows.filter(kind=kind) if kind else rows)


def test_a_comment_shows_on_the_actions_page_for_the_members(client, users, time_plan):
    day = time_plan["day"]
    response = post_comment(client, users["editor"], day)
    comment = Comment.objects.get()
    assert response.url == reverse("actions:detail", args=[day.pk]) + f"#comment-{comment.pk}"
    for name in ["coordinator", "politician", "editor_other_dept", "admin"]:
        client.force_login(users[name])
        html = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
        assert QUESTION in html, name


@pytest.mark.parametrize("who", ["editor", "editor_other_dept", "coordinator", "admin"])
def test_those_who_work_on_the_plan_may_comment(client, users, time_plan, who):
    assert post_comment(client, users[who], time_plan["day"]).status_code == 302
    assert Comment.objects.filter(author=users[who]).exists()


def test_a_politician_reads_but_does_not_write(client, users, time_plan):
    assert post_comment(client, users["politician"], time_plan["day"]).status_code == 403
    html = client.get(reverse("actions:detail", args=[time_plan["day"].pk])).content.decode()
    assert 'name="body"' not in html
    assert not Comment.objects.exists()


def test_another_municipality_cannot_comment_or_read(client, users, time_plan, neighbour):
    outsider = member(Role.COORDINATOR, neighbour["municipality"], username="klepp-k")
    assert post_comment(client, outsider, time_plan["day"]).status_code == 404
    post_comment(client, users["editor"], time_plan["day"])
    comment = Comment.objects.get()
    client.force_login(outsider)
    assert client.get(reverse("actions:detail", args=[time_plan["day"].pk])).status_code == 404
    edit = reverse("collaboration:comment_edit", args=[comment.pk])
    assert client.get(edit).status_code == 404
    remove = reverse("collaboration:comment_remove", args=[comment.pk])
    assert client.post(remove).status_code == 404
    follow = reverse("collaboration:follow", args=[time_plan["day"].pk])
    assert client.post(follow, {"following": "1"}).status_code == 404
    assert not Watch.objects.exists()


def test_visitors_are_sent_to_sign_in(client, time_plan):
    response = client.post(comment_url(time_plan["day"]), {"body": QUESTION})
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_comments_are_never_on_the_public_page(client, users, time_plan):
    municipality = time_plan["municipality"]
    municipality.is_published = True
    municipality.save()
    post_comment(client, users["editor"], time_plan["day"])
    client.logout()
    html = client.get(reverse("dashboards:public", args=[municipality.slug])).content.decode()
    assert QUESTION not in html


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 5001, "\x00", "Spørsmål\x00"])
def test_a_bad_comment_is_refused_and_the_text_kept(client, users, time_plan, body):
    response = post_comment(client, users["editor"], time_plan["day"], body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "invalid-feedback" in html
    if body.strip() and "\x00" not in body:
        assert body in html
    assert not Comment.objects.exists()


def test_a_mention_tells_that_member_of_the_municipality_only(
    client, users, time_plan, neighbour, django_capture_on_commit_callbacks
):
    outsider = member(Role.EDITOR, neighbour["municipality"], username="klepp-e")
    body = "@koordinator og @klepp-e: kva meiner de? (@redaktor skreiv)"
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, users["editor"], time_plan["day"], body)
    assert len(told(users["coordinator"], Kind.MENTIONED)) == 1
    assert told(outsider) == []
    assert told(users["editor"]) == []  # the author, mentioning themselves


def test_followers_are_told_of_a_comment_once(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["coordinator"])
    client.post(reverse("collaboration:follow", args=[day.pk]), {"following": "1"})
    post_comment(client, users["editor_other_dept"], day, "Spørsmål til @koordinator")
    # The responsible department's editor follows by default.
    assert [n.kind for n in told(users["editor"])] == [Kind.COMMENT_ADDED]
    # Mentioned and following: told once, as mentioned.
    assert [n.kind for n in told(users["coordinator"])] == [Kind.MENTIONED]
    assert told(users["politician"]) == []


def test_a_default_follower_can_stop_following(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    detail = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    assert "Following the action" in detail
    client.post(reverse("collaboration:follow", args=[day.pk]), {"following": "0"})
    post_comment(client, users["coordinator"], day)
    assert told(users["editor"]) == []
    client.force_login(users["editor"])
    detail = client.get(reverse("actions:detail", args=[day.pk])).content.decode()
    assert "Follow the action" in detail


def test_the_author_edits_within_15_minutes_and_the_history_keeps_both(client, users, time_plan):
    post_comment(client, users["editor"], time_plan["day"])
    comment = Comment.objects.get()
    edit = reverse("collaboration:comment_edit", args=[comment.pk])
    assert QUESTION in client.get(edit).content.decode()
    assert client.post(edit, {"body": "Kor mange kom i 2025?"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Kor mange kom i 2025?" and comment.edited_at is not None
    bodies = list(comment.history.order_by("history_date").values_list("body", flat=True))
    assert bodies == [QUESTION, "Kor mange kom i 2025?"]

    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    assert client.post(edit, {"body": "For seint"}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Kor mange kom i 2025?"


@pytest.mark.parametrize("who", ["editor_other_dept", "coordinator", "politician"])
def test_nobody_else_edits_a_comment(client, users, time_plan, who):
    post_comment(client, users["editor"], time_plan["day"])
    comment = Comment.objects.get()
    client.force_login(users[who])
    edit = reverse("collaboration:comment_edit", args=[comment.pk])
    assert client.post(edit, {"body": "Endra"}).status_code == 403
    assert Comment.objects.get().body == QUESTION


@pytest.mark.parametrize("who,allowed", [
    ("editor", True), ("coordinator", True), ("admin", True),
    ("editor_other_dept", False), ("politician", False),
])  # fmt: skip
def test_removal_by_the_author_or_a_coordinator_leaves_a_mark(
    client, users, time_plan, who, allowed
):
    post_comment(client, users["editor"], time_plan["day"])
    comment = Comment.objects.get()
    client.force_login(users[who])
    response = client.post(reverse("collaboration:comment_remove", args=[comment.pk]))
    comment.refresh_from_db()
    if not allowed:
        assert response.status_code == 403 and comment.removed_at is None
        return
    assert comment.removed_at is not None and comment.body == ""
    html = client.get(reverse("actions:detail", args=[time_plan["day"].pk])).content.decode()
    assert "Comment removed" in html and QUESTION not in html
    reasons = list(comment.history.values_list("history_change_reason", flat=True))
    assert "comment removed" in reasons
    assert QUESTION in comment.history.values_list("body", flat=True)


def test_a_follow_up_has_its_own_thread(client, users, draft):
    client.force_login(users["coordinator"])
    url = reverse("collaboration:follow_up_comment", args=[draft.pk])
    response = client.post(url, {"body": "Legg ved reiserapporten."})
    assert response.url.startswith(reverse("actions:follow_up", args=[draft.pk]))
    html = client.get(reverse("actions:follow_up", args=[draft.pk])).content.decode()
    assert "Legg ved reiserapporten." in html
    html = client.get(reverse("actions:detail", args=[draft.action.pk])).content.decode()
    assert "Legg ved reiserapporten." not in html
    assert [n.kind for n in told(users["editor"])] == [Kind.COMMENT_ADDED]
