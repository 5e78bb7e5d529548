"""Every user job end to end in headless Chromium, against a live server.

Elements are found by ids, names and URLs, not by their (translated) text, so the tests
hold in every interface language. Each journey saves a screenshot to
test-artifacts/screenshots/. The report journey runs a real Celery worker on the test
database (PostgreSQL and REDIS_URL; the `workers` fixture of tests/report).
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from actions.demo import demo_years
from actions.models import Action, FollowUp
from goals.models import Strategy
from tests.factories import FollowUpFactory, MunicipalityFactory, StrategyFactory, UserFactory
from tests.report.conftest import pdf_text

from .conftest import assert_accessible, screenshot, sign_in
from .seeds import DEMO_PASSWORD, FIXTURES, load_seeds

pytestmark = pytest.mark.django_db(transaction=True)

BRYNE = "Arrangera årleg open internasjonal dag på Bryne kompetansesenter"
YEAR = 2019  # the last year of Time's strategy 2016–2019
REPORT_TIMEOUT_MS = 90_000


def bryne_action():
    """Time's yearly open day, made the demo editor's department's action."""
    action = Action.objects.select_related("responsible").get(title=BRYNE)
    membership = Membership.objects.get(user__username="time-editor")
    if action.responsible_id:
        membership.department = action.responsible
        membership.save()
    else:
        Action.objects.filter(pk=action.pk).update(responsible=membership.department)
    return action


