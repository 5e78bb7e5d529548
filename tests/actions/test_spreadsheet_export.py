"""The action plan as an .xlsx workbook: pre-filled, in the municipality's words, with
drop-downs, and safe to open (formula-looking text stays text)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from actions.export import safe_cell
from actions.models import FollowUp
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    PartnerFactory,
    member,
)


def _download(client, strategy):
    return client.get(reverse("spreadsheets:download", args=[strategy.slug]))


def _workbook(response):
    return load_workbook(io.BytesIO(response.content))


def _plan_rows(workbook):
    sheet = workbook.worksheets[0]
    header, *rows = sheet.iter_rows(values_only=True)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def test_members_download_the_plan_prefilled_in_the_municipalitys_words(client, users, time_plan):
    client.force_login(users["politician"])
    response = _download(client, time_plan["strategy"])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = _workbook(response)
    header, rows = _plan_rows(workbook)
    # Time writes nynorsk and calls its goal areas "Satsingsområde".
    assert header[0] == "Satsingsområde (kode)"
    assert "Ansvarleg" in header
    day = next(row for row in rows if row[header[1]] == "1.1")
    assert day[header[0]] == "1"
    assert day["Ansvarleg"] == "Næringsavdelinga"
    assert day["Samarbeidspartnarar"] == "KS"
    assert day["Vennskapsbyar"] == "Älmhult"
    assert day["Gjentaking"] == "Årleg"
    assert {row[header[1]] for row in rows} == {"1.1", "1.2"}


def test_workbook_has_dropdowns_frozen_header_autofilter_and_hidden_version(
    client, users, time_plan
):
    client.force_login(users["coordinator"])
    workbook = _workbook(_download(client, time_plan["strategy"]))
    plan = workbook.worksheets[0]
    assert plan.freeze_panes == "A2"
    assert plan.auto_filter.ref.startswith("A1:")
    validated = {str(v.sqref).split(":")[0] for v in plan.data_validations.dataValidation}
    # goal area, responsible, recurrence, currency, status, archived
    assert {"A2", "G2", "K2", "O2", "Q2", "R2"} <= validated
    lists = workbook["lists"]
    values = {cell for row in lists.iter_rows(values_only=True) for cell in row if cell}
    assert {"Næringsavdelinga", "Oppvekst skule", "NOK", "Årleg", "Planlagt"} <= values
    meta = workbook["portal"]
    assert meta.sheet_state == "hidden"
    assert meta["B2"].value == time_plan["strategy"].slug
    assert meta["B3"].value  # the plan's version, for an upload to compare
    instructions = workbook.worksheets[2]
    assert instructions.protection.sheet


def test_money_is_a_number_and_dates_are_dates(client, users, time_plan):
    ActionFactory(
        goal_area=time_plan["area"],
        code="2.1",
        cost_amount=Decimal("1500.50"),
        cost_currency="NOK",
        planned_start=datetime.date(2026, 3, 1),
    )
    client.force_login(users["coordinator"])
    plan = _workbook(_download(client, time_plan["strategy"])).worksheets[0]
    row = next(r for r in plan.iter_rows(min_row=2) if r[1].value == "2.1")
    assert row[13].value == 1500.5
    assert "kr" in row[13].number_format
    assert row[11].value == datetime.datetime(2026, 3, 1)
    assert row[11].number_format == "yyyy-mm-dd"


def test_formula_looking_text_goes_through_the_csv_neutraliser(client, users, time_plan):
    title = '=HYPERLINK("http://evil.example","klikk")'
    ActionFactory(goal_area=time_plan["area"], code="9", title=title)
    PartnerFactory(municipality=time_plan["municipality"], key="x", name="@SUM(A1)")
    client.force_login(users["coordinator"])
    workbook = _workbook(_download(client, time_plan["strategy"]))
    row = next(r for r in workbook.worksheets[0].iter_rows(min_row=2) if r[1].value == "9")
    assert row[2].value == safe_cell(title)
    assert row[2].data_type == "s"  # text, never a formula
    formulas = [
        cell
        for sheet in workbook.worksheets
        for r in sheet.iter_rows()
        for cell in r
        if cell.data_type == "f"
    ]
    assert formulas == []


@pytest.mark.parametrize("who", ["anonymous", "neighbour"])
def test_outsiders_get_a_404(client, users, time_plan, neighbour, who):
    if who == "neighbour":
        client.force_login(member(Role.COORDINATOR, neighbour["municipality"], username="n"))
    response = _download(client, time_plan["strategy"])
    assert response.status_code in {302, 404}
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_download_costs_the_same_queries_with_more_actions(client, users, time_plan):
    client.force_login(users["coordinator"])
    with CaptureQueriesContext(connection) as few:
        _download(client, time_plan["strategy"])
    for i in range(15):
        action = ActionFactory(goal_area=time_plan["area"], code=f"5.{i}")
        action.partners.add(time_plan["partner"])
    with CaptureQueriesContext(connection) as many:
        _download(client, time_plan["strategy"])
    assert len(many) == len(few)


def test_members_workbook_has_a_sheet_per_follow_up_year_and_indicators(client, users, time_plan):
    strategy = time_plan["strategy"]
    year = strategy.period_start
    follow_up = FollowUpFactory(
        action=time_plan["day"],
        year=year,
        progress=40,
        hours=Decimal("12.5"),
        money_spent=Decimal("3000"),
        state=FollowUp.State.SUBMITTED,
    )
    ExternalFundingFactory(follow_up=follow_up, amount=5000, currency="NOK")
    client.force_login(users["politician"])
    workbook = _workbook(_download(client, strategy))
    sheet = workbook[f"Oppfølging {year}"]
    header, row = list(sheet.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["Tiltak (kode)"] == "1.1"
    assert values["Framdrift"] == 40
    assert values["Timar"] == 12.5
    assert values["Pengar brukt"] == 3000
    assert [v for h, v in values.items() if h.startswith("Ekstern finansiering")] == [5000]
    assert sheet["F2"].number_format.endswith('"kr"')
    assert "Indikatorar" in workbook.sheetnames


def test_public_workbook_has_approved_real_follow_ups_and_no_archived_action(client, time_plan):
    strategy = time_plan["strategy"]
    municipality = time_plan["municipality"]
    municipality.is_published = True
    municipality.save()
    year = strategy.period_start
    FollowUpFactory(action=time_plan["day"], year=year, state=FollowUp.State.APPROVED)
    FollowUpFactory(action=time_plan["day"], year=year + 1, state=FollowUp.State.SUBMITTED)
    FollowUpFactory(
        action=time_plan["school_action"], year=year, state=FollowUp.State.APPROVED, is_demo=True
    )
    ActionFactory(goal_area=time_plan["area"], code="8", title="Arkivert", is_archived=True)
    response = client.get(reverse("spreadsheets:public", args=[strategy.slug]))
    assert response.status_code == 200
    workbook = _workbook(response)
    _header, rows = _plan_rows(workbook)
    assert {row[_header[1]] for row in rows} == {"1.1", "1.2"}
    assert f"Oppfølging {year + 1}" not in workbook.sheetnames
    codes = [r[0] for r in workbook[f"Oppfølging {year}"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["1.1"]
    assert "portal" not in workbook.sheetnames
    page = client.get(reverse("dashboards:public", args=[municipality.slug]))
    assert reverse("spreadsheets:public", args=[strategy.slug]) in page.content.decode()


def test_public_workbook_of_an_unpublished_municipality_or_a_draft_is_404(client, users, time_plan):
    strategy = time_plan["strategy"]
    client.force_login(users["coordinator"])  # even a member gets only what the public gets
    assert client.get(reverse("spreadsheets:public", args=[strategy.slug])).status_code == 404
    time_plan["municipality"].is_published = True
    time_plan["municipality"].save()
    strategy.status = Strategy.Status.DRAFT
    strategy.save()
    assert client.get(reverse("spreadsheets:public", args=[strategy.slug])).status_code == 404
