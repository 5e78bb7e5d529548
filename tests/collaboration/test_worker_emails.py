"""Notification e-mails sent by a real Celery worker process over a real Redis broker
(not eager mode): each reaches exactly the right people once, in their language; a kind
switched off sends nothing; the daily digest run by the worker gathers the day's events.

Needs REDIS_URL and PostgreSQL (see tests/workers.py). The worker writes its mail as
files (tests/mail_files.py), the outbox of another process."""

import time

import pytest
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from collaboration.models import Delivery, Kind, NotificationSetting
from collaboration.tasks import send_notification_digests, send_notification_email
from tests.actions.helpers import THIS_YEAR, action_data
from tests.factories import FollowUpFactory, member
from tests.mail_files import outbox
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mailbox(workers, tmp_path, monkeypatch):
    """A worker on this test's queue whose e-mails land in a folder this test reads."""
    folder = tmp_path / "mail"
    folder.mkdir()
    monkeypatch.setenv("EMAIL_BACKEND", "tests.mail_files.EmailBackend")
    monkeypatch.setenv("TEST_MAIL_DIR", str(folder))
    # The e-mail task on this test's own queue, so no stray worker takes it.
    monkeypatch.setattr(
        send_notification_email,
        "delay",
        lambda pk: send_notification_email.apply_async((pk,), queue=workers.queue),
    )
    workers.start()
    return folder


def settle(folder, workers, expected, quiet=3):
    """Wait for `expected` messages, then a little longer to see that no more come."""
    wait_for(lambda: len(outbox(folder)) >= expected, 60, workers.logs)
    time.sleep(quiet)
    return outbox(folder)


def post(client, user, url, data=None):
    client.force_login(user)
    response = client.post(url, data or {})
    assert response.status_code == 302, response.content[:2000]


def test_the_worker_mails_each_step_to_the_right_people_once_in_their_language(
    client, users, time_plan, neighbour, mailbox, workers
):
    swedish = member(Role.COORDINATOR, time_plan["municipality"], username="samordnare")
    swedish.membership.language = "sv"
    swedish.membership.save()
    silent = member(Role.COORDINATOR, time_plan["municipality"], username="stille")
    NotificationSetting.objects.create(
        user=silent, kind=Kind.FOLLOW_UP_SUBMITTED, delivery=Delivery.OFF
    )
    member(Role.COORDINATOR, neighbour["municipality"], username="klepp-k")
    draft = FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.DRAFT)

    post(client, users["editor"], reverse("actions:follow_up_submit", args=[draft.pk]))
    mails = settle(mailbox, workers, 2)
    assert sorted(m["to"][0] for m in mails) == sorted(
        [users["coordinator"].email, swedish.email]
    )  # not the one who switched it off, not the neighbour's, not the editor
    by_person = {m["to"][0]: m for m in mails}
    assert "skickade in uppföljningen" in by_person[swedish.email]["body"]  # Swedish
    assert "sende inn oppfølginga" in by_person[users["coordinator"].email]["body"]  # nynorsk

    draft.refresh_from_db()
    post(
        client,
        users["coordinator"],
        reverse("actions:follow_up_review", args=[draft.pk]),
        {"decision": "return", "loaded_version": draft.version, "comment": "Kor mange kom?"},
    )
    mails = settle(mailbox, workers, 3)
    to_editor = [m for m in mails if m["to"] == [users["editor"].email]]
    assert len(mails) == 3 and len(to_editor) == 1
    assert "returnerte oppfølginga di" in to_editor[0]["body"]
    assert "Kor mange kom?" in to_editor[0]["body"]


