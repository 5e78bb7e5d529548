"""Working together on the plan, end to end in headless Chromium (issue 15).

An editor is told their follow-up was returned, reads the coordinator's comment,
attaches a file and submits again; the coordinator is told and approves. A coordinator
adds a milestone and an indicator and finds them on the dashboard's timeline and
indicators. Elements are found by ids, names and URLs, not by translated text.
"""

import re

import pytest
from playwright.sync_api import expect

from actions.models import FollowUp, Indicator, Milestone
from collaboration.models import Evidence, Kind, Notification
from tests.factories import FollowUpFactory, UserFactory

from .conftest import assert_accessible, screenshot, sign_in
from .seeds import DEMO_PASSWORD, load_seeds
from .test_journeys import YEAR, bryne_action, save_form, state_of, submit_to_coordinator
from .test_reflow import wider_than_the_screen

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def open_newest_notification(page):
    """The bell shows an unread count; its list leads to what the newest is about."""
    expect(page.locator(".site-bell-count")).to_be_visible()
    page.locator("a.site-bell").click()
    page.locator(".notification-list .notification-unread a").first.click()
    page.wait_for_load_state()


def test_a_returned_follow_up_is_fixed_with_a_file_and_approved_each_told(new_page, tmp_path):
    load_seeds("time", demo_follow_ups=False)
    action = bryne_action()
    follow_up = FollowUpFactory(
        action=action,
        year=YEAR,
        status=FollowUp.Status.ON_TRACK,
        progress=50,
        what_was_done="Open dag i september.",
        state=FollowUp.State.SUBMITTED,
        submitted_by=UserFactory(username="time-editor"),
    )
    detail = f"/actions/follow-up/{follow_up.pk}/"
    coordinator, editor = new_page(), new_page()
    sign_in(coordinator, "time-coordinator", DEMO_PASSWORD)
    sign_in(editor, "time-editor", DEMO_PASSWORD)

    comment = "Legg ved reiserapporten, og skriv talet på besøkjande."
    coordinator.goto(detail)
    coordinator.locator("#id_comment").fill(comment)
    coordinator.locator("button[name=decision][value=return]").click()
    coordinator.wait_for_load_state()
    assert state_of(follow_up) == FollowUp.State.RETURNED

    # The editor is told: the bell, the list with the comment, the follow-up.
    editor.goto("/actions/my-work/")
    expect(editor.locator(".site-bell-count")).to_contain_text("1")
    editor.locator("a.site-bell").click()
    expect(editor.locator(".notification-list")).to_contain_text(comment)
    assert_accessible(editor)
    editor.locator(".notification-list .notification-unread a").first.click()
    expect(editor).to_have_url(re.compile(rf"{detail}"))
    expect(editor.locator("#main")).to_contain_text(comment)
    assert Notification.objects.get(recipient__username="time-editor").read_at is not None

    # ...attaches the travel report...
    report = tmp_path / "Reiserapport-Bryne.pdf"
    report.write_bytes(PDF)
    editor.locator("#evidence-file").set_input_files(report)
    editor.locator("#evidence form[enctype='multipart/form-data'] button[type=submit]").click()
    editor.wait_for_load_state()
    expect(editor.locator("#evidence .evidence-list")).to_contain_text("Reiserapport-Bryne.pdf")
    assert Evidence.objects.filter(follow_up=follow_up).count() == 1

    # ...fixes the text and submits again.
    editor.locator(f'a[href="{detail}edit/"]').click()
    editor.locator("#id_what_was_done").fill("Open dag i september med 300 besøkjande.")
    save_form(editor)
    submit_to_coordinator(editor, follow_up)
    assert state_of(follow_up) == FollowUp.State.SUBMITTED
    history = editor.locator('section[aria-labelledby="history-h"]')
    expect(history).to_contain_text("Reiserapport-Bryne.pdf")  # the file is in the history

    # The coordinator is told, opens it from the bell, sees the file and approves.
    coordinator.goto("/actions/my-work/")
    open_newest_notification(coordinator)
    expect(coordinator).to_have_url(re.compile(rf"{detail}"))
    expect(coordinator.locator("#evidence")).to_contain_text("Reiserapport-Bryne.pdf")
    coordinator.locator("button[name=decision][value=approve]").click()
    coordinator.wait_for_load_state()
    assert state_of(follow_up) == FollowUp.State.APPROVED
    kinds = Notification.objects.filter(recipient__username="time-coordinator")
    assert Kind.FOLLOW_UP_SUBMITTED in set(kinds.values_list("kind", flat=True))
    screenshot(coordinator, "coordinator-approves-fixed-follow-up-with-file")

    # And the editor hears it was approved.
    editor.goto("/actions/my-work/")
    open_newest_notification(editor)
    expect(editor).to_have_url(re.compile(rf"{detail}"))


def test_a_coordinator_adds_a_milestone_and_an_indicator_and_sees_them_on_the_dashboard(page):
    strategy = load_seeds("time", demo_follow_ups=False)["time"]
    action = bryne_action()
    sign_in(page, "time-coordinator", DEMO_PASSWORD)

    page.goto(f"/actions/{action.pk}/")
    page.locator(f'a[href="/actions/{action.pk}/milestones/"]').click()
    row = int(page.locator("input[name=milestones-TOTAL_FORMS]").input_value()) - 1
    page.locator(f"#id_milestones-{row}-title").fill("Avtale med Bryne kompetansesenter")
    page.locator(f"#id_milestones-{row}-due_on").fill(f"{YEAR}-05-15")
    assert_accessible(page)
    save_form(page)
    expect(page).to_have_url(re.compile(rf"/actions/{action.pk}/$"))
    milestone = Milestone.objects.get(action=action, title="Avtale med Bryne kompetansesenter")

    page.goto(f"/actions/plan/{strategy.slug}/indicators/")
    row = int(page.locator("input[name=indicators-TOTAL_FORMS]").input_value()) - 1
    page.locator(f"#id_indicators-{row}-code").fill("B-1")
    page.locator(f"#id_indicators-{row}-name").fill("Besøkjande på open dag")
    page.locator(f"#id_indicators-{row}-unit").fill("personar")
    page.locator(f"#id_indicators-{row}-baseline").fill("150")
    page.locator(f"#id_indicators-{row}-target").fill("400")
    page.locator(f"#id_indicators-{row}-target_year").fill(str(YEAR))
    page.locator(f"#id_indicators-{row}-action").select_option(str(action.pk))
    save_form(page)
    assert Indicator.objects.filter(strategy=strategy, code="B-1").exists()

    page.goto(f"/reports/dashboard/{strategy.slug}/?year={YEAR}")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text(milestone.title)
    # Due in 2019 and not reached: marked late, and counted in its goal area's row.
    expect(timeline.locator(".timeline-milestone.is-late")).to_contain_text(milestone.title)
    expect(page.locator("#timeline-table tbody")).to_contain_text(action.goal_area.title)
    indicators = page.locator('section[aria-labelledby="indicators-heading"]')
    expect(indicators).to_contain_text("Besøkjande på open dag")
    assert_accessible(page)
    screenshot(page, "coordinator-timeline-and-indicator")
    # At a phone's width the timeline reflows: the page never scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 640})
    reach = wider_than_the_screen(page)
    assert reach["over"] <= 0, reach["culprits"]
