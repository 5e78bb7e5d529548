"""A coordinator uploads the filled-in plan workbook (or a CSV): a preview names every
change and every problem by row and column; nothing is written until they apply it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action
from tests.factories import ActionFactory, FollowUpFactory

from .helpers import INTERNATIONAL_DAY


def _template(client, strategy):
    response = client.get(reverse("spreadsheets:download", args=[strategy.slug]))
    return load_workbook(io.BytesIO(response.content))


def _bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, strategy, content, name="plan.xlsx"):
    return client.post(
        reverse("spreadsheets:upload", args=[strategy.slug]),
        {"file": SimpleUploadedFile(name, content)},
    )


def _row(sheet, code):
    return next(r for r in sheet.iter_rows(min_row=2) if r[1].value == code)


def _apply(client, strategy, preview_response):
    payload = preview_response.context["payload"]
    return client.post(reverse("spreadsheets:apply", args=[strategy.slug]), {"payload": payload})


@pytest.fixture
def coordinator(client, users):
    client.force_login(users["coordinator"])
    return client


def test_unchanged_template_previews_no_changes(coordinator, time_plan):
    strategy = time_plan["strategy"]
    response = _upload(coordinator, strategy, _bytes(_template(coordinator, strategy)))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.errors == []
    assert preview.changes == []
    assert "No changes" in response.content.decode()
    assert "payload" not in response.context


def test_edited_cells_preview_exactly_those_changes_then_apply(coordinator, users, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    sheet = workbook.worksheets[0]
    _row(sheet, "1.2")[2].value = "Elevutveksling med Alnwick"
    _row(sheet, "1.2")[13].value = 25000
    _row(sheet, "1.2")[14].value = "NOK"
    sheet.append(["1", "1.3", "Vennskapsbyveke", "", "", "", "Oppvekst skule"])
    response = _upload(coordinator, strategy, _bytes(workbook))
    preview = response.context["preview"]
    assert preview.errors == []
    by_code = {c.code: c for c in preview.changes}
    assert set(by_code) == {"1.2", "1.3"}
    assert by_code["1.3"].kind == "added"
    fields = {heading: (old, new) for heading, old, new in by_code["1.2"].fields}
    assert fields == {
        "Tittel": ("Elevutveksling med Älmhult", "Elevutveksling med Alnwick"),
        "Anslått kostnad": ("", "25000"),
        "Valuta": ("", "NOK"),
    }
    # The preview wrote nothing.
    assert not Action.objects.filter(code="1.3").exists()
    response = _apply(coordinator, strategy, response)
    assert response.status_code == 302
    school = Action.objects.get(strategy=strategy, code="1.2")
    assert school.title == "Elevutveksling med Alnwick"
    assert school.cost_amount == 25000
    added = Action.objects.get(strategy=strategy, code="1.3")
    assert added.responsible == time_plan["schools"]
    assert school.history.first().history_user == users["coordinator"]
    # Untouched: the international day keeps its partner, twin town and milestone.
    day = time_plan["day"]
    day.refresh_from_db()
    assert day.title == INTERNATIONAL_DAY
    assert list(day.partners.all()) == [time_plan["partner"]]
    assert day.milestones.count() == 1


def test_removed_row_archives_a_followed_up_action(coordinator, time_plan):
    strategy = time_plan["strategy"]
    FollowUpFactory(action=time_plan["school_action"], year=strategy.period_start)
    workbook = _template(coordinator, strategy)
    sheet = workbook.worksheets[0]
    sheet.delete_rows(_row(sheet, "1.2")[0].row)
    response = _upload(coordinator, strategy, _bytes(workbook))
    (change,) = response.context["preview"].changes
    assert (change.code, change.kind) == ("1.2", "removed")
    _apply(coordinator, strategy, response)
    time_plan["school_action"].refresh_from_db()
    assert time_plan["school_action"].is_archived


def test_every_problem_names_its_row_and_column_and_nothing_is_written(coordinator, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    sheet = workbook.worksheets[0]
    row = _row(sheet, "1.2")
    row[6].value = "Kultur"
    row[11].value = "neste veke"
    row[16].value = "Kanskje"
    row[0].value = "9"
    response = _upload(coordinator, strategy, _bytes(workbook))
    errors = response.context["preview"].errors
    number = row[0].row
    assert any(
        e.startswith(f"Row {number}, column Ansvarleg: no responsible party 'Kultur'")
        and "Næringsavdelinga" in e
        for e in errors
    )
    assert any(e.startswith(f"Row {number}, column Planlagd start:") for e in errors)
    assert any(e.startswith(f"Row {number}, column Status:") for e in errors)
    assert any(e.startswith(f"Row {number}, column Satsingsområde (kode):") for e in errors)
    assert "payload" not in response.context


def test_importer_errors_are_traced_back_to_the_row(coordinator, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    sheet = workbook.worksheets[0]
    sheet.append(["1", "1.1", "Same code twice"])  # duplicate of the international day
    response = _upload(coordinator, strategy, _bytes(workbook))
    errors = response.context["preview"].errors
    assert errors and all(e.startswith("Row ") for e in errors), errors


def test_formula_cells_are_refused_never_evaluated(coordinator, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    _row(workbook.worksheets[0], "1.2")[13].value = "=1000*2"
    response = _upload(coordinator, strategy, _bytes(workbook))
    (error,) = response.context["preview"].errors
    assert "column Anslått kostnad: a formula" in error


def test_dates_typed_as_text_are_read(coordinator, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    _row(workbook.worksheets[0], "1.2")[11].value = "2026-03-01"
    response = _upload(coordinator, strategy, _bytes(workbook))
    (change,) = response.context["preview"].changes
    assert change.fields == [("Planlagd start", "", "2026-03-01")]
    _apply(coordinator, strategy, response)
    time_plan["school_action"].refresh_from_db()
    assert time_plan["school_action"].planned_start == datetime.date(2026, 3, 1)


def test_workbook_of_an_older_plan_is_refused(coordinator, time_plan):
    strategy = time_plan["strategy"]
    content = _bytes(_template(coordinator, strategy))
    ActionFactory(goal_area=time_plan["area"], code="7", title="Added meanwhile")
    response = _upload(coordinator, strategy, content)
    (error,) = response.context["preview"].errors
    assert "changed since this workbook was downloaded" in error


def test_apply_is_refused_if_the_plan_changed_since_the_preview(coordinator, time_plan):
    strategy = time_plan["strategy"]
    workbook = _template(coordinator, strategy)
    _row(workbook.worksheets[0], "1.2")[2].value = "Ny tittel"
    response = _upload(coordinator, strategy, _bytes(workbook))
    Action.objects.filter(code="1.1").update(title="Changed by a colleague")
    refused = _apply(coordinator, strategy, response)
    assert refused.status_code == 200
    assert "changed since the preview" in refused.content.decode()
    assert Action.objects.get(code="1.2").title != "Ny tittel"


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_with_semicolons_or_commas_with_or_without_bom(coordinator, time_plan, delimiter, bom):
    strategy = time_plan["strategy"]
    sheet = _template(coordinator, strategy).worksheets[0]
    lines = []
    for row in sheet.iter_rows(values_only=True):
        cells = ["" if v is None else str(v) for v in row]
        if cells[1] == "1.2":
            cells[2] = "Elevutveksling; CSV"
        lines.append(delimiter.join(f'"{c}"' for c in cells))
    content = bom + "\r\n".join(lines).encode("utf-8")
    response = _upload(coordinator, strategy, content, name="plan.csv")
    preview = response.context["preview"]
    assert preview.errors == []
    (change,) = preview.changes
    assert change.fields == [("Tittel", "Elevutveksling med Älmhult", "Elevutveksling; CSV")]


def test_windows_1252_csv_is_refused_with_how_to_save_utf8(coordinator, time_plan):
    content = "Kode;Tittel\n1;Vennskapsbyveke i Älmhult\n".encode("cp1252")
    response = _upload(coordinator, time_plan["strategy"], content, name="plan.csv")
    (error,) = response.context["preview"].errors
    assert "Windows-1252" in error and "UTF-8" in error
