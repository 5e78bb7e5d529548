"""A report for a plan with no actions says so in one sentence, draws no empty chart and
claims nothing about "all" of zero (issue 18, point 9); a plan with actions but a year
without money or hours leaves those charts out too."""

import pytest

from annual_reports import services
from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from tests.factories import ActionFactory, GoalAreaFactory, MunicipalityFactory, StrategyFactory

from .conftest import YEAR, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_plan(db):
    municipality = MunicipalityFactory(language="en", label_action_plural="Activities")
    strategy = StrategyFactory(municipality=municipality, period_start=2024, period_end=2027)
    GoalAreaFactory(strategy=strategy, title="Learning for life")
    return report_strategy(strategy.pk)


def test_a_plan_without_actions_says_so_once_and_has_no_charts(empty_plan):
    text, _pages = pdf_text(services.build_pdf(empty_plan, YEAR))
    sentence = "This strategy has no activities yet, so there is nothing to report on them"
    assert f"{sentence} for {YEAR}." in text
    assert text.count("has no activities yet") == 1
    assert "Learning for life" in text
    absent_words = (
        "Every action",
        "Charts count",
        "Key figures",
        "Appendix",
        "without an approved",
    )
    for absent in absent_words:
        assert absent not in text, absent
    assert "<svg" not in render_report_html(report_context(empty_plan, YEAR))


def test_a_year_with_no_hours_or_money_leaves_those_charts_out(empty_plan):
    area = empty_plan.goal_areas.get()
    ActionFactory(goal_area=area, title="Study visit")
    context = report_context(empty_plan, YEAR)
    assert [item["chart"] for item in context["summary_charts"]] == [context["charts"]["status"]]
    html = render_report_html(context)
    assert context["charts"]["money"].title not in html
    assert context["charts"]["hours"].title not in html
    assert "1 action has no approved follow-up" in html
