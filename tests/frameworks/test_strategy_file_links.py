"""Framework links in the strategy file: `frameworks: [sdg-11, sdg-17]` on goals and actions."""

import pytest

from frameworks.models import ActionLink, FrameworkItem
from frameworks.services import set_links
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file
from tests.factories import ActionFactory, GoalAreaFactory, GoalFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


@pytest.fixture
def plan():
    strategy = StrategyFactory()
    area = GoalAreaFactory(strategy=strategy)
    goal = GoalFactory(goal_area=area)
    action = ActionFactory(goal_area=area)
    set_links(goal, [sdg("4")])
    set_links(action, [sdg("11"), sdg("17")])
    return strategy, goal, action


def test_export_names_the_links_and_import_restores_them_exactly(plan):
    strategy, goal, action = plan
    first = export_strategy(strategy)
    area = first["strategy"]["goal_areas"][0]
    assert area["goals"][0]["frameworks"] == ["sdg-4"]
    assert area["actions"][0]["frameworks"] == ["sdg-11", "sdg-17"]
    text = dump_yaml(first)
    set_links(goal, [])
    set_links(action, [sdg("1")])

    again = import_file(text.encode(), "export.yaml")

    assert [i.reference for i in action.framework_items.all()] == ["sdg-11", "sdg-17"]
    assert [i.reference for i in goal.framework_items.all()] == ["sdg-4"]
    assert dump_yaml(export_strategy(again)) == text


def test_a_file_without_the_key_keeps_the_links_and_an_empty_list_removes_them(plan):
    strategy, goal, action = plan
    data = export_strategy(strategy)
    del data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"]
    import_file(dump_yaml(data).encode(), "plan.yaml")
    assert action.framework_items.count() == 2

    data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"] = []
    import_file(dump_yaml(data).encode(), "plan.yaml")
    assert action.framework_items.count() == 0
    assert ActionLink.history.filter(action_id=action.pk, history_type="-").count() == 2


def test_no_links_no_key_in_the_export():
    strategy = StrategyFactory()
    ActionFactory(goal_area=GoalAreaFactory(strategy=strategy))
    exported = export_strategy(strategy)["strategy"]["goal_areas"][0]["actions"][0]
    assert "frameworks" not in exported


def test_an_unknown_item_is_a_clear_error_and_changes_nothing(plan):
    strategy, goal, action = plan
    data = export_strategy(strategy)
    data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"] = ["sdg-18"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert "sdg-18" in str(error.value)
    assert "strategy.goal_areas[0].actions[0].frameworks[0]" in str(error.value)
    assert action.framework_items.count() == 2
