"""The annual report's content: what the council reads, approved follow-ups only, print quality."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from annual_reports import services
from annual_reports.pdf import html_to_pdf, render_report_html
from annual_reports.selectors import report_context, report_strategy

from .conftest import YEAR, build_strategy, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf(strategy):
    return services.build_pdf(report_strategy(strategy.pk), YEAR)


def test_report_shows_what_was_done_with_hours_money_funding_and_contribution(pdf):
    text, _pages = pdf_text(pdf)
    assert "Gjort i tiltak 0-0" in text
    assert "Bidrag 0-0" in text
    assert "12.5" in text or "12,5" in text
    assert "Interreg" in text
    assert "Lokaler" in text
    assert "Milepæl 0-0" in text
    assert "Indikator 0" in text


def test_draft_follow_ups_stay_out_and_their_actions_are_listed_as_missing(strategy):
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = render_report_html(context)
    assert "Gjort i tiltak 0-1" not in html  # a draft: not for the council
    missing = {a.title for a in context["without_follow_up"]}
    assert missing == {"Tiltak 0-1", "Tiltak 1-1"}
    section = html.split('id="without-follow-up"')[1].split("</section>")[0]
    assert "Tiltak 0-1" in section and "Tiltak 1-1" in section


def test_cover_names_municipality_strategy_year_adopting_body_and_decision(strategy, pdf):
    text, _pages = pdf_text(pdf)
    first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert strategy.municipality.name in first_page
    assert strategy.title in first_page
    assert str(YEAR) in first_page
    assert "Kommunestyret" in first_page and "PS 12/24" in first_page


def test_partners_and_twin_towns_list_the_actions_reported_with_them(pdf):
    text, _pages = pdf_text(pdf)
    relations = text.split("Partners and twin towns")[-1]
    assert "Alnwick" in relations and "Europakontoret" in relations
    assert "Tiltak 0-0" in relations
    assert "Tiltak 0-1" not in relations.split("Appendix")[0]


def test_every_page_after_the_cover_is_numbered_page_x_of_y(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert total >= 4
    for number, page in enumerate(reader.pages[1:], start=2):
        assert f"Page {number} of {total}" in page.extract_text()
    assert "Page 1 of" not in reader.pages[0].extract_text()


def test_contents_give_the_page_of_each_goal_area(strategy, pdf):
    reader = PdfReader(io.BytesIO(pdf))
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    match = re.search(r"Område 1\W*\.+\s*(\d+)", contents)
    assert match, contents
    page = int(match.group(1))
    assert "Område 1" in reader.pages[page - 1].extract_text()


def test_running_header_names_municipality_and_year(strategy, pdf):
    reader = PdfReader(io.BytesIO(pdf))
    assert f"{strategy.municipality.name} · Annual report {YEAR}" in reader.pages[2].extract_text()


def test_the_vendored_font_is_embedded_and_charts_stay_vector(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    images = 0
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font_program = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            else:
                font_program = font["/FontDescriptor"]
            font_program = font_program.get_object()
            assert "/FontFile2" in font_program or "/FontFile3" in font_program
            fonts.add(str(font["/BaseFont"]))
        images += len(page.images)
    assert fonts and all("DejaVu" in name for name in fonts), fonts
    assert images == 0  # charts are SVG drawn as vectors, not bitmaps
    # ... and their text is real text: a legend entry is in the chart and in its table.
    text, _pages = pdf_text(pdf)
    assert text.count("Hours estimated") >= 2
    assert "Not started" in text  # a status only the chart's legend and table name


def test_print_stylesheet_uses_no_flex_or_grid_layout():
    from annual_reports.pdf import _stylesheet_path

    css = re.sub(r"/\*.*?\*/", "", _stylesheet_path().read_text(), flags=re.S)
    assert not re.search(r"display:\s*(inline-)?(flex|grid)", css)
    assert "table-header-group" in css and "break-inside: avoid" in css


def test_report_is_written_in_the_municipalitys_language(db):
    strategy = build_strategy(language="sv")
    text, _pages = pdf_text(services.build_pdf(report_strategy(strategy.pk), YEAR))
    assert "Innehåll" in text
    assert re.search(r"Sida \d+ av \d+", text)


def test_html_to_pdf_writes_a_tagged_pdf_ua_document(strategy):
    html = render_report_html(report_context(report_strategy(strategy.pk), YEAR))
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged: screen readers follow the structure
    assert str(root.get("/Lang")) == "en"


@pytest.mark.parametrize("size", [1, 4])
def test_report_context_costs_the_same_queries_whatever_the_size(db, size):
    small = report_strategy(build_strategy(actions_per_area=1, areas=1).pk)
    big = report_strategy(build_strategy(actions_per_area=3 * size, areas=1 + size).pk)
    counts = []
    for strategy in (small, big):
        with CaptureQueriesContext(connection) as queries:
            render_report_html(report_context(strategy, YEAR))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_plan_wide_actions_have_a_section_of_their_own(strategy):
    from tests.factories import ActionFactory

    ActionFactory(strategy=strategy, goal_area=None, title="Delta i nettverket for hele planen")
    context = report_context(report_strategy(strategy.pk), YEAR)
    last = context["sections"][-1]
    assert last["goal_area"] is None
    assert [a.title for a in last["actions"]] == ["Delta i nettverket for hele planen"]
    text, _pages = pdf_text(html_to_pdf(render_report_html(context)))
    assert "Tiltak for the whole strategy" in text
