"""Long texts keep their line breaks and simple lists on every page, in the annual report
and in the strategy file export; they are plain text, never HTML (issue 18, point 8)."""

import pytest
import yaml

from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from goals.plain_text import blocks, to_html
from strategy_files.exporter import dump_yaml, export_strategy
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    TwinTownFactory,
)

VISION = "Trygg\nog framtidsretta\nfor alle"
NINE = "\n".join(f"- Punkt {n}" for n in range(1, 10))
INTRODUCTION = f"Dette skal resultere i:\n{NINE}\n\nEit nytt avsnitt."
HOSTILE = "Før <script>alert(1)</script>\n- <b>feit</b> & fin"


def test_lines_paragraphs_and_lists_are_read_as_written():
    read = blocks("Første linje\nandre linje\n\n- a\n- b\n  fortsetter\n\n3. tre\n4) fire")
    assert [(b.kind, b.lines or b.items) for b in read] == [
        ("p", ["Første linje", "andre linje"]),
        ("ul", [["a"], ["b", "fortsetter"]]),
        ("ol", [["tre"], ["fire"]]),
    ]
    assert read[2].start == 3


def test_markup_in_a_text_comes_out_as_text():
    html = to_html(HOSTILE)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;feit&lt;/b&gt; &amp; fin</li>" in html


@pytest.fixture
def plan(db):
    municipality = MunicipalityFactory(slug="linjer", is_published=True)
    strategy = StrategyFactory(
        municipality=municipality, slug="linjer-2024", vision=VISION, introduction=INTRODUCTION
    )
    area = GoalAreaFactory(strategy=strategy, description=HOSTILE)
    ActionFactory(goal_area=area, title="Eitt tiltak")
    TwinTownFactory(municipality=municipality, key="by", description=f"Om byen:\n{NINE}")
    return strategy


def _nine_items(html):
    return all(f"<li>Punkt {n}</li>" in html for n in range(1, 10))


def test_strategy_page_keeps_the_visions_lines_and_the_list(client, plan):
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "<p>Trygg<br>og framtidsretta<br>for alle</p>" in page
    assert _nine_items(page) and "<p>Eit nytt avsnitt.</p>" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_twin_town_page_keeps_the_list(client, plan):
    page = client.get(f"/partners/{plan.municipality.slug}/twin-town/by/").content.decode()
    assert _nine_items(page)


def test_report_keeps_lines_and_lists_and_escapes_markup(plan):
    html = render_report_html(report_context(report_strategy(plan.pk), 2025))
    assert "Trygg<br>og framtidsretta<br>for alle" in html
    assert _nine_items(html)
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_export_writes_the_lines_as_they_are(plan):
    exported = yaml.safe_load(dump_yaml(export_strategy(plan)))
    assert exported["strategy"]["vision"] == VISION
    assert exported["strategy"]["introduction"] == INTRODUCTION


def test_public_page_keeps_a_goals_lines(client, plan):
    from tests.factories import GoalFactory

    GoalFactory(goal_area=plan.goal_areas.get(), text="Første linje\nandre linje")
    page = client.get(f"/reports/public/{plan.municipality.slug}/").content.decode()
    assert "Første linje<br>andre linje" in page
