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


def test_notes_round_trip_through_export_and_import_into_a_fresh_plan(plan):
    from frameworks.models import GoalLink

    strategy, goal, action = plan
    ActionLink.objects.filter(action=action, item=sdg("11")).update(note="Trygge gater")
    GoalLink.objects.filter(goal=goal).update(note="Skule for alle")
    data = export_strategy(strategy)
    area = data["strategy"]["goal_areas"][0]
    assert area["actions"][0]["framework_notes"] == [{"item": "sdg-11", "note": "Trygge gater"}]
    assert area["goals"][0]["framework_notes"] == [{"item": "sdg-4", "note": "Skule for alle"}]
    text = dump_yaml(data)
    ActionLink.objects.filter(action=action).delete()  # as in a database the file fills anew
    GoalLink.objects.filter(goal=goal).delete()

    again = import_file(text.encode(), "export.yaml")

    assert ActionLink.objects.get(action=action, item=sdg("11")).note == "Trygge gater"
    assert ActionLink.objects.get(action=action, item=sdg("17")).note == ""
    assert GoalLink.objects.get(goal=goal).note == "Skule for alle"
    assert dump_yaml(export_strategy(again)) == text


def test_a_note_for_an_item_not_linked_is_a_clear_error_and_nothing_changes(plan):
    strategy, _goal, action = plan
    data = export_strategy(strategy)
    entry = data["strategy"]["goal_areas"][0]["actions"][0]
    entry["framework_notes"] = [{"item": "sdg-4", "note": "Skulebesøk"}]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any("framework_notes[0].item" in e and "sdg-4" in e for e in error.value.errors)
    assert not ActionLink.objects.filter(action=action, note="Skulebesøk").exists()
