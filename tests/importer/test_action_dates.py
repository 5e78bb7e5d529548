"""An action's planned start and end as the plan dates them (issue 18): "2027" and "våren
2027" are a year and a month. A start is stored as its period's first day, an end as its
last (an action is not late before its period has ended), each with its precision; shown
as written on the action page, the plan list, "my work", the report (PDF and Word) and the
CSV; exported as written to the strategy file and the spreadsheet, and read back from
both; a date picked in the staff form is a day again."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Role
from actions.models import Action
from actions.rules import annotate_late
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.word import report_docx
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file
from strategy_files.spreadsheet import plan_workbook
from tests.actions.helpers import action_data
from tests.factories import member

pytestmark = pytest.mark.django_db

WRITTEN = Path(__file__).parent / "written" / "as_written.yaml"
ANCHOR = "          twin_towns: [oulu]\n"


def _file(tmp_path, start, end, name="plan.yaml"):
    text = WRITTEN.read_text(encoding="utf-8")
    assert ANCHOR in text
    dates = f"{ANCHOR}          planned_start: {start}\n          planned_end: {end}\n"
    path = tmp_path / name
    path.write_text(text.replace(ANCHOR, dates), encoding="utf-8")
    return path


def _import(tmp_path, start, end):
    strategy = import_file(_file(tmp_path, start, end))
    return Action.objects.get(strategy=strategy, code="1.1")


@pytest.fixture
def action(tmp_path):
    """Planned from spring 2027 ("2027-03") to the end of 2028 ("2028")."""
    return _import(tmp_path, "2027-03", "2028")


def stored(action):
    action.refresh_from_db()
    return (
        action.planned_start.isoformat(),
        action.planned_start_precision,
        action.planned_end.isoformat(),
        action.planned_end_precision,
    )


def exported_dates(strategy):
    (exported,) = [
        a for area in export_strategy(strategy)["strategy"]["goal_areas"] for a in area["actions"]
    ]
    return exported["planned_start"], exported["planned_end"]


def test_a_start_is_its_periods_first_day_and_an_end_its_last(action, tmp_path):
    assert stored(action) == ("2027-03-01", "month", "2028-12-31", "year")
    again = _import(tmp_path, "2027", "2027-02")
    assert stored(again) == ("2027-01-01", "year", "2027-02-28", "month")
    days = _import(tmp_path, "2027-03-15", "2028-06-30")
    assert stored(days) == ("2027-03-15", "day", "2028-06-30", "day")


def test_an_action_ending_in_a_year_is_not_late_before_the_year_has_ended(action):
    def late(today):
        return annotate_late(Action.objects.filter(pk=action.pk), today).get().is_late

    assert not late(datetime.date(2028, 12, 31))
    assert late(datetime.date(2029, 1, 1))


def test_dates_export_as_written_and_import_again_unchanged(action, tmp_path):
    assert exported_dates(action.strategy) == ("2027-03", 2028)
    text = dump_yaml(export_strategy(action.strategy))
    assert "planned_start: 2027-03\n" in text and "planned_end: 2028\n" in text
    again = tmp_path / "again.yaml"
    again.write_text(text, encoding="utf-8")
    import_file(again)
    assert stored(action) == ("2027-03-01", "month", "2028-12-31", "year")
    assert dump_yaml(export_strategy(action.strategy)) == text


def test_a_full_date_stays_a_full_date(tmp_path):
    action = _import(tmp_path, "2027-03-15", "2028-06-30")
    assert exported_dates(action.strategy) == (
        datetime.date(2027, 3, 15),
        datetime.date(2028, 6, 30),
    )


def test_an_end_before_the_start_is_refused_but_a_month_within_the_start_year_is_not(
    tmp_path,
):
    with pytest.raises(StrategyFileError) as error:
        import_file(_file(tmp_path, "2027-06", "2027-05"))
    assert any("2027-05 is before the planned start 2027-06" in e for e in error.value.errors)
    action = _import(tmp_path, "2027", "2027-05")
    assert stored(action) == ("2027-01-01", "year", "2027-05-31", "month")


def test_they_show_as_written_on_the_action_page_and_the_plan_list(action, client):
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "mars 2027" in page or "March 2027" in page
    assert "01.03.2027" not in page and "31.12.2028" not in page
    plan = client.get(reverse("actions:plan", args=[action.strategy.slug])).content.decode()
    row = plan[plan.index("Ungdomsutbyte med Oulu") :]
    row = row[: row.index("</tr>")]
    assert "2028" in row and "31.12.2028" not in row


def test_they_show_as_written_in_the_report_pdf_and_word(action):
    import docx

    with translation.override("sv"):
        context = report_context(report_strategy(action.strategy.pk), 2027)
        html = render_report_html(context)
        word = report_docx(context)
    article = html[html.index(f'id="action-{action.pk}"') :]
    article = article[: article.index("</article>")]
    assert "mars 2027 – 2028" in article
    cells = [
        [cell.text for cell in row.cells]
        for table in docx.Document(io.BytesIO(word)).tables
        for row in table.rows
    ]
    assert ["Period", "mars 2027 – 2028"] in cells


def test_the_csv_gives_them_as_precisely_as_the_plan(action, client):
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    response = client.get(reverse("actions:plan", args=[action.strategy.slug]), {"format": "csv"})
    (line,) = [x for x in response.content.decode("utf-8-sig").splitlines() if "Oulu" in x]
    assert "2027-03" in line and "2028" in line and "2028-12-31" not in line


def test_the_spreadsheet_writes_a_day_as_a_date_and_a_month_or_year_as_text(action, tmp_path):
    workbook = load_workbook(io.BytesIO(plan_workbook(action.strategy)))
    row = next(r for r in workbook.worksheets[0].iter_rows(min_row=2) if r[1].value == "1.1")
    assert (row[11].value, row[12].value) == ("2027-03", "2028")
    assert row[11].number_format == "@"
    days = _import(tmp_path, "2027-03-15", "2028-06-30")
    workbook = load_workbook(io.BytesIO(plan_workbook(days.strategy)))
    row = next(r for r in workbook.worksheets[0].iter_rows(min_row=2) if r[1].value == "1.1")
    assert row[11].value == datetime.datetime(2027, 3, 15)
    assert row[11].number_format == "yyyy-mm-dd"


def test_a_date_picked_in_the_staff_form_is_a_day_and_an_untouched_one_keeps_its_year(
    action, client
):
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    url = reverse("actions:edit", args=[action.pk])
    form = client.get(url).content.decode()
    assert "The plan says 2028" in form or "Planen säger 2028" in form
    response = client.post(url, action_data(action, planned_start="2027-04-20"))
    assert response.status_code == 302
    assert stored(action) == ("2027-04-20", "day", "2028-12-31", "year")
    assert action.history.first().planned_start_precision == "day"
    assert action.history.all()[1].planned_start_precision == "month"


def test_a_date_an_administrator_picks_in_the_admin_is_a_day(action, client):
    """The admin as the staff form: a date changed without its precision is a day; one
    left as it is keeps the plan's month or year."""
    from tests.accounts.browser_form import browser_post_data

    client.force_login(member(Role.ADMIN, None, username="drift", is_superuser=True))
    url = reverse("admin:actions_action_change", args=[action.pk])
    data = browser_post_data(client.get(url), "action_form")
    assert (data["planned_start_precision"], data["planned_end_precision"]) == ("month", "year")
    data["planned_end"] = "2028-06-30"
    assert client.post(url, data).status_code == 302
    assert stored(action) == ("2027-03-01", "month", "2028-06-30", "day")
