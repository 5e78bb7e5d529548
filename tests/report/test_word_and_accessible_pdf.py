"""The report's editable Word version and its accessible (tagged PDF/UA) PDF, both made by
the same job from the same content: one strategy rendered once for the whole module."""

import io
import re

import pikepdf
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from annual_reports import services
from annual_reports.models import AnnualReport, ReportText
from annual_reports.selectors import report_context, report_strategy
from annual_reports.views import WORD_TYPE

from .conftest import YEAR, build_strategy, normalise, users_for

FOREWORD = (
    "Eit år med mykje samarbeid.\n\nDette gjekk bra:\n- Studietur til Alnwick\n- Nytt nettverk"
)
HOSTILE = '<script>alert("x")</script> <b>feit</b> & meir'
ASSESSMENT = f"Vi nådde målet.\n{HOSTILE}"


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """A nynorsk strategy with a foreword and an assessment, rendered once (PDF and Word)
    by the job's own builder while the worker's language is bokmål; rolled back after."""
    import docx

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            strategy = report_strategy(build_strategy(language="nn").pk)
            area = strategy.goal_areas.order_by("order", "code").first()
            ReportText.objects.create(strategy=strategy, year=YEAR, text=f"{FOREWORD}\n\n{HOSTILE}")
            ReportText.objects.create(strategy=strategy, year=YEAR, goal_area=area, text=ASSESSMENT)
            with translation.override("nb"):
                pdf, word = services.build_files(strategy, YEAR)
            with translation.override("nn"):
                contents = [title for _anchor, title in report_context(strategy, YEAR)["contents"]]
            yield {
                "strategy": strategy,
                "pdf": pdf,
                "word": word,
                "document": docx.Document(io.BytesIO(word)),
                "contents": contents,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def word_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_word_headings_are_the_pdfs_table_of_contents(rendered):
    document = rendered["document"]
    assert headings(document, 1) == rendered["contents"]
    assert rendered["contents"][0] == "Forord"  # in the municipality's language (nynorsk)
    toc_page = normalise(PdfReader(io.BytesIO(rendered["pdf"])).pages[1].extract_text())
    for title in rendered["contents"]:
        assert title in toc_page, title
    assert "Vurdering" in headings(document, 2)  # the goal area's assessment


def test_word_holds_the_coordinators_words_with_lists_and_markup_as_text(rendered):
    document = rendered["document"]
    text = word_text(document)
    assert "Eit år med mykje samarbeid." in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Studietur til Alnwick" in bullets and "Nytt nettverk" in bullets
    assert text.count(HOSTILE) == 2  # foreword and assessment: as typed, never markup
    assert b"<script>" not in rendered["word"]  # the zip holds it as &lt;script&gt;
    body = document.element.xml
    assert "&lt;script&gt;alert" in body and "<b>" not in body


def test_word_document_has_language_title_page_numbers_header_rows_and_chart_alt_text(rendered):
    document = rendered["document"]
    assert document.core_properties.language == "nn-NO"
    assert 'w:val="nn-NO"' in document.styles.element.xml
    assert (
        document.core_properties.title
        == f"Årsrapport {YEAR} – {rendered['strategy'].municipality.name}"
    )
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert all("<w:tblHeader" in table.rows[0]._tr.xml for table in document.tables)
    pictures = document.inline_shapes
    assert len(pictures) >= 2
    alt_texts = [shape._inline.docPr.get("descr") for shape in pictures]
    assert all(alt_texts) and any("oppfølgingsstatus" in alt for alt in alt_texts)


def test_pdf_is_tagged_with_language_title_headings_tables_and_chart_alt_text(rendered):
    pdf = pikepdf.open(io.BytesIO(rendered["pdf"]))
    root = pdf.Root
    assert str(root.Lang) == "nn"
    assert bool(root.MarkInfo.Marked)
    title = f"Årsrapport {YEAR} – {rendered['strategy'].municipality.name}"
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata() as metadata:
        assert metadata.get("dc:title") == title
    kinds, alt_texts = {}, []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            kind = str(node.get("/S", ""))
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "/Figure":
                alt_texts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    walk(root.StructTreeRoot)
    for kind in ("/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/Figure"):
        assert kinds.get(kind), f"no {kind} in the structure tree"
    assert alt_texts and all(alt_texts)
    assert any("oppfølgingsstatus" in alt for alt in alt_texts)


@pytest.mark.django_db
def test_word_download_has_the_pdfs_permission(client):
    strategy = build_strategy()
    report = AnnualReport.objects.create(
        strategy=strategy,
        year=YEAR,
        version=1,
        status="done",
        file=services.file_name(AnnualReport(strategy=strategy, year=YEAR, version=1)),
    )
    storage = AnnualReport._meta.get_field("file").storage
    storage.save(report.file.name, io.BytesIO(b"%PDF-1.7"))
    url = reverse("annual_reports:annual_download_word", args=[report.pk])
    users = users_for(strategy)
    client.force_login(users["coordinator"])
    listing = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    assert "Download Word" not in listing  # made before the Word version: the PDF only
    assert client.get(url).status_code == 302  # missing file: back to the page, with why
    storage.save(services.word_file_name(report), io.BytesIO(b"PK-word"))
    listing = client.get(reverse("annual_reports:annual", args=[strategy.slug])).content.decode()
    assert re.search(r"Download Word \(2025, version 1\)", listing)
    for role, status in (
        ("coordinator", 200),
        ("politician", 200),
        ("editor", 403),
        ("outsider", 404),
    ):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == status, role
        if status == 200:
            assert response["Content-Type"] == WORD_TYPE
            assert b"".join(response.streaming_content) == b"PK-word"
            assert response["Content-Disposition"].endswith('.docx"')
