"""The yearly follow-up reminder, as the people who receive it see it (Django's outbox)."""

import datetime

import pytest
from django.core import mail

from actions import reminders
from actions.models import Action, FollowUp, ReminderSent
from tests.factories import FollowUpFactory, member

from .conftest import REMINDER_DAY, THIS_YEAR


def mail_to(address):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) <= 1, f"{address} got {len(found)} reminders"
    return found[0] if found else None


def send(today=REMINDER_DAY):
    return reminders.send_reminders(today)


def test_editor_is_reminded_of_their_departments_due_action_with_a_link(time_plan, klepp):
    send()
    message = mail_to(time_plan["editor"].email)
    assert message is not None
    assert "Årleg internasjonal dag" in message.body
    url = (
        f"https://strategi.example.no/actions/{time_plan['day'].pk}/follow-up/new/?year={THIS_YEAR}"
    )
    assert url in message.body
    assert str(THIS_YEAR) in message.subject


def test_editor_is_not_told_about_other_departments_or_municipalities(time_plan, klepp):
    send()
    body = mail_to(time_plan["editor"].email).body
    assert "Elevutveksling" not in body
    assert "Klepp sitt kulturtiltak" not in body
    school_body = mail_to(time_plan["school_editor"].email).body
    assert "Elevutveksling med Älmhult" in school_body
    assert "Årleg internasjonal dag" not in school_body


def test_editor_of_another_municipality_gets_only_their_own(time_plan, klepp):
    send()
    body = mail_to(klepp["editor"].email).body
    assert "Klepp sitt kulturtiltak" in body
    assert "Årleg" not in body and "Elevutveksling" not in body


@pytest.mark.parametrize("state", [FollowUp.State.SUBMITTED, FollowUp.State.APPROVED])
def test_a_submitted_or_approved_follow_up_is_no_longer_due(time_plan, state):
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=state)
    send()
    assert mail_to(time_plan["editor"].email) is None
    assert mail_to(time_plan["school_editor"].email) is not None


def test_a_draft_follow_up_links_to_its_edit_page(time_plan):
    draft = FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.DRAFT)
    send()
    body = mail_to(time_plan["editor"].email).body
    assert f"https://strategi.example.no/actions/follow-up/{draft.pk}/edit/" in body


def test_a_returned_follow_up_is_listed_once_with_the_coordinators_comment(time_plan):
    FollowUpFactory(
        action=time_plan["day"],
        year=THIS_YEAR,
        state=FollowUp.State.RETURNED,
        review_comment="Legg til talet på besøkande.",
    )
    send()
    body = mail_to(time_plan["editor"].email).body
    assert "Legg til talet på besøkande." in body
    assert body.count("Årleg internasjonal dag") == 1


def test_a_returned_follow_up_of_last_year_still_reminds(time_plan):
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.APPROVED)
    old = FollowUpFactory(
        action=time_plan["day"], year=THIS_YEAR - 1, state=FollowUp.State.RETURNED
    )
    send()
    body = mail_to(time_plan["editor"].email).body
    assert f"({THIS_YEAR - 1})" in body
    assert f"https://strategi.example.no/actions/follow-up/{old.pk}/" in body


def test_archived_cancelled_and_finished_actions_are_not_due(time_plan):
    Action.objects.filter(pk=time_plan["day"].pk).update(is_archived=True)
    Action.objects.filter(pk=time_plan["exchange"].pk).update(status=Action.Status.CANCELLED)
    send()
    assert mail_to(time_plan["editor"].email) is None
    assert mail_to(time_plan["school_editor"].email) is None
    assert mail_to(time_plan["coordinator"].email) is None


def test_actions_of_an_open_ended_strategy_are_due(klepp):
    assert klepp["strategy"].period_end is None
    send()
    assert mail_to(klepp["editor"].email) is not None


