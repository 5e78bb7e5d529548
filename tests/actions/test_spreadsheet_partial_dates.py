"""The plan workbook keeps an action's planned dates as precise as the plan (issue 18):
"2027-03" and "2028" go out as text and come back as a month and a year; a day stays a
date cell; a year typed as a number is a year."""

import datetime

import pytest

from actions.models import Action

from .test_spreadsheet_import import _apply, _bytes, _row, _template, _upload

START, END = 11, 12  # the plan sheet's planned start and end columns


@pytest.fixture
def coordinator(client, users):
    client.force_login(users["coordinator"])
    return client


@pytest.fixture
def school(time_plan):
    action = time_plan["school_action"]
    action.planned_start, action.planned_start_precision = datetime.date(2027, 3, 1), "month"
    action.planned_end, action.planned_end_precision = datetime.date(2028, 12, 31), "year"
    action.save()
    return action


def stored(action):
    action.refresh_from_db()
    return (
        action.planned_start.isoformat(),
        action.planned_start_precision,
        action.planned_end.isoformat(),
        action.planned_end_precision,
    )


def test_an_unchanged_workbook_reads_the_month_and_year_back_as_no_change(coordinator, school):
    workbook = _template(coordinator, school.strategy)
    row = _row(workbook.worksheets[0], school.code)
    assert (row[START].value, row[END].value) == ("2027-03", "2028")
    response = _upload(coordinator, school.strategy, _bytes(workbook))
    assert response.context["preview"].errors == []
    assert response.context["preview"].changes == []


def test_a_year_and_a_day_typed_in_are_read_as_such_and_applied(coordinator, school):
    workbook = _template(coordinator, school.strategy)
    row = _row(workbook.worksheets[0], school.code)
    row[START].value = datetime.datetime(2027, 4, 20)
    row[END].value = 2029  # a number, as a spreadsheet keeps a typed year
    response = _upload(coordinator, school.strategy, _bytes(workbook))
    (change,) = response.context["preview"].changes
    assert change.fields == [
        ("Planlagd start", "2027-03", "2027-04-20"),
        ("Planlagd slutt", "2028", "2029"),
    ]
    assert _apply(coordinator, school.strategy, response).status_code == 302
    assert stored(school) == ("2027-04-20", "day", "2029-12-31", "year")


def test_a_month_typed_as_text_is_a_month(coordinator, school):
    workbook = _template(coordinator, school.strategy)
    _row(workbook.worksheets[0], school.code)[END].value = "2028-6"
    response = _apply(
        coordinator, school.strategy, _upload(coordinator, school.strategy, _bytes(workbook))
    )
    assert response.status_code == 302
    assert stored(school) == ("2027-03-01", "month", "2028-06-30", "month")


def test_a_date_in_no_form_names_the_forms(coordinator, school):
    workbook = _template(coordinator, school.strategy)
    _row(workbook.worksheets[0], school.code)[END].value = "våren 2028"
    response = _upload(coordinator, school.strategy, _bytes(workbook))
    (error,) = response.context["preview"].errors
    assert "våren 2028" in error and "YYYY-MM for a month" in error
    assert Action.objects.get(pk=school.pk).planned_end == datetime.date(2028, 12, 31)


def test_the_instructions_say_how_to_write_a_month_or_a_year(coordinator, school):
    instructions = _template(coordinator, school.strategy).worksheets[2]
    lines = [row[0].value or "" for row in instructions.iter_rows()]
    assert any("Planlagd start og slutt" in line and "(2028)" in line for line in lines)
