"""The plan workbook of real seed plans goes out and back in unchanged, and one edited
cell is exactly one change (Time: actions under goal areas; Tranås: plan-wide actions)."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from actions.models import Action
from strategy_files import spreadsheet_import
from strategy_files.importer import import_file
from strategy_files.spreadsheet import plan_workbook
from tests.importer.conftest import row_counts

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _upload(content):
    return SimpleUploadedFile("plan.xlsx", content)


def _bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("seed", ["time", "tranas"])
def test_unchanged_workbook_previews_no_changes_and_applying_writes_nothing(seed):
    strategy = import_file(FIXTURES / f"{seed}.yaml")
    preview = spreadsheet_import.preview(strategy, _upload(plan_workbook(strategy)))
    assert preview.errors == []
    assert preview.changes == []
    assert len(preview.actions) == Action.objects.filter(strategy=strategy).count() > 0
    before = row_counts()
    spreadsheet_import.apply(strategy, preview.actions, preview.version, user=None)
    assert row_counts() == before


@pytest.mark.parametrize("seed", ["time", "tranas"])
def test_one_edited_title_is_exactly_one_change(seed):
    strategy = import_file(FIXTURES / f"{seed}.yaml")
    workbook = load_workbook(io.BytesIO(plan_workbook(strategy)))
    row = next(workbook.worksheets[0].iter_rows(min_row=2))
    code = row[1].value
    row[2].value = "Ny tittel frå rekneark"
    preview = spreadsheet_import.preview(strategy, _upload(_bytes(workbook)))
    assert preview.errors == []
    (change,) = preview.changes
    assert (change.code, change.kind, change.row) == (code, "changed", 2)
    assert [new for _heading, _old, new in change.fields] == ["Ny tittel frå rekneark"]
    spreadsheet_import.apply(strategy, preview.actions, preview.version, user=None)
    assert Action.objects.get(strategy=strategy, code=code).title == "Ny tittel frå rekneark"
