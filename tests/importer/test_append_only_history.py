"""An import adds to a twin town's recorded history, never removes or rewrites a step
(issue 20): the step a coordinator recorded with its council decision survives any file."""

import copy
import datetime

import pytest

from partners.models import TwinTown, TwinTownStatusChange
from partners.services import change_twin_town_status
from strategy_files.importer import StrategyFileError, import_strategy
from tests.factories import UserFactory

from .conftest import row_counts

pytestmark = pytest.mark.django_db


def _steps(twin):
    return list(
        twin.status_changes.order_by("order", "pk").values_list("status", "decision", "order")
    )


@pytest.fixture
def recorded(small_data):
    """The small strategy, with a step the coordinator recorded in the portal since."""
    import_strategy(copy.deepcopy(small_data))
    twin = TwinTown.objects.get()
    change_twin_town_status(
        twin, status="dormant", changed_on=datetime.date(2025, 3, 1), decision="FSK 4/25"
    )
    return twin


def test_an_old_file_cannot_delete_a_step_recorded_in_the_portal(small_data, recorded):
    before = row_counts(), _steps(recorded)
    with pytest.raises(StrategyFileError) as refused:
        import_strategy(copy.deepcopy(small_data))
    message = str(refused.value)
    assert "twin_towns[0].status_history[1]" in message
    assert "never removes or rewrites" in message
    assert (row_counts(), _steps(recorded)) == before


def test_a_file_that_rewrites_a_recorded_step_is_refused(small_data, recorded):
    data = copy.deepcopy(small_data)
    data["twin_towns"][0]["status_history"][0]["decision"] = "Noko anna"
    with pytest.raises(StrategyFileError, match=r"status_history\[0\]"):
        import_strategy(data)
    assert TwinTownStatusChange.objects.filter(decision="Bystyret sak 12/86").exists()


def test_a_new_step_after_the_recorded_ones_is_added_with_its_history_row(small_data):
    import_strategy(copy.deepcopy(small_data))
    twin = TwinTown.objects.get()
    data = copy.deepcopy(small_data)
    data["twin_towns"][0]["status_history"].append(
        {"status": "ended", "year": 2026, "date": None, "decision": "KST 9/26", "note": ""}
    )
    importer = UserFactory(username="koordinator")
    import_strategy(data, user=importer)
    assert [status for status, _, _ in _steps(twin)] == ["active", "ended"]
    step = twin.status_changes.get(status="ended")
    latest = step.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (importer, "import")
    # The recorded first step kept its row (not deleted and made again).
    assert twin.status_changes.get(status="active").history.count() == 1


def test_ending_a_recorded_relation_by_import_needs_its_decision(small_data):
    import_strategy(copy.deepcopy(small_data))
    data = copy.deepcopy(small_data)
    data["twin_towns"][0]["status_history"].append(
        {"status": "ended", "year": 2026, "date": None, "decision": "", "note": ""}
    )
    before = row_counts()
    with pytest.raises(StrategyFileError, match=r"status_history\[1\]\.decision"):
        import_strategy(data)
    assert row_counts() == before


def test_a_milestone_a_follow_up_reports_reached_cannot_be_removed_by_import(small_data):
    from tests.factories import FollowUpFactory

    strategy = import_strategy(copy.deepcopy(small_data))
    action = strategy.actions.get(code="1.1")
    evaluation = action.milestones.get(title="Evaluering")
    follow_up = FollowUpFactory(action=action, year=2025)
    follow_up.milestones_reached.add(evaluation)
    data = copy.deepcopy(small_data)
    data["strategy"]["goal_areas"][0]["actions"][0]["milestones"].pop()
    with pytest.raises(StrategyFileError, match="Evaluering"):
        import_strategy(data)
    assert follow_up.milestones_reached.get() == evaluation


def test_an_indicator_value_recorded_since_survives_a_file_without_it(small_data):
    from actions.models import IndicatorValue

    strategy = import_strategy(copy.deepcopy(small_data))
    indicator = strategy.indicators.get(code="I1")
    IndicatorValue.objects.create(indicator=indicator, year=2026, value=4)
    import_strategy(copy.deepcopy(small_data))
    assert indicator.values.filter(year=2026, value=4).exists()
