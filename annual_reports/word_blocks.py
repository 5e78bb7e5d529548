"""Building blocks of the annual report's Word version (`annual_reports.word`): the document's
language, the page footer, tables with a repeated header row, plain text as paragraphs
and lists (`goals.plain_text`), charts as pictures with alternative text. Every text goes
into Word runs as text: nothing is interpreted as markup."""

import io

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from goals.plain_text import blocks

# Word's language tags for the municipality's language (spell-checking, screen readers).
WORD_LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "sv": "sv-SE", "en": "en-GB"}
CHART_WIDTH_CM = 16


def set_language(document, language):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = WORD_LANGUAGES.get(language, language)
    document.core_properties.language = tag
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)


def field(paragraph, instruction):
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def page_footer(document, running_title):
    """'Page X of Y' in the report's language, beside the running title."""
    section = document.sections[0]
    section.different_first_page_header_footer = True  # no number on the cover
    footer = section.footer.paragraphs[0]
    footer.text = ""
    text = _("Page %(page)s of %(pages)s") % {"page": "\x00PAGE\x00", "pages": "\x00NUMPAGES\x00"}
    for index, chunk in enumerate(text.split("\x00")):
        if index % 2:
            field(footer, chunk)
        elif chunk:
            footer.add_run(chunk)
    section.header.paragraphs[0].text = running_title


def header_row(table):
    """Mark the first row as the table's header, repeated on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def table(document, headers, rows, caption=None):
    if caption:
        document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(heading)
    header_row(table)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    document.add_paragraph()
    return table


def plain_text(container, text, style=None):
    """Paragraphs, kept line breaks and simple lists of a plain text (goals.plain_text)."""
    for block in blocks(text):
        if block.kind == "p":
            lines(container.add_paragraph(style=style), block.lines)
            continue
        list_style = "List Bullet" if block.kind == "ul" else "List Number"
        for number, item in enumerate(block.items, start=block.start):
            paragraph = container.add_paragraph(style=list_style)
            if block.kind == "ol" and block.start != 1:
                paragraph.style = "List Paragraph"
                item = [f"{number}. {item[0]}", *item[1:]]
            lines(paragraph, item)


def lines(paragraph, lines):
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()


def chart(document, chart, category):
    """The chart as a picture with its description as alternative text, then its table."""
    import cairosvg

    png = cairosvg.svg2png(bytestring=str(chart.svg).encode("utf-8"), output_width=1280)
    from docx.shared import Cm

    document.add_paragraph(
        f"{chart.title} ({chart.unit_label})" if chart.unit_label else chart.title,
        style="Caption",
    )
    shape = document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    properties = shape._inline.docPr
    properties.set("title", str(chart.title))
    properties.set("descr", str(chart.description or chart.title))
    headers = [category or ""] + [str(h) for h in chart.headers[1:]]
    rows = [[row[0]] + [figure(cell) for cell in row[1:]] for row in chart.table]
    table(document, headers, rows)


def picture(document, png, description, width_cm):
    """A PNG with its description as alternative text."""
    from docx.shared import Cm

    shape = document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    shape._inline.docPr.set("title", str(description))
    shape._inline.docPr.set("descr", str(description))
    return shape


def figure(value):
    if value is None:
        return "–"
    return floatformat(value, "-1g")
