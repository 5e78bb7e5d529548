"""`manage.py generate_report` writes the PDF synchronously, for scripts and tests."""

import pytest
from django.core.management import CommandError, call_command

from annual_reports.models import AnnualReport

from .conftest import YEAR, pdf_text

pytestmark = pytest.mark.django_db


def test_command_writes_the_pdf_and_records_a_version(strategy, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("generate_report", strategy.slug, str(YEAR), "-o", str(out))
    text, pages = pdf_text(out.read_bytes())
    assert "Tiltak 0-0" in text
    report = AnnualReport.objects.get()
    assert (report.status, report.version, report.page_count) == ("done", 1, pages)


def test_command_takes_a_municipality_slug_and_can_skip_recording(strategy, tmp_path):
    out = tmp_path / "report.pdf"
    call_command(
        "generate_report", strategy.municipality.slug, str(YEAR), "-o", str(out), "--no-record"
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert not AnnualReport.objects.exists()


def test_command_refuses_a_year_outside_the_strategy(strategy, tmp_path):
    with pytest.raises(CommandError, match="outside the strategy period"):
        call_command("generate_report", strategy.slug, "1990", "-o", str(tmp_path / "x.pdf"))
