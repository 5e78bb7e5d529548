"""A dry run checks and counts exactly what the import would do and keeps nothing; every
import says what it changed, per kind, in the municipality's own words."""

import pytest
from django.utils import translation

from actions.models import Action, Milestone
from goals.models import GoalArea, Strategy
from partners.models import TwinTownStatusChange
from strategy_files.importer import StrategyFileError, run_import
from tests.factories import FollowUpFactory

from .conftest import row_counts

pytestmark = pytest.mark.django_db


def test_a_dry_run_of_a_new_strategy_writes_nothing_and_counts_what_it_would_add(small_data):
    before = row_counts()
    result = run_import(small_data, dry_run=True)

    assert row_counts() == before
    assert result.dry_run
    areas = len(small_data["strategy"]["goal_areas"])
    actions = sum(len(a["actions"]) for a in small_data["strategy"]["goal_areas"])
    actions += len(small_data["strategy"].get("actions") or [])
    assert result.summary.get(GoalArea, "added") == areas
    assert result.summary.get(Action, "added") == actions
    assert result.summary.get(Strategy, "added") == 1


def test_the_dry_runs_summary_is_what_the_real_import_then_does(small_data):
    run_import(small_data)
    small_data["strategy"]["goal_areas"][0]["actions"][0]["title"] = "Ny tittel"
    small_data["strategy"]["goal_areas"][0]["actions"].pop(1)
    before = row_counts()

    dry = run_import(small_data, dry_run=True)
    assert row_counts() == before
    real = run_import(small_data)

    assert dry.summary.as_dict() == real.summary.as_dict()
    assert real.summary.get(Action, "changed") == 1
    assert real.summary.get(Action, "removed") == 1
    assert Action.objects.filter(title="Ny tittel").exists()


def test_an_unchanged_file_reports_that_nothing_changed(small_data):
    run_import(small_data)
    result = run_import(small_data)

    assert result.summary.changes == 0
    with translation.override("en"):
        assert result.summary.lines() == [
            "Nothing changed: the database already holds what the file says."
        ]


def test_an_action_left_out_but_followed_up_is_counted_archived(small_data):
    strategy = run_import(small_data).strategy
    FollowUpFactory(action=strategy.actions.get(code="1.2"))
    small_data["strategy"]["goal_areas"][0]["actions"].pop(1)

    summary = run_import(small_data).summary

    assert summary.get(Action, "archived") == 1
    assert summary.get(Action, "removed") == 0


def test_a_changed_link_alone_counts_the_action_as_changed(small_data):
    run_import(small_data)
    small_data["strategy"]["goal_areas"][0]["actions"][0]["goals"] = []

    summary = run_import(small_data).summary

    assert summary.get(Action, "changed") == 1


def test_the_summary_names_levels_in_the_municipalitys_own_words(small_data):
    small_data["municipality"].setdefault("labels", {})["action_plural"] = "Handlingar"
    run_import(small_data)
    small_data["strategy"]["goal_areas"][0]["actions"][0]["title"] = "Ny tittel"

    summary = run_import(small_data).summary

    with translation.override("en"):
        lines = summary.lines()
    assert lines[0] == "Handlingar: 1 changed, 2 unchanged"
    assert lines[-1].endswith("other rows unchanged")


def test_a_dry_run_reports_the_refusals_of_the_real_import(small_data):
    strategy = run_import(small_data).strategy
    action = strategy.actions.get(code="1.1")
    follow_up = FollowUpFactory(action=action)
    follow_up.milestones_reached.add(action.milestones.first())
    small_data["strategy"]["goal_areas"][0]["actions"][0]["milestones"] = []
    milestones = Milestone.objects.count()

    with pytest.raises(StrategyFileError) as refused:
        run_import(small_data, dry_run=True)

    assert "reported reached" in str(refused.value)
    assert Milestone.objects.count() == milestones


def test_new_twin_town_steps_are_counted(small_data):
    run_import(small_data)
    small_data["twin_towns"][0]["status_history"].append(
        {"status": "dormant", "year": 2026, "note": "Ingen kontakt i år"}
    )

    summary = run_import(small_data).summary

    assert summary.get(TwinTownStatusChange, "added") == 1


def test_history_rows_give_the_callers_reason(small_data):
    run_import(small_data)
    small_data["strategy"]["goal_areas"][0]["actions"][0]["title"] = "Ny tittel"

    run_import(small_data, reason="Imported from a spreadsheet")

    latest = Action.history.filter(code="1.1").order_by("-history_id").first()
    assert latest.title == "Ny tittel"
    assert latest.history_change_reason == "Imported from a spreadsheet"
