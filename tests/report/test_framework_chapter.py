"""The annual report's "Contribution to Agenda 2030" chapter (and one per other framework
the plan is linked to): in the PDF, the Word version and the table of contents, in the
municipality's language, with the approved follow-ups' figures only."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from annual_reports.pdf import html_to_pdf, render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.word import report_docx
from frameworks.models import ActionLink, FrameworkItem, GoalLink
from frameworks.services import set_links

from .conftest import YEAR, build_strategy, normalise, pdf_text

pytestmark = pytest.mark.django_db


def item(framework, code):
    return FrameworkItem.objects.get(framework__code=framework, code=code)


def link_plan(strategy):
    """Action 0-0 (approved follow-up, 12.5 h, 1000) and 0-1 (a draft) to SDG 11, the
    first goal too, and action 1-0 to Europa 2020's climate and energy target."""
    actions = {a.title: a for a in strategy.actions.all()}
    eleven = item("sdg", "11")
    set_links(actions["Tiltak 0-0"], [eleven])
    ActionLink.objects.filter(action=actions["Tiltak 0-0"]).update(note="Byvandring for alle")
    set_links(actions["Tiltak 0-1"], [eleven])
    set_links(actions["Tiltak 1-0"], [item("eu2020", "3")])
    goal = strategy.goal_areas.order_by("order", "code").first().goals.get()
    set_links(goal, [eleven])
    GoalLink.objects.filter(goal=goal).update(note="Levende sentrum")
    return report_context(report_strategy(strategy.pk), YEAR)


def chapter_html(html, anchor):
    start = html.index(f'id="{anchor}"')
    return normalise(html[start : html.index("</section>", start)])


def test_the_agenda_2030_chapter_lists_linked_goals_and_actions_with_approved_figures():
    context = link_plan(build_strategy())
    html = render_report_html(context)
    chapter = chapter_html(html, "framework-sdg")
    assert "Contribution to Agenda 2030" in chapter
    assert "SDG 11 Sustainable cities and communities" in chapter
    assert "Mål for område 0" in chapter and "Levende sentrum" in chapter
    assert "Tiltak 0-0" in chapter and "Byvandring for alle" in chapter
    assert "12.5" in chapter and "1,000" in chapter
    # The draft's action is listed, its figures are not counted.
    assert "Tiltak 0-1" in chapter and "None approved" in chapter
    assert chapter.count("12.5") == 2  # the action's row and the total: 12.5, not 25
    assert '<a href="#framework-sdg">Contribution to Agenda 2030</a>' in html


def test_another_framework_has_a_chapter_of_its_own():
    context = link_plan(build_strategy())
    html = render_report_html(context)
    chapter = chapter_html(html, "framework-eu2020")
    assert "Contribution to Europe 2020" in chapter
    assert "EU2020 3 Climate change and energy" in chapter
    assert "Tiltak 1-0" in chapter
    assert "Tiltak 0-0" not in chapter


def test_a_plan_without_links_has_no_such_chapter():
    context = report_context(report_strategy(build_strategy().pk), YEAR)
    assert context["framework_chapters"] == []
    assert "framework-sdg" not in render_report_html(context)


def test_the_chapter_is_in_the_municipalitys_language_in_the_pdf_and_word():
    import docx

    strategy = build_strategy(areas=2, actions_per_area=2, language="nb")
    with translation.override("nb"):  # as the report's job builds it
        context = link_plan(strategy)
        document = docx.Document(io.BytesIO(report_docx(context)))
    text, _pages = pdf_text(html_to_pdf(render_report_html(context)))
    assert "Bidrag til Agenda 2030" in text
    assert "SDG 11 Bærekraftige byer og lokalsamfunn" in text
    level1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Bidrag til Agenda 2030" in level1
    assert "SDG 11 Bærekraftige byer og lokalsamfunn" in [
        p.text for p in document.paragraphs if p.style.name == "Heading 2"
    ]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Byvandring for alle" in cells


def test_the_chapter_costs_the_same_queries_with_few_and_many_links():
    counts = []
    for per_area in (2, 8):
        strategy = report_strategy(build_strategy(actions_per_area=per_area, areas=2).pk)
        for action in strategy.actions.all():
            set_links(action, [item("sdg", "11"), item("sdg", "4")])
        with CaptureQueriesContext(connection) as queries:
            render_report_html(report_context(strategy, YEAR))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_framework_the_strategy_names_has_its_chapter_before_anything_is_linked():
    """Tranås's programme sets its priorities against Europa 2020 but links no item: the
    report says the strategy names it, and lists nothing it does not state."""
    import docx

    from frameworks.models import Framework, StrategyFramework

    strategy = build_strategy(language="sv")
    StrategyFramework.objects.create(
        strategy=strategy, framework=Framework.objects.get(code="eu2020")
    )
    with translation.override("sv"):
        context = report_context(report_strategy(strategy.pk), YEAR)
        html = render_report_html(context)
        document = docx.Document(io.BytesIO(report_docx(context)))
    chapter = chapter_html(html, "framework-eu2020")
    assert "Bidrag till Europa 2020" in chapter
    assert "Strategin nämner Europa 2020 som ett ramverk" in chapter
    assert "<h3" not in chapter  # no item: nothing invented
    assert '<a href="#framework-eu2020">Bidrag till Europa 2020</a>' in html
    texts = [p.text for p in document.paragraphs]
    assert "Bidrag till Europa 2020" in texts
    assert any(t.startswith("Strategin nämner Europa 2020") for t in texts)
    assert "framework-sdg" not in html  # the SDGs are neither named nor linked


def test_linked_goal_areas_and_strategy_points_are_in_the_chapter_pdf_and_word():
    import docx

    from tests.factories import StrategyPointFactory

    strategy = build_strategy()
    area = strategy.goal_areas.order_by("order", "code").first()
    point = StrategyPointFactory(strategy=strategy, code="S3", title="Delta i europeiske nettverk")
    eleven, seventeen = item("sdg", "11"), item("sdg", "17")
    set_links(area, [eleven], notes={eleven.pk: "Hele området"})
    set_links(point, [seventeen])
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = render_report_html(context)
    chapter = chapter_html(html, "framework-sdg")
    assert f"{area.code}. {area.title}" in chapter and "Hele området" in chapter
    assert "S3 Delta i europeiske nettverk" in chapter
    assert chapter.index("SDG 11") < chapter.index("Hele området") < chapter.index("SDG 17")
    document = docx.Document(io.BytesIO(report_docx(context)))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any(area.title in text and "Hele området" in text for text in bullets)
    assert any("S3" in text and "Delta i europeiske nettverk" in text for text in bullets)
