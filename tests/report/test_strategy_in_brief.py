""" "The strategy in brief" costs the same queries however much the strategy states, and
shows nothing where the strategy is silent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annual_reports.pdf import render_report_html
from annual_reports.selectors import report_context, report_strategy
from annual_reports.texts import ReportText
from goals.models import Amendment, PlanStatement
from partners.models import TwinTown, TwinTownStatusChange
from tests.factories import (
    ResponsiblePartyFactory,
    StrategyPointFactory,
    TwinTownFactory,
)

from .conftest import YEAR, build_strategy

pytestmark = pytest.mark.django_db


def state(strategy, size):
    """`size` of each thing the chapter shows, all in the strategy's municipality."""
    municipality = strategy.municipality
    for n in range(size):
        PlanStatement.objects.create(strategy=strategy, kind="aim", order=n, title=f"Mål {n}")
        PlanStatement.objects.create(strategy=strategy, kind="challenge", order=size + n, text="x")
        Amendment.objects.create(strategy=strategy, kind="change", order=n, text=f"Endring {n}")
        ResponsiblePartyFactory(municipality=municipality, name=f"Rolle {n}", duties="a\nb")
        point = StrategyPointFactory(strategy=strategy, code=f"{n}", title=f"Strategi {n}")
        StrategyPointFactory(strategy=strategy, parent=point, code=f"{n}a", text="Delpunkt")
        town = TwinTownFactory(municipality=municipality, category="solidarity")
        TwinTownStatusChange.objects.create(twin_town=town, status="active", note="Start")
    for area in strategy.goal_areas.all():
        ReportText.objects.create(strategy=strategy, year=YEAR, goal_area=area, text="Vurdering")
    ReportText.objects.create(strategy=strategy, year=YEAR, text="Forord")


@pytest.mark.parametrize("size", [1, 5])
def test_the_chapter_costs_the_same_queries_whatever_the_strategy_states(size):
    counts = []
    for n in (1, size):
        strategy = build_strategy(actions_per_area=1, areas=1)
        state(strategy, n)
        strategy = report_strategy(strategy.pk)
        with CaptureQueriesContext(connection) as queries:
            html = render_report_html(report_context(strategy, YEAR))
        counts.append(len(queries))
        assert f"Strategi {n - 1}" in html and "Solidarity relation" in html
        assert f"Endring {n - 1}" in html and "Forord" in html
    assert counts[0] == counts[1]


def test_a_silent_strategy_has_no_chapter_and_no_empty_headings():
    strategy = build_strategy(actions_per_area=1, areas=1)
    TwinTown.objects.filter(municipality=strategy.municipality).delete()
    context = report_context(report_strategy(strategy.pk), YEAR)
    html = render_report_html(context)
    assert not context["brief_has_content"]
    assert 'id="brief"' not in html and "The strategy in brief" not in html
    assert "Foreword" not in html  # no text written: no empty chapter either
    assert [anchor for anchor, _title in context["contents"]][:2] == [
        "summary",
        "area-" + str(strategy.goal_areas.get().pk),
    ]
