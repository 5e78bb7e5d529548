"""A new municipality's strategy imports as it is written (issue 18, points 2–4): dates to
the month or year, no period, status "not stated", goals and points without codes,
plan-level goals, a twin town paused for a stated reason and an agreement with several
twin towns. Shown on the pages, exported as written, and re-imported without a change."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from goals.models import PlanGoal, Strategy
from partners.models import TwinTown
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file, normalise, parse_file
from tests.pages import visible_text

from .conftest import row_counts

pytestmark = pytest.mark.django_db

# Not in data/: the load_seeds and load_demo tests load every file there.
FILE = Path(__file__).parent / "written" / "as_written.yaml"


@pytest.fixture
def strategy():
    return import_file(FILE)


def test_dates_to_the_month_or_year_import_and_export_as_written(strategy):
    assert strategy.adopted_on == datetime.date(2012, 4, 1)
    assert strategy.adopted_on_precision == "month"
    assert (strategy.published_on, strategy.published_on_precision) == (
        datetime.date(2012, 1, 1),
        "year",
    )
    exported = export_strategy(strategy)
    assert exported["strategy"]["adopted_on"] == "2012-04"
    assert exported["strategy"]["published_on"] == 2012
    text = dump_yaml(exported)
    assert "adopted_on: 2012-04\n" in text and "published_on: 2012\n" in text


def test_the_export_is_the_files_normalised_data_and_round_trips(strategy):
    exported = export_strategy(strategy)
    assert exported == normalise(parse_file(FILE))
    again = import_file(dump_yaml(exported).encode(), "export.yaml")
    assert dump_yaml(export_strategy(again)) == dump_yaml(exported)


def test_reimporting_the_file_writes_nothing(strategy):
    before = row_counts()
    import_file(FILE)
    assert row_counts() == before


def test_goals_and_points_without_codes_are_numbered_for_display_not_invented(strategy, client):
    area = strategy.goal_areas.get()
    assert list(area.goals.values_list("code", flat=True)) == ["", ""]
    exported = export_strategy(strategy)["strategy"]
    assert exported["goal_areas"][0]["goals"] == [
        {"text": "Varje skola har ett internationellt samarbete."},
        {"text": "Utbyten med vänorterna varje år."},
    ]
    assert "code" not in exported["strategy_points"][0]
    assert "code" not in exported["strategy_points"][0]["points"][0]
    body = client.get(strategy.get_absolute_url()).content.decode()
    assert "1. Samverka" in body and "2. Informera" in body


def test_a_changed_codeless_goal_is_updated_in_place(strategy):
    data = parse_file(FILE)
    data["strategy"]["goal_areas"][0]["goals"][1]["text"] = "Utbyten varje termin."
    goal_pks = list(strategy.goal_areas.get().goals.values_list("pk", flat=True))
    import_file(dump_yaml(data).encode(), "changed.yaml")
    goals = strategy.goal_areas.get().goals.order_by("order")
    assert list(goals.values_list("pk", flat=True)) == goal_pks
    assert goals.last().text == "Utbyten varje termin."


def test_the_strategy_page_shows_the_plan_as_written(strategy, client):
    body = client.get(strategy.get_absolute_url()).content.decode()
    assert "april 2012" in body.lower()  # the month as written, not 1 April
    assert "01.04.2012" not in body and "2012-04-01" not in body
    assert "Not stated" in body
    assert "about 1950" in body  # Oulu's start "over 70 years ago"
    assert "Vänortsavtal för Nordkalotten" in body


def test_plan_goals_with_sub_goals_are_data(strategy):
    mains = PlanGoal.objects.filter(strategy=strategy, parent__isnull=True).order_by("order")
    assert [g.code for g in mains] == ["", "M2"]
    assert list(mains[0].sub_goals.order_by("order").values_list("code", "text")) == [
        ("", "Fler unga deltar i utbyten."),
        ("b", "Kommunen söker EU-medel."),
    ]
    exported = export_strategy(strategy)["strategy"]["goals"]
    assert exported[0] == {
        "text": "Norrby är en öppen kommun i världen.",
        "goals": [
            {"text": "Fler unga deltar i utbyten."},
            {"code": "b", "text": "Kommunen söker EU-medel."},
        ],
    }
    assert exported[1] == {"code": "M2", "text": "Internationellt samarbete stärker näringslivet."}


def test_plan_goals_are_on_the_strategy_page_the_dashboard_and_found_by_search(strategy, client):
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert 'id="plan-goals"' in page and "Fler unga deltar i utbyten." in page
    dashboard = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    first_screen = dashboard[: dashboard.index('id="summary-heading"')]
    assert "Norrby är en öppen kommun i världen." in first_screen
    # The search marks the word it found (<mark>): read the text as the visitor sees it.
    found = client.get(reverse("dashboards:compare"), {"q": "näringslivet"}).content.decode()
    assert "Internationellt samarbete stärker näringslivet." in visible_text(found)
    assert f"{strategy.get_absolute_url()}#plan-goals" in found


def test_plan_goals_are_in_the_annual_report(strategy):
    from django.template.loader import render_to_string

    from annual_reports.selectors import report_context, report_strategy

    context = report_context(report_strategy(strategy.pk), 2024)
    html = render_to_string("annual_reports/document.html", {**context, "for_pdf": True})
    assert 'id="plan-goals"' in html
    assert "Kommunen söker EU-medel." in html


def test_a_paused_twin_towns_reason_shows_wherever_its_status_does(strategy, client):
    reason = "Samarbetet är fryst sedan kriget i Ukraina 2022."
    town = TwinTown.objects.get(key="murmansk")
    assert town.status == "paused" and town.status_reason == reason
    strategy_page = client.get(strategy.get_absolute_url()).content.decode()
    registry = client.get(reverse("partners:registry", args=["norrby"])).content.decode()
    dashboard = client.get(reverse("dashboards:dashboard", args=[strategy.slug])).content.decode()
    town_page = client.get(town.get_absolute_url()).content.decode()
    for body in (strategy_page, registry, dashboard, town_page):
        assert f"Paused: {reason}" in body

    from django.template.loader import render_to_string

    from annual_reports.selectors import report_context, report_strategy

    context = report_context(report_strategy(strategy.pk), 2024)
    report = render_to_string("annual_reports/document.html", {**context, "for_pdf": True})
    assert f"Paused: {reason}" in report


def test_paused_without_a_reason_is_refused(strategy):
    data = parse_file(FILE)
    del data["twin_towns"][1]["status_reason"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "no-reason.yaml")
    assert any("twin_towns[1].status_reason" in e for e in error.value.errors)


def test_one_agreement_links_several_twin_towns_and_shows_on_each(strategy, client):
    for key in ("oulu", "bodo"):
        town = TwinTown.objects.get(key=key)
        body = client.get(town.get_absolute_url()).content.decode()
        assert "Vänortsavtal för Nordkalotten" in body
        assert "Ett gemensamt avtal mellan vänorterna på Nordkalotten." in body
        assert "juni 1990" in body.lower() or "june 1990" in body.lower()
    murmansk = client.get(TwinTown.objects.get(key="murmansk").get_absolute_url())
    assert "Nordkalotten" not in murmansk.content.decode()
    exported = export_strategy(strategy)["agreements"]
    assert exported == [
        {
            "key": "nordkalotten",
            "title": "Vänortsavtal för Nordkalotten",
            "description": "Ett gemensamt avtal mellan vänorterna på Nordkalotten.",
            "date": "1990-06",
            "twin_towns": ["oulu", "bodo"],
        }
    ]


def test_an_agreement_naming_an_unknown_twin_town_is_refused():
    data = parse_file(FILE)
    data["agreements"][0]["twin_towns"].append("tromso")
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "bad.yaml")
    assert any("agreements[0].twin_towns[2]" in e for e in error.value.errors)
    assert not Strategy.objects.exists()


@pytest.mark.parametrize("value", ["april 2012", "2012-13", "12-04-2012", 20120])
def test_a_date_that_is_neither_day_month_nor_year_is_refused_naming_the_forms(value):
    data = parse_file(FILE)
    data["strategy"]["adopted_on"] = value
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "bad.yaml")
    assert any(
        e.startswith("strategy.adopted_on:") and "YYYY-MM for a month" in e
        for e in error.value.errors
    )
