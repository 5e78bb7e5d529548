"""A coordinator takes the action plan out to Excel and back, in the browser: download
the workbook, change a title, upload it, read the preview, apply, see the plan changed."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from actions.models import Action

from .conftest import screenshot, sign_in
from .seeds import DEMO_PASSWORD, load_seeds

pytestmark = pytest.mark.django_db(transaction=True)

NEW_TITLE = "Open internasjonal dag, no med vennskapsbyane"


def test_coordinator_edits_the_plan_in_a_spreadsheet(page, tmp_path):
    strategy = load_seeds("time", demo_follow_ups=False)["time"]
    sign_in(page, "time-coordinator", DEMO_PASSWORD)
    page.goto(f"/actions/plan/{strategy.slug}/")

    with page.expect_download() as download_info:
        page.locator(f'a[href="/spreadsheets/{strategy.slug}/plan.xlsx"]').click()
    downloaded = tmp_path / "downloaded.xlsx"
    download_info.value.save_as(downloaded)
    workbook = load_workbook(downloaded)
    row = next(workbook.worksheets[0].iter_rows(min_row=2))
    code = row[1].value
    row[2].value = NEW_TITLE
    edited = tmp_path / "plan.xlsx"
    workbook.save(edited)

    page.locator(f'a[href="/spreadsheets/{strategy.slug}/upload/"]').click()
    page.locator("input[type=file][name=file]").set_input_files(Path(edited))
    page.locator("#main form[enctype] button[type=submit]").click()
    expect(page.locator("#spreadsheet-changes")).to_contain_text(NEW_TITLE)
    screenshot(page, "spreadsheet-preview")
    assert Action.objects.get(strategy=strategy, code=code).title != NEW_TITLE

    page.locator(f'form[action="/spreadsheets/{strategy.slug}/apply/"] button').click()
    page.wait_for_url(f"**/actions/plan/{strategy.slug}/")
    expect(page.locator("#action-list")).to_contain_text(NEW_TITLE)
    assert Action.objects.get(strategy=strategy, code=code).title == NEW_TITLE
