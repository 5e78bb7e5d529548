"""CSV export of the plan's filtered list, safe to open in a spreadsheet."""

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from actions.export import safe_cell
from tests.factories import ActionFactory


def _rows(response, delimiter=","):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _export_in(client, language, strategy):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("actions:plan", args=[strategy.slug]), {"format": "csv"})


def test_csv_has_the_filtered_actions_with_their_details(client, users, time_plan):
    client.force_login(users["politician"])
    url = reverse("actions:plan", args=[time_plan["strategy"].slug])
    response = client.get(url, {"format": "csv", "responsible": time_plan["business"].pk})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _rows(response)
    assert header[:3] == ["Code", "Satsingsområde", "Title"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Title"] == time_plan["day"].title
    assert row["Responsible"] == "Næringsavdelinga"
    assert row["Partners"] == "KS"
    assert row["Twin towns"] == "Älmhult"


def test_formula_cells_are_neutralised(client, users, time_plan):
    ActionFactory(goal_area=time_plan["area"], code="9", title='=HYPERLINK("http://x")')
    ActionFactory(goal_area=time_plan["area"], code="10", title="@SUM(A1)")
    ActionFactory(goal_area=time_plan["area"], code="11", title="+47 mobil")
    ActionFactory(goal_area=time_plan["area"], code="12", title="-1 budsjett")
    client.force_login(users["coordinator"])
    response = client.get(
        reverse("actions:plan", args=[time_plan["strategy"].slug]), {"format": "csv"}
    )
    titles = {row[2] for row in _rows(response)[1:]}
    assert {'\'=HYPERLINK("http://x")', "'@SUM(A1)", "'+47 mobil", "'-1 budsjett"} <= titles


def test_safe_cell_leaves_ordinary_text_alone():
    assert safe_cell("Open dag") == "Open dag"
    assert safe_cell(None) == ""
    assert safe_cell("=1+1") == "'=1+1"


def test_norwegian_and_swedish_csv_use_semicolons_and_the_decimal_comma(client, users, time_plan):
    ActionFactory(
        goal_area=time_plan["area"],
        code="9",
        title="=1+1",
        cost_amount=Decimal("1500.50"),
        cost_currency="NOK",
    )
    client.force_login(users["coordinator"])
    for language in ("nb", "nn", "sv"):
        response = _export_in(client, language, time_plan["strategy"])
        assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
        header, *rows = _rows(response, delimiter=";")
        assert len(header) == 14, language  # one column per field, not one for the line
        [row] = [row for row in rows if row[0] == "9"]
        assert row[2] == "'=1+1"
        assert "1500,50" in row


def test_english_csv_keeps_comma_separators_and_the_decimal_point(client, users, time_plan):
    ActionFactory(
        goal_area=time_plan["area"],
        code="9",
        title="=1+1",
        cost_amount=Decimal("1500.50"),
        cost_currency="NOK",
    )
    client.force_login(users["coordinator"])
    response = _export_in(client, "en", time_plan["strategy"])
    assert response.content.startswith("\ufeff".encode())
    header, *rows = _rows(response)
    assert len(header) == 14
    [row] = [row for row in rows if row[0] == "9"]
    assert row[2] == "'=1+1"
    assert "1500.50" in row


def test_a_formula_in_the_municipalitys_goal_area_label_is_neutralised_in_the_heading(
    client, users, time_plan
):
    municipality = time_plan["strategy"].municipality
    municipality.label_goal_area = '=HYPERLINK("http://x","Satsing")'
    municipality.save()
    client.force_login(users["coordinator"])
    response = client.get(
        reverse("actions:plan", args=[time_plan["strategy"].slug]), {"format": "csv"}
    )
    header = _rows(response)[0]
    assert header[1] == '\'=HYPERLINK("http://x","Satsing")'


def test_a_negative_number_stays_a_number():
    assert safe_cell("-1500") == "-1500"
    assert safe_cell("-12,5") == "-12,5"
    assert safe_cell("-1+2") == "'-1+2"
