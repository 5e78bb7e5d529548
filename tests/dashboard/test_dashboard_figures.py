"""The dashboard's figures against values worked out by hand (see scenario.py)."""

from decimal import Decimal

import pytest

from dashboards.selectors import dashboard_figures

from .scenario import TODAY, build_time_like

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return build_time_like()


def figures_for(plan, approved_only, year=2018):
    return dashboard_figures(plan["strategy"], year, approved_only=approved_only, today=TODAY)


def area_row(figures, code):
    return next(r for r in figures["goal_areas"] if r["goal_area"].code == code)


def test_members_see_status_counts_per_goal_area(plan):
    figures = figures_for(plan, approved_only=False)
    a1 = area_row(figures, "1")
    assert a1["actions"] == 2  # A1, A2; the archived A7 never counts
    assert a1["by_status"] == {
        "not_started": 0,
        "on_track": 1,
        "delayed": 1,
        "done": 0,
        "cancelled": 0,
        "missing": 0,
    }
    a2 = area_row(figures, "2")
    assert a2["by_status"]["cancelled"] == 1 and a2["by_status"]["missing"] == 1
    a3 = area_row(figures, "3")
    assert a3["actions"] == 1  # A5 was done in 2017 and owes nothing in 2018


def test_members_progress_and_follow_ups_in(plan):
    figures = figures_for(plan, approved_only=False)
    a1, a2, a3 = (area_row(figures, c) for c in "123")
    assert (a1["expected"], a1["reported"], a1["progress"]) == (2, 2, Decimal("40.0"))
    assert a1["all_in"] is True
    # A3 owes a follow-up and has none: 0 %; the cancelled A4 owes nothing.
    assert (a2["expected"], a2["reported"], a2["progress"]) == (1, 0, Decimal("0.0"))
    assert (a3["expected"], a3["reported"], a3["progress"]) == (1, 0, Decimal("50.0"))
    totals = figures["totals"]
    assert (totals["actions"], totals["expected"], totals["reported"]) == (5, 4, 2)
    assert totals["progress"] == Decimal("32.5")  # (60 + 20 + 0 + 50) / 4


def test_members_resources_per_goal_area_and_department(plan):
    figures = figures_for(plan, approved_only=False)
    a1, a2, a3 = (area_row(figures, c) for c in "123")
    assert (a1["hours_spent"], a1["money_spent"]) == (50, 12000)
    assert (a1["estimated_hours"], a1["estimated_cost"]) == (150, 70000)
    assert (a2["hours_spent"], a2["estimated_hours"], a2["estimated_cost"]) == (2, 40, 5000)
    # A6 reports in EUR: not added to NOK sums, but counted as another currency.
    assert (a3["money_spent"], a3["estimated_cost"], a3["money_other_currency"]) == (0, 0, 1)
    totals = figures["totals"]
    assert (totals["hours_spent"], totals["money_spent"]) == (57, 12000)
    assert (totals["estimated_hours"], totals["estimated_cost"]) == (190, 75000)
    by_name = {r["department"].name: r for r in figures["departments"]}
    assert (by_name["Rådmann"]["hours_spent"], by_name["Rådmann"]["money_spent"]) == (40, 10000)
    assert by_name["Rådmann"]["estimated_hours"] == 130
    assert (by_name["Kultursjef"]["hours_spent"], by_name["Kultursjef"]["money_spent"]) == (
        17,
        2000,
    )
    assert by_name["Kultursjef"]["estimated_cost"] == 25000


def test_members_external_funding_by_source(plan):
    funding = {
        (r["source"], r["currency"]): r["amount"] for r in figures_for(plan, False)["funding"]
    }
    assert funding == {("ks", "NOK"): 20000, ("eu_interreg", "EUR"): 500}


def test_attention_list_names_late_delayed_cancelled_and_missing(plan):
    figures = figures_for(plan, approved_only=False)
    reasons = {r["action"].code: r["keys"] for r in figures["attention"]}
    assert reasons == {
        "A2": {"late", "delayed"},
        "A3": {"late", "missing"},
        "A4": {"cancelled"},
    }


def test_year_over_year_figures(plan):
    years = {r["year"]: r for r in figures_for(plan, approved_only=False)["year_over_year"]}
    assert list(years) == [2016, 2017, 2018]
    assert (years[2017]["expected"], years[2017]["reported"]) == (5, 2)
    assert years[2017]["progress"] == Decimal("26.0")  # (30 + 100) / 5
    assert (years[2017]["hours_spent"], years[2017]["money_spent"]) == (20, 5000)
    assert (years[2016]["expected"], years[2016]["reported"], years[2016]["progress"]) == (
        4,
        0,
        Decimal("0.0"),
    )
    assert years[2018]["funding"] == {"NOK": 20000, "EUR": 500}


def test_public_figures_count_only_approved_follow_ups(plan):
    figures = figures_for(plan, approved_only=True)
    a1 = area_row(figures, "1")
    assert a1["by_status"]["on_track"] == 1 and a1["by_status"]["missing"] == 1
    assert (a1["reported"], a1["progress"], a1["hours_spent"]) == (1, Decimal("30.0"), 40)
    totals = figures["totals"]
    assert (totals["reported"], totals["progress"], totals["hours_spent"]) == (
        1,
        Decimal("15.0"),
        42,
    )
    assert [(r["source"], r["amount"]) for r in figures["funding"]] == [("ks", 20000)]
    reasons = {r["action"].code: r["keys"] for r in figures["attention"]}
    # The draft "delayed" of A2 is not public: A2 just has no approved follow-up.
    assert reasons == {
        "A2": {"missing"},
        "A3": {"late", "missing"},
        "A4": {"cancelled"},
        "A6": {"missing"},
    }


def test_twin_towns_by_status_and_country_and_their_actions(plan):
    figures = figures_for(plan, approved_only=True)
    assert figures["twin_towns_by_status"] == {
        "active": 1,
        "dormant": 1,
        "being_ended": 0,
        "ended": 1,
    }
    assert figures["twin_towns_by_country"]["Sverige"]["active"] == 1
    assert figures["twin_towns_by_country"]["Sverige"]["ended"] == 1
    ljungby = next(t for t in figures["twin_towns"] if t.name == "Ljungby")
    assert [a.code for a in ljungby.strategy_actions] == ["A1"]


def test_indicator_values_over_the_period_with_target(plan):
    (indicator,) = figures_for(plan, approved_only=True)["indicators"]
    assert indicator.series == [2, None, 6, None]
    assert indicator.target == 10


def test_year_is_clamped_to_the_strategy_period(plan):
    assert figures_for(plan, approved_only=True, year=2030)["year"] == 2019
    assert figures_for(plan, approved_only=True, year=2001)["year"] == 2016


def test_plan_wide_actions_get_their_own_row(plan):
    from tests.factories import ActionFactory

    ActionFactory(strategy=plan["strategy"], goal_area=None, code="P1", estimated_hours=7)
    figures = figures_for(plan, approved_only=False)
    whole_plan = figures["goal_areas"][-1]
    assert whole_plan["goal_area"] is None
    assert (whole_plan["actions"], whole_plan["expected"], whole_plan["estimated_hours"]) == (
        1,
        1,
        7,
    )
    assert figures["totals"]["actions"] == 6