def save_form(page):
    page.locator("#main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()


def submit_to_coordinator(page, follow_up):
    page.locator(f'form[action="/actions/follow-up/{follow_up.pk}/submit/"] button').click()
    page.wait_for_load_state()


def state_of(follow_up):
    follow_up.refresh_from_db()
    return follow_up.state


def test_admin_imports_a_strategy_file_in_the_admin(page):
    load_seeds("time", demo_follow_ups=False)
    sign_in(page, "admin", DEMO_PASSWORD)
    page.goto("/admin/goals/strategy/")
    page.locator('a[href="/admin/goals/strategy/import/"]').click()

    # First "Check only": what an import would change, nothing written.
    page.locator("input[type=file][name=file]").set_input_files(FIXTURES / "hamar.yaml")
    page.locator("#content-main input[type=submit][name=check]").click()
    expect(page.locator(".import-checked")).to_be_visible()
    assert not Strategy.objects.filter(slug="hamar-2015").exists()

    page.locator("input[type=file][name=file]").set_input_files(FIXTURES / "hamar.yaml")
    page.locator("#content-main input[type=submit].default").click()

    expect(page.locator(".messagelist .success")).to_contain_text("hamar.yaml")
    strategy = Strategy.objects.get(slug="hamar-2015")
    expect(page).to_have_url(re.compile(rf"/admin/goals/strategy/{strategy.pk}/change/$"))
    screenshot(page, "admin-import")
    page.goto("/strategy/hamar-2015/")
    expect(page.locator("h1")).to_have_text("Strategi for internasjonalt arbeid")
    first_action = strategy.actions.order_by("goal_area__order", "order").first()
    expect(page.locator("#main")).to_contain_text(first_action.title)


def test_editor_in_time_records_a_yearly_follow_up_in_nynorsk(page, settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True  # staff in Time get nynorsk
    load_seeds("time", demo_follow_ups=False)
    action = bryne_action()
    sign_in(page, "time-editor", DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "nn")

    page.goto(f"/actions/my-work/?year={YEAR}")
    page.locator(f'a[href="/actions/{action.pk}/follow-up/new/?year={YEAR}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    page.locator("#id_status").select_option("on_track")
    page.locator("#id_progress").fill("75")
    page.locator("#id_what_was_done").fill(
        "Open dag 14. september med 300 besøkjande og stands frå fem venskapsbyar."
    )
    page.locator("#id_hours").fill("120")
    page.locator("#id_money_spent").fill("45000")
    page.locator("#id_contribution_to_goals").fill("Nye møteplassar i lokalsamfunnet.")
    assert_accessible(page)
    save_form(page)

    follow_up = FollowUp.objects.get(action=action, year=YEAR)
    expect(page).to_have_url(re.compile(rf"/actions/follow-up/{follow_up.pk}/$"))
    assert (follow_up.progress, follow_up.hours, follow_up.money_spent) == (75, 120, 45000)
    submit_to_coordinator(page, follow_up)
    assert state_of(follow_up) == FollowUp.State.SUBMITTED
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.locator("#main")).to_contain_text("300 besøkjande")
    assert_accessible(page)
    screenshot(page, "editor-follow-up-nynorsk")


def test_coordinator_returns_a_follow_up_the_editor_fixes_it_and_it_is_approved(new_page):
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

    # The coordinator finds it among the submitted ones and returns it with a comment.
    coordinator.goto(f"/actions/my-work/?year={YEAR}")
    coordinator.locator(f'a[href="{detail}"]').first.click()
    comment = "Kor mange kom? Skriv talet på besøkjande."
    coordinator.locator("#id_comment").fill(comment)
    coordinator.locator("button[name=decision][value=return]").click()
    coordinator.wait_for_load_state()
    assert state_of(follow_up) == FollowUp.State.RETURNED

    # The editor sees it returned, with the comment, and fixes it.
    editor.goto(f"/actions/my-work/?year={YEAR}")
    returned = editor.locator(f'section[aria-labelledby="returned-h"] a[href="{detail}"]')
    returned.click()
    expect(editor.locator("#main")).to_contain_text(comment)
    editor.locator(f'a[href="{detail}edit/"]').click()
    expect(editor.locator("#main .alert-warning")).to_contain_text(comment)
    editor.locator("#id_what_was_done").fill("Open dag i september med 300 besøkjande.")
    save_form(editor)
    submit_to_coordinator(editor, follow_up)
    assert state_of(follow_up) == FollowUp.State.SUBMITTED

    # The coordinator approves the fixed version.
    coordinator.goto(detail)
    expect(coordinator.locator("#main")).to_contain_text("300 besøkjande")
    coordinator.locator("button[name=decision][value=approve]").click()
    coordinator.wait_for_load_state()
    assert state_of(follow_up) == FollowUp.State.APPROVED
    expect(coordinator.locator("#review-h")).to_have_count(0)  # nothing left to review
    screenshot(coordinator, "coordinator-approved-follow-up")


def test_politician_drills_down_from_the_dashboard_to_an_action_and_its_history(page):
    strategy = load_seeds("time")["time"]
    action = Action.objects.get(title=BRYNE)
    sign_in(page, "time-politician", DEMO_PASSWORD)

    page.goto(f"/strategy/{strategy.slug}/")
    page.locator(f'a[href="/reports/dashboard/{strategy.slug}/"]').click()
    page.locator("#year-select").select_option(str(YEAR))
    page.locator("form:has(#year-select) button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"year={YEAR}"))
    expect(page.locator("#goal-area-table")).to_be_visible()
    screenshot(page, "politician-dashboard")

    # The goal area's figure leads to its actions...
    area_link = page.locator("#goal-area-table tbody th a").first
    area_link.click()
    expect(page).to_have_url(
        re.compile(rf"/actions/plan/{strategy.slug}/\?goal_area={action.goal_area_id}\b")
    )
    page.locator(f'#main a[href="/actions/{action.pk}/"]').first.click()

    # ...and the action shows its follow-up history year by year.
    expect(page.locator("h1")).to_contain_text(BRYNE)
    history = page.locator('section[aria-labelledby="followups-h"] tbody tr')
    years = demo_years(strategy)
    expect(history).to_have_count(len(years))
    expect(page.locator(f'a[href="/actions/{action.pk}/edit/"]')).to_have_count(0)  # reads only
    screenshot(page, "politician-action-history")
    history.last.locator("a").click()
    expect(page.locator("#main")).to_contain_text("Demodata")


FOREWORD = (
    "Ett år av samarbete.\n\nDet här gick bra:\n- Vänortsbesöket i Skive\n- <b>Nytt</b> nätverk"
)
ASSESSMENT = "Vi nådde målet. <script>alert(1)</script>"


@pytest.mark.worker
def test_coordinator_in_arvika_writes_a_foreword_generates_the_report_and_downloads_both_files(
    page,
    workers,  # noqa: F811 (the fixture imported above)
    settings,
):
    import docx

    settings.LANGUAGE_FROM_MUNICIPALITY = True  # staff in Arvika get Swedish
    strategy = load_seeds("arvika")["arvika"]
    year = demo_years(strategy)[-2]  # a year whose follow-ups are all approved
    area = strategy.goal_areas.order_by("order", "code").first()
    workers.start()
    sign_in(page, "arvika-coordinator", DEMO_PASSWORD)

    page.goto(f"/strategy/{strategy.slug}/")
    page.locator(f'a[href="/reports/annual/{strategy.slug}/"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    # The coordinator's words for the year, typed in the browser.
    page.locator(f'a[href="/reports/annual/{strategy.slug}/{year}/texts/"]').click()
    page.locator("#id_foreword").fill(FOREWORD)
    page.locator(f"#id_area_{area.pk}").fill(ASSESSMENT)
    save_form(page)
    expect(page.locator("#id_foreword")).to_have_value(FOREWORD)
    page.goto(f"/reports/annual/{strategy.slug}/")
    page.locator("#id_year").select_option(str(year))
    page.locator(f'form[action="/reports/annual/{strategy.slug}/generate/"] button').click()

    # The versions table updates itself (htmx) until the worker has made the PDF.
    link = page.locator('#report-versions a[href^="/reports/annual/file/"]:not([href$="/word/"])')
    expect(link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    screenshot(page, "coordinator-annual-report")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"{strategy.slug}-{year}-v1.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text, pages = pdf_text(pdf)
    assert pages > 1
    assert f"Årsrapport {year}" in text  # the report's own words in Swedish
    assert strategy.title in text
    first_action = strategy.actions.order_by("goal_area__order", "order").first()
    assert first_action.title[:40] in text
    assert "Ett år av samarbete." in text and "Vänortsbesöket i Skive" in text
    assert "<b>Nytt</b> nätverk" in text and "<script>alert(1)</script>" in text  # as text

    # The editable Word version beside it: the same words, markup as text.
    with page.expect_download() as download_info:
        page.locator('#report-versions a[href$="/word/"]').click()
    word = Path(download_info.value.path())
    assert download_info.value.suggested_filename == f"{strategy.slug}-{year}-v1.docx"
    document = docx.Document(str(word))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Ett år av samarbete." in paragraphs and "Vänortsbesöket i Skive" in paragraphs
    assert "<b>Nytt</b> nätverk" in paragraphs
    assert "Vi nådde målet. <script>alert(1)</script>" in paragraphs
    assert "Förord" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_anonymous_visitor_sees_only_published_pages(page):
    strategy = load_seeds("time", demo_follow_ups=False)["time"]
    action = Action.objects.get(title=BRYNE)
    FollowUpFactory(
        action=action,
        year=2018,
        state=FollowUp.State.APPROVED,
        what_was_done="Open dag med 250 besøkjande.",
    )
    draft = FollowUpFactory(
        action=action, year=YEAR, state=FollowUp.State.DRAFT, what_was_done="UTKAST: ikkje klart"
    )
    submitted = FollowUpFactory(
        action=Action.objects.exclude(pk=action.pk).filter(strategy=strategy).first(),
        year=YEAR,
        state=FollowUp.State.SUBMITTED,
        what_was_done="INNSENDT: ventar på godkjenning",
    )
    hidden = StrategyFactory(
        municipality=MunicipalityFactory(slug="loyndal", name="Løyndal kommune"),
        slug="loyndal-2025",
        title="Løynd strategi under arbeid",
    )

    page.goto("/")
    expect(page.locator("#main")).to_contain_text(strategy.municipality.name)
    expect(page.locator("#main")).not_to_contain_text("Løyndal")

    page.goto(f"/strategy/{strategy.slug}/")
    page.locator(f'a[href="/reports/dashboard/{strategy.slug}/"]').click()
    expect(page.locator("#goal-area-table")).to_be_visible()
    expect(page.locator("html")).not_to_contain_text("UTKAST")
    page.goto(f"/reports/public/{strategy.municipality.slug}/?strategy={strategy.slug}")
    expect(page.locator("#main")).to_contain_text("Open dag med 250 besøkjande.")
    expect(page.locator("html")).not_to_contain_text("UTKAST")
    expect(page.locator("html")).not_to_contain_text("INNSENDT")
    screenshot(page, "public-page")

    for url in (
        "/m/loyndal/",
        f"/strategy/{hidden.slug}/",
        f"/reports/dashboard/{hidden.slug}/",
        "/reports/public/loyndal/",
        "/partners/loyndal/",
    ):
        response = page.goto(url)
        assert response.status == 404, url
        expect(page.locator("html")).not_to_contain_text("Løynd strategi")

    # Staff pages (plans with drafts, the follow-ups themselves) ask for a sign-in.
    for url in (
        f"/actions/plan/{strategy.slug}/",
        f"/actions/follow-up/{draft.pk}/",
        f"/actions/follow-up/{submitted.pk}/",
    ):
        page.goto(url)
        expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
        expect(page.locator("html")).not_to_contain_text("UTKAST")