def test_the_worker_sends_the_daily_digest_once(client, users, time_plan, mailbox, workers):
    for kind in [Kind.FOLLOW_UP_RETURNED, Kind.FOLLOW_UP_APPROVED]:
        NotificationSetting.objects.create(
            user=users["editor"], kind=kind, delivery=Delivery.DIGEST
        )
    NotificationSetting.objects.create(
        user=users["coordinator"], kind=Kind.FOLLOW_UP_SUBMITTED, delivery=Delivery.IN_APP
    )
    draft = FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.DRAFT)
    submit = reverse("actions:follow_up_submit", args=[draft.pk])
    review = reverse("actions:follow_up_review", args=[draft.pk])
    post(client, users["editor"], submit)
    draft.refresh_from_db()
    post(
        client,
        users["coordinator"],
        review,
        {"decision": "return", "loaded_version": draft.version, "comment": "Legg til talet."},
    )
    post(client, users["editor"], submit)
    draft.refresh_from_db()
    post(
        client,
        users["coordinator"],
        review,
        {"decision": "approve", "loaded_version": draft.version},
    )
    assert settle(mailbox, workers, 0) == []  # nothing at once: digest and portal only

    for _run in range(2):  # the beat's daily run, twice: the second finds nothing new
        send_notification_digests.apply_async(queue=workers.queue)
    mails = settle(mailbox, workers, 1)
    assert len(mails) == 1 and mails[0]["to"] == [users["editor"].email]
    body = mails[0]["body"]
    assert "returnerte oppfølginga di" in body and "godkjende oppfølginga di" in body
    assert "Legg til talet." in body


def test_the_worker_mails_the_action_kinds_to_followers_and_editors_once(
    client, users, time_plan, mailbox, workers
):
    """A status change and a comment reach the action's followers (the department's
    editor by default, a politician who chose to follow); an assignment the new
    department's editor. Never the person who acted; each once. (The beat's milestone
    and missing follow-up notices queue their e-mails from the worker to the default
    queue, which this test's worker does not read: tested in-process.)"""
    day = time_plan["day"]
    post(
        client,
        users["politician"],
        reverse("collaboration:follow", args=[day.pk]),
        {"following": "1"},
    )
    post(
        client,
        users["coordinator"],
        reverse("actions:status", args=[day.pk]),
        {"status": "in_progress", "loaded_version": day.version},
    )
    school = time_plan["school_action"]
    post(
        client,
        users["coordinator"],
        reverse("actions:edit", args=[school.pk]),
        action_data(school, responsible=time_plan["business"].pk),
    )
    post(
        client,
        users["editor_other_dept"],
        reverse("collaboration:action_comment", args=[day.pk]),
        {"body": "Kven tek imot gjestene?"},
    )
    mails = settle(mailbox, workers, 5)
    to = [m["to"][0] for m in mails]
    assert sorted(to) == sorted([users["editor"].email] * 3 + [users["politician"].email] * 2)
    editor_bodies = " ".join(m["body"] for m in mails if m["to"] == [users["editor"].email])
    assert "Kven tek imot gjestene?" in editor_bodies


def test_the_worker_mails_mentions_milestones_and_missing_follow_ups_once_in_nynorsk(
    client, users, time_plan, neighbour, mailbox, workers, settings
):
    """The three kinds the other tests leave out. The beat's daily notices are run here in
    the test's process (the day is chosen); their e-mails go through the real worker."""
    import datetime

    from collaboration.notices import announce_milestones, announce_missing_follow_ups

    outsider = member(Role.EDITOR, neighbour["municipality"], username="klepp-e")
    post(
        client,
        users["editor_other_dept"],
        reverse("collaboration:action_comment", args=[time_plan["school_action"].pk]),
        {"body": "@koordinator og @klepp-e: kva meiner de?"},
    )
    mails = settle(mailbox, workers, 1)
    assert [m["to"] for m in mails] == [[users["coordinator"].email]]  # not the outsider
    assert "nemnde deg i ein kommentar" in mails[0]["body"]
    assert outsider.email not in {m["to"][0] for m in mails}

    today = datetime.date(THIS_YEAR, 3, 2)
    milestone = time_plan["milestone"]
    milestone.due_on = today + datetime.timedelta(days=10)
    milestone.save()
    announce_milestones(today)
    announce_milestones(today + datetime.timedelta(days=1))  # the next day: nothing new
    mails = settle(mailbox, workers, 2)
    due = [m for m in mails if "Program klart" in m["body"]]
    assert [m["to"] for m in due] == [[users["editor"].email]]  # the department's editor
    assert "forfell" in due[0]["body"]

    settings.REMINDER_DATE = "03-01"
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.APPROVED)
    announce_missing_follow_ups(datetime.date(THIS_YEAR, 3, 8))
    announce_missing_follow_ups(datetime.date(THIS_YEAR, 3, 9))
    mails = settle(mailbox, workers, 3)
    missing = [m for m in mails if "manglar framleis" in m["body"]]
    assert [m["to"] for m in missing] == [[users["coordinator"].email]]
    assert len(mails) == 3
