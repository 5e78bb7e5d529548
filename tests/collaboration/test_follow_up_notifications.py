"""Who is told when a follow-up is submitted, returned or approved, in the portal and by
e-mail, in their language, and nobody else."""

import logging
from unittest import mock

import pytest
from django.core import mail

from accounts.models import Role
from collaboration import notifications
from collaboration.models import Delivery, Kind, Notification, NotificationSetting
from collaboration.tasks import send_notification_digests
from tests.factories import member

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_submitting_tells_the_municipalitys_coordinators_only(users, neighbour, draft, workflow):
    other_coordinator = member(Role.COORDINATOR, neighbour["municipality"], username="klepp-k")
    workflow.submit(users["editor"], draft)

    assert kinds_for(users["coordinator"]) == [Kind.FOLLOW_UP_SUBMITTED]
    for name in ["editor", "editor_other_dept", "politician", "admin"]:
        assert kinds_for(users[name]) == []
    assert kinds_for(other_coordinator) == []
    assert [m.to for m in mail.outbox] == [[users["coordinator"].email]]
    assert "Arrangera årleg open internasjonal dag" in mail.outbox[0].subject


def test_returning_tells_the_submitter_with_the_coordinators_comment(users, draft, workflow):
    workflow.submit(users["editor"], draft)
    mail.outbox.clear()
    workflow.review(users["coordinator"], draft, "return", "Kor mange deltok frå Älmhult?")

    notification = Notification.objects.get(recipient=users["editor"])
    assert notification.kind == Kind.FOLLOW_UP_RETURNED
    assert notification.comment == "Kor mange deltok frå Älmhult?"
    assert [m.to for m in mail.outbox] == [[users["editor"].email]]
    assert "Kor mange deltok frå Älmhult?" in mail.outbox[0].body
    assert f"/notifications/{notification.pk}/" in mail.outbox[0].body


def test_approving_tells_the_submitter_once(users, draft, workflow):
    workflow.submit(users["editor"], draft)
    mail.outbox.clear()
    workflow.review(users["coordinator"], draft, "approve")

    assert kinds_for(users["editor"]) == [Kind.FOLLOW_UP_APPROVED]
    assert kinds_for(users["editor_other_dept"]) == []
    assert len(mail.outbox) == 1


def test_nobody_is_told_of_their_own_step(users, draft, workflow):
    # A coordinator who writes and submits a follow-up is not told they submitted it.
    workflow.submit(users["coordinator"], draft)
    assert kinds_for(users["coordinator"]) == []


def test_a_refused_step_tells_nobody(users, draft, workflow, client):
    client.force_login(users["coordinator"])
    client.post(f"/actions/follow-up/{draft.pk}/review/", {"decision": "approve"})
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_e_mail_is_in_the_recipients_language(users, draft, workflow):
    users["coordinator"].membership.language = "sv"
    users["coordinator"].membership.save()
    workflow.submit(users["editor"], draft)
    assert "skickade in uppföljningen" in mail.outbox[0].body  # Swedish
    mail.outbox.clear()

    workflow.review(users["coordinator"], draft, "approve")
    # The editor chose nothing: Time kommune's nynorsk.
    assert "godkjende oppfølginga di" in mail.outbox[0].body


def test_a_kind_switched_off_is_neither_shown_nor_sent(users, draft, workflow):
    NotificationSetting.objects.create(
        user=users["coordinator"], kind=Kind.FOLLOW_UP_SUBMITTED, delivery=Delivery.OFF
    )
    workflow.submit(users["editor"], draft)
    assert kinds_for(users["coordinator"]) == []
    assert mail.outbox == []


def test_in_the_portal_only_sends_no_e_mail(users, draft, workflow):
    NotificationSetting.objects.create(
        user=users["coordinator"], kind=Kind.FOLLOW_UP_SUBMITTED, delivery=Delivery.IN_APP
    )
    workflow.submit(users["editor"], draft)
    assert kinds_for(users["coordinator"]) == [Kind.FOLLOW_UP_SUBMITTED]
    assert mail.outbox == []
    send_notification_digests.delay()
    assert mail.outbox == []


def test_a_daily_digest_gathers_the_days_notifications_in_one_e_mail(users, draft, workflow):
    for kind in [Kind.FOLLOW_UP_RETURNED, Kind.FOLLOW_UP_APPROVED]:
        NotificationSetting.objects.create(
            user=users["editor"], kind=kind, delivery=Delivery.DIGEST
        )
    workflow.submit(users["editor"], draft)
    workflow.review(users["coordinator"], draft, "return", "Legg til talet på deltakarar.")
    workflow.submit(users["editor"], draft)
    workflow.review(users["coordinator"], draft, "approve")
    to_editor = [m for m in mail.outbox if m.to == [users["editor"].email]]
    assert to_editor == []

    send_notification_digests.delay()
    to_editor = [m for m in mail.outbox if m.to == [users["editor"].email]]
    assert len(to_editor) == 1
    body = to_editor[0].body
    assert "returnerte oppfølginga di" in body and "godkjende oppfølginga di" in body
    assert "Legg til talet på deltakarar." in body

    mail.outbox.clear()
    send_notification_digests.delay()  # the next day: nothing new
    assert mail.outbox == []


def test_a_failing_mail_server_is_retried_then_left_for_the_digest(users, draft, workflow, caplog):
    with mock.patch.object(notifications, "send_mail", side_effect=OSError("mail down")):
        with caplog.at_level(logging.WARNING):
            response = workflow.submit(users["editor"], draft)
    # The editor's submission went through; the failure is logged, not shown.
    assert response.url.endswith(f"/follow-up/{draft.pk}/")
    assert "e-mail left for the digest" in caplog.text
    notification = Notification.objects.get(recipient=users["coordinator"])
    assert notification.email == Delivery.DIGEST and notification.emailed_at is None

    send_notification_digests.delay()  # the mail server is back
    assert [m.to for m in mail.outbox] == [[users["coordinator"].email]]


def test_a_broker_that_is_down_loses_no_notification(users, draft, workflow):
    from collaboration import tasks

    with mock.patch.object(
        tasks.send_notification_email, "delay", side_effect=OSError("broker down")
    ):
        workflow.submit(users["editor"], draft)
    notification = Notification.objects.get(recipient=users["coordinator"])
    assert notification.email == Delivery.DIGEST
    send_notification_digests.delay()
    assert len(mail.outbox) == 1


def test_e_mails_to_one_member_are_capped_per_hour(users, time_plan, workflow, settings):
    from actions.models import FollowUp
    from tests.factories import FollowUpFactory

    settings.NOTIFICATION_EMAILS_PER_HOUR = 2
    for year in range(time_plan["strategy"].period_start, time_plan["strategy"].period_end + 1):
        follow_up = FollowUpFactory(action=time_plan["day"], year=year, state=FollowUp.State.DRAFT)
        workflow.submit(users["editor"], follow_up)
    assert Notification.objects.filter(recipient=users["coordinator"]).count() == 4
    assert len(mail.outbox) == 2
    send_notification_digests.delay()
    assert len(mail.outbox) == 3  # the other two, in one digest


def test_members_who_left_or_moved_are_not_told(users, neighbour, draft, workflow):
    users["coordinator"].is_active = False
    users["coordinator"].save()
    workflow.submit(users["editor"], draft)
    membership = users["editor"].membership
    membership.municipality = neighbour["municipality"]
    membership.department = neighbour["department"]
    membership.save()
    workflow.review(member(Role.COORDINATOR, draft.action.strategy.municipality), draft, "approve")
    assert not Notification.objects.filter(recipient__in=[users["coordinator"], users["editor"]])