def test_coordinator_gets_what_is_missing_per_department(time_plan, klepp):
    FollowUpFactory(action=time_plan["day"], year=THIS_YEAR, state=FollowUp.State.SUBMITTED)
    send()
    body = mail_to(time_plan["coordinator"].email).body
    assert "Oppvekst (1)" in body
    assert "Elevutveksling med Älmhult" in body
    assert f"https://strategi.example.no/actions/{time_plan['exchange'].pk}/" in body
    assert "Årleg internasjonal dag" not in body  # submitted: not missing
    assert "Klepp" not in body


def test_coordinator_lists_actions_with_no_responsible_department(time_plan):
    membership = time_plan["coordinator"].membership
    membership.language = "en"
    membership.save()
    time_plan["day"].responsible = None
    time_plan["day"].save()
    send()
    body = mail_to(time_plan["coordinator"].email).body
    assert "No responsible department (1)" in body


def test_coordinator_with_nothing_missing_gets_no_mail(time_plan):
    for action in (time_plan["day"], time_plan["exchange"]):
        FollowUpFactory(action=action, year=THIS_YEAR, state=FollowUp.State.APPROVED)
    send()
    assert mail.outbox == []


def test_politicians_get_no_reminder(time_plan):
    send()
    assert mail_to(time_plan["politician"].email) is None


def test_users_without_email_or_inactive_get_nothing(time_plan):
    time_plan["editor"].email = ""
    time_plan["editor"].save()
    time_plan["school_editor"].is_active = False
    time_plan["school_editor"].save()
    coordinator = time_plan["coordinator"]
    coordinator.is_active = False
    coordinator.save()
    send()
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_editor_without_department_gets_nothing(time_plan):
    lone = member("editor", time_plan["municipality"], username="utan-avdeling")
    send()
    assert mail_to(lone.email) is None


def test_a_second_run_sends_nothing_more(time_plan, klepp):
    first = send()
    count = len(mail.outbox)
    assert count == 5 and len(first.sent) == 5
    second = send()
    assert len(mail.outbox) == count
    assert second.sent == [] and len(second.skipped) == 5
    assert ReminderSent.objects.filter(year=THIS_YEAR).count() == 5


def test_next_year_is_a_new_reminder(time_plan):
    send()
    before = len(mail.outbox)
    send(REMINDER_DAY.replace(year=THIS_YEAR + 1))
    assert len(mail.outbox) == before + 3


def test_a_refused_mail_is_tried_again_on_the_next_run(time_plan, monkeypatch):
    real_send_mail = reminders.send_mail
    refused = time_plan["editor"].email

    def flaky(subject, body, sender, to):
        if to == [refused]:
            raise OSError("mail server refused")
        return real_send_mail(subject, body, sender, to)

    monkeypatch.setattr(reminders, "send_mail", flaky)
    outcome = send()
    assert [r.user for r in outcome.failed] == [time_plan["editor"]]
    assert mail_to(time_plan["school_editor"].email) is not None
    monkeypatch.setattr(reminders, "send_mail", real_send_mail)
    mail.outbox.clear()
    # Beat's next run is the next morning: the refused reminder goes then, the others not again.
    send_if_due_next_morning = reminders.send_if_due(REMINDER_DAY + datetime.timedelta(days=1))
    assert [r.user for r in send_if_due_next_morning.sent] == [time_plan["editor"]]
    assert [m.to for m in mail.outbox] == [[refused]]


def test_reminder_is_in_the_recipients_language(time_plan, klepp):
    time_plan["school_editor"].membership.language = "en"
    time_plan["school_editor"].membership.save()
    outcome = send()
    languages = {r.user.username: r.language for r in outcome.sent}
    assert languages["naering"] == "nn"  # the municipality's language
    assert languages["skule"] == "en"  # their own choice
    assert languages["klepp-kultur"] == "nb"
    assert mail_to(time_plan["school_editor"].email).body.startswith("Hello skule,")
    assert mail_to(time_plan["editor"].email).body.startswith("Hei naering,")


def test_mail_is_plain_text_and_not_escaped(time_plan):
    time_plan["day"].title = "Dag for «Bryne & Älmhult» <ungdom>"
    time_plan["day"].save()
    send()
    message = mail_to(time_plan["editor"].email)
    assert "Dag for «Bryne & Älmhult» <ungdom>" in message.body
    assert message.alternatives == []
