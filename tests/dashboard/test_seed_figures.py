"""The dashboard for Time's real strategy (fixtures/time.yaml) in 2018, worked out by hand.

Time's plan has 33 actions: 9 in satsingsområde 1, 15 in 2 and 9 in 3, and every one owes
a follow-up in 2018 (period 2016–2019, nothing archived or ended). Three follow-ups are
recorded; the other 30 actions count as 0 % and appear as "no follow-up this year".
"""

from decimal import Decimal
from pathlib import Path

import pytest

from actions.models import ExternalFunding, FollowUp
from dashboards.selectors import dashboard_figures
from strategy_files.importer import import_file

pytestmark = pytest.mark.django_db
TIME = Path(__file__).resolve().parents[2] / "fixtures" / "time.yaml"


@pytest.fixture
def time_2018():
    strategy = import_file(TIME)
    actions = {a.code: a for a in strategy.actions.all()}

    def report(code, **fields):
        return FollowUp.objects.create(
            action=actions[code], year=2018, currency="NOK", state="approved", **fields
        )

    report("1.1", status="on_track", progress=60, hours=100, money_spent=20000)
    report("2.5", status="delayed", progress=20, hours=30, money_spent=0)
    export_day = report("3.6", status="done", progress=100, hours=50, money_spent=5000)
    ExternalFunding.objects.create(follow_up=export_day, source="ks", amount=10000, currency="NOK")
    return strategy, actions


def _area(figures, code):
    return next(r for r in figures["goal_areas"] if r["goal_area"].code == code)


def test_time_2018_per_satsingsomraade(time_2018):
    strategy, _ = time_2018
    figures = dashboard_figures(strategy, 2018, approved_only=True)
    one, two, three = (_area(figures, c) for c in "123")
    assert one["goal_area"].title == "Internasjonalt perspektiv i samfunnsutviklinga"
    assert (one["actions"], one["expected"], one["reported"]) == (9, 9, 1)
    assert (two["actions"], two["expected"], two["reported"]) == (15, 15, 1)
    assert (three["actions"], three["expected"], three["reported"]) == (9, 9, 1)
    assert one["by_status"]["on_track"] == 1 and one["by_status"]["missing"] == 8
    assert two["by_status"]["delayed"] == 1 and two["by_status"]["missing"] == 14
    assert three["by_status"]["done"] == 1 and three["by_status"]["missing"] == 8
    # Progress: the average over the actions that owe a follow-up, missing ones as 0 %.
    assert one["progress"] == Decimal("6.7")  # 60 / 9
    assert two["progress"] == Decimal("1.3")  # 20 / 15
    assert three["progress"] == Decimal("11.1")  # 100 / 9
    assert (one["hours_spent"], two["hours_spent"], three["hours_spent"]) == (100, 30, 50)
    assert (one["money_spent"], two["money_spent"], three["money_spent"]) == (20000, 0, 5000)


def test_time_2018_totals_funding_and_attention(time_2018):
    strategy, actions = time_2018
    figures = dashboard_figures(strategy, 2018, approved_only=True)
    totals = figures["totals"]
    assert (totals["actions"], totals["expected"], totals["reported"]) == (33, 33, 3)
    assert totals["progress"] == Decimal("5.5")  # (60 + 20 + 100) / 33
    assert (totals["hours_spent"], totals["money_spent"]) == (180, 25000)
    assert [(r["source"], r["currency"], r["amount"]) for r in figures["funding"]] == [
        ("ks", "NOK", 10000)
    ]
    attention = {r["action"].code: r["keys"] for r in figures["attention"]}
    assert "delayed" in attention["2.5"]
    assert "1.1" not in attention and "3.6" not in attention
    assert sum("missing" in keys for keys in attention.values()) == 30


def test_a_draft_does_not_count_for_the_public_but_does_for_members(time_2018):
    strategy, actions = time_2018
    FollowUp.objects.create(
        action=actions["1.2"], year=2018, currency="NOK", state="draft", progress=90, hours=7
    )
    public = _area(dashboard_figures(strategy, 2018, approved_only=True), "1")
    members = _area(dashboard_figures(strategy, 2018, approved_only=False), "1")
    assert (public["reported"], public["hours_spent"]) == (1, 100)
    # Members see the draft's work, but a draft is not yet "in" until it is submitted.
    assert (members["reported"], members["hours_spent"]) == (1, 107)
    assert members["progress"] == Decimal("16.7")  # (60 + 90) / 9
