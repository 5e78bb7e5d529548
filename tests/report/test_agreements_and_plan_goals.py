"""One agreement linking several twin towns and the goals for the whole plan, wherever the
plan is read (issue 18): the partners registry and the registry across municipalities,
the dashboard's twin-town section, the annual report (PDF and Word, where the plan goals
are a chapter of the table of contents)."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.word import report_docx
from strategy_files.importer import import_file

pytestmark = pytest.mark.django_db

FILE = Path(__file__).parent.parent / "importer" / "written" / "as_written.yaml"
AGREEMENT = "Vänortsavtal för Nordkalotten"
AGREEMENT_TEXT = "Ett gemensamt avtal mellan vänorterna på Nordkalotten."
YEAR = 2024


@pytest.fixture
def strategy():
    return import_file(FILE)


def section(body, element_id):
    """The element with `element_id` up to its closing tag of the same name."""
    start = body.index(f'id="{element_id}"')
    tag = body[:start].rsplit("<", 1)[1].split()[0]
    return body[start : body.index(f"</{tag}>", start)]


def links(html):
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', html)


def test_the_registry_lists_the_agreement_once_with_each_town_it_links(strategy, client):
    body = client.get(reverse("partners:registry", args=["norrby"])).content.decode()
    agreements = section(body, "agreement-list")
    assert agreements.count(AGREEMENT) == 1
    assert sorted(links(agreements)) == ["Bodø", "Oulu"]
    assert "juni 1990" in agreements.lower() or "june 1990" in agreements.lower()
    assert AGREEMENT_TEXT in agreements


def test_the_registry_filtered_to_partners_shows_no_agreements(strategy, client):
    url = reverse("partners:registry", args=["norrby"])
    body = client.get(url, {"partner_active": "true"}).content.decode()
    assert AGREEMENT not in body


def test_the_registry_across_municipalities_names_the_agreement_on_each_town(strategy, client):
    body = client.get(reverse("partners:directory")).content.decode()
    rows = {
        name: row
        for row in section(body, "directory").split("<tr>")[2:]
        for name in ("Oulu", "Bodø", "Murmansk")
        if f">{name}</a>" in row
    }
    assert AGREEMENT in rows["Oulu"] and AGREEMENT in rows["Bodø"]
    assert AGREEMENT not in rows["Murmansk"]


def test_the_dashboards_twin_town_section_lists_the_agreement_with_its_towns(strategy, client):
    body = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    agreements = section(body, "agreement-list")
    assert agreements.count(AGREEMENT) == 1
    assert sorted(links(agreements)) == ["Bodø", "Oulu"]
    assert body.index('id="relations-heading"') < body.index('id="agreement-list"')


def render(strategy):
    with translation.override("sv"):
        context = report_context(report_strategy(strategy.pk), YEAR)
        return context, render_report_html(context), report_docx(context)


def word_paragraphs(word):
    import docx

    return docx.Document(io.BytesIO(word)).paragraphs


def test_the_report_shows_the_agreement_on_each_town_and_its_text_once(strategy):
    _context, html, word = render(strategy)
    brief = html[html.index('id="brief"') :]
    assert brief.count(f"Avtal: {AGREEMENT}") == 2  # under Oulu and under Bodø
    assert brief.count(AGREEMENT_TEXT) == 1
    murmansk = brief[brief.index("Murmansk") : brief.index("Bodø")]
    assert AGREEMENT not in murmansk
    text = "\n".join(p.text for p in word_paragraphs(word))
    assert text.count(f"Avtal: {AGREEMENT}") == 2
    assert text.count(AGREEMENT_TEXT) == 1
    assert re.search(r"Vänorter i detta avtal: (Oulu, Bodø|Bodø, Oulu)", text)


def test_the_plan_goals_are_a_chapter_of_the_pdf_contents_and_the_word_version(strategy):
    context, html, word = render(strategy)
    assert ("plan-goals", "Mål för hela planen") in context["contents"]
    toc = html[html.index('id="contents-title"') : html.index("</nav>")]
    assert '<a href="#plan-goals">Mål för hela planen</a>' in toc
    assert 'id="plan-goals"' in html  # the link's target
    paragraphs = word_paragraphs(word)
    chapters = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert chapters == [title for _anchor, title in context["contents"]]
    texts = [p.text for p in paragraphs]
    start = texts.index("Mål för hela planen")
    assert texts[start + 1 : start + 5] == [
        "1. Norrby är en öppen kommun i världen.",
        "a. Fler unga deltar i utbyten.",
        "b. b Kommunen söker EU-medel.",
        "2. M2 Internationellt samarbete stärker näringslivet.",
    ]
