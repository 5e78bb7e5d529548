"""Agenda 2030 end to end (issue 24): a coordinator in Time links an action to SDG 11 with
a note; the politician's dashboard and the public page show it under SDG 11; the next
annual report lists it in "Contribution to Agenda 2030"."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from actions.models import Action
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from frameworks.models import ActionLink, FrameworkItem

from .conftest import screenshot, sign_in
from .seeds import DEMO_PASSWORD, load_seeds

pytestmark = pytest.mark.django_db(transaction=True)

BRYNE = "Arrangera årleg open internasjonal dag på Bryne kompetansesenter"
NOTE = "Ein open møteplass for alle som bur i Time"


def test_coordinator_links_an_action_to_sdg_11_and_it_shows_everywhere_the_plan_is_read(
    new_page,
):
    strategy = load_seeds("time")["time"]
    action = Action.objects.get(title=BRYNE)
    eleven = FrameworkItem.objects.get(framework__code="sdg", code="11")
    sdg_page = f"/m/{strategy.municipality.slug}/frameworks/sdg/11/"

    coordinator = new_page()
    sign_in(coordinator, "time-coordinator", DEMO_PASSWORD)
    coordinator.goto(f"/actions/{action.pk}/")
    coordinator.locator(f'a[href="/actions/{action.pk}/frameworks/"]').first.click()
    coordinator.locator(
        f'input[name="framework_{eleven.framework_id}"][value="{eleven.pk}"]'
    ).check()
    coordinator.locator("#link-notes summary").click()
    coordinator.locator(f"#id_note_{eleven.pk}").fill(NOTE)
    coordinator.locator("#main form[method=post] button[type=submit]").click()
    coordinator.wait_for_load_state()
    expect(coordinator).to_have_url(f"{coordinator.url.split('/actions/')[0]}/actions/{action.pk}/")
    expect(coordinator.locator(f'#main a[href="{sdg_page}"]').first).to_be_visible()
    link = ActionLink.objects.get(action=action)
    assert (link.item_id, link.note) == (eleven.pk, NOTE)
    assert link.history.count() == 1  # traceable
    screenshot(coordinator, "coordinator-links-action-to-sdg-11")

    # The politician's dashboard: SDG 11 in the Agenda 2030 table, leading to the action.
    politician = new_page()
    sign_in(politician, "time-politician", DEMO_PASSWORD)
    politician.goto(f"/reports/dashboard/{strategy.slug}/")
    row = politician.locator("#agenda-2030-table tbody tr", has_text="SDG 11")
    expect(row).to_have_count(1)
    row.locator("th a").click()
    expect(politician.locator("#linked-actions-table")).to_contain_text(BRYNE)
    expect(politician.locator("#linked-actions-table")).to_contain_text(NOTE)
    screenshot(politician, "politician-sdg-11")

    # The public page, for anyone: the same row and the same SDG page.
    visitor = new_page()
    visitor.goto(f"/reports/public/{strategy.municipality.slug}/?strategy={strategy.slug}")
    expect(visitor.locator("#agenda-2030-table")).to_contain_text("SDG 11")
    visitor.goto(sdg_page)
    expect(visitor.locator("#linked-actions-table")).to_contain_text(BRYNE)

    # The next annual report lists it under "Contribution to Agenda 2030".
    with translation.override(strategy.municipality.language):
        context = report_context(report_strategy(strategy.pk), strategy.period_end)
        html = render_report_html(context)
    chapter = html[html.index('id="framework-sdg"') :]
    assert "SDG 11" in chapter and BRYNE in chapter and NOTE in chapter
