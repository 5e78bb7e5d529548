"""A council amendment dated as the document dates it (issue 18): "June 2019" is a month
and "2021" a year, not 1 June or 1 January. Stored with its precision, shown as written on
the strategy page and in the annual report (PDF and Word), exported as written."""

import io
from pathlib import Path

import pytest
from django.utils import translation

from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.word import report_docx
from goals.models import Amendment
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file, parse_file

pytestmark = pytest.mark.django_db

FILE = Path(__file__).parent / "written" / "as_written.yaml"


@pytest.fixture
def strategy():
    return import_file(FILE)


def test_month_and_year_dates_are_stored_with_their_precision(strategy):
    rows = list(Amendment.objects.filter(strategy=strategy).order_by("order"))
    assert [(a.decided_on.isoformat(), a.decided_on_precision) for a in rows] == [
        ("2019-06-01", "month"),
        ("2021-01-01", "year"),
    ]


def test_they_export_as_written(strategy):
    exported = export_strategy(strategy)["strategy"]["amendments"]
    assert [a["decided_on"] for a in exported] == ["2019-06", 2021]
    text = dump_yaml(export_strategy(strategy))
    assert "decided_on: 2019-06\n" in text and "decided_on: 2021\n" in text


def test_they_show_as_written_on_the_strategy_page(strategy, client):
    body = client.get(strategy.get_absolute_url()).content.decode()
    amendments = body[body.index('id="amend-h"') :]
    assert "june 2019" in amendments.lower() or "juni 2019" in amendments.lower()
    assert "01.06.2019" not in amendments and "2019-06-01" not in amendments
    assert "01.01.2021" not in amendments and "(2021)" in amendments


def test_they_show_as_written_in_the_report_and_its_word_version(strategy):
    import docx

    with translation.override("sv"):
        context = report_context(report_strategy(strategy.pk), 2024)
        html = render_report_html(context)
        word = report_docx(context)
    brief = html[html.index('id="brief"') :]
    assert "juni 2019" in brief and "1. juni 2019" not in brief
    assert "1. januari 2021" not in brief
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word)).paragraphs]
    assert "Kommunfullmäktige juni 2019" in paragraphs
    assert "2021" in paragraphs


def test_a_date_in_no_form_is_refused_naming_the_forms():
    data = parse_file(FILE)
    data["strategy"]["amendments"][0]["decided_on"] = "juni 2019"
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "bad.yaml")
    assert any("YYYY-MM for a month" in e for e in error.value.errors)
