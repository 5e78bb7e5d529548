"""An exported strategy imports back to the identical plan, and seeds export as written."""

import datetime

import pytest

from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import import_file, import_strategy, normalise, parse_file
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MilestoneFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    StrategyPointFactory,
    TwinTownFactory,
)

from .conftest import SEEDS, SMALL

pytestmark = pytest.mark.django_db


def _round_trip(strategy):
    first = export_strategy(strategy)
    text = dump_yaml(first)
    again = import_file(text.encode(), "export.yaml")
    second = export_strategy(again)
    return first, second, text, dump_yaml(second)


def test_factory_built_strategy_survives_export_and_import():
    strategy = StrategyFactory(period_end=None, adopted_on=datetime.date(2024, 1, 31))
    municipality = strategy.municipality
    area = GoalAreaFactory(strategy=strategy, description="Linje 1\nLinje 2")
    goal = GoalFactory(goal_area=area)
    point = StrategyPointFactory(strategy=strategy)
    sub_point = StrategyPointFactory(strategy=strategy, parent=point)
    point.goal_areas.add(area)
    party = ResponsiblePartyFactory(municipality=municipality, duties="Plikt 1\nPlikt 2")
    partner = PartnerFactory(municipality=municipality, cooperation="Samarbeid")
    twin = TwinTownFactory(municipality=municipality, since=1990, status="dormant")
    twin.status_changes.create(status="dormant", year=2015, decision="Sak 1", order=0)
    action = ActionFactory(
        goal_area=area,
        responsible=party,
        cost_amount="1234.50",
        cost_currency="SEK",
        estimated_hours="12.5",
        status="done",
        is_archived=True,
    )
    action.goals.add(goal)
    action.strategy_points.add(sub_point)
    action.partners.add(partner)
    action.twin_towns.add(twin)
    MilestoneFactory(action=action, due_on=datetime.date(2025, 6, 1))
    indicator = IndicatorFactory(strategy=strategy, goal_area=area, action=action, target=10)
    indicator.values.create(year=2025, value="2.25")

    first, second, first_text, second_text = _round_trip(strategy)

    assert first == second
    assert first_text == second_text
    exported_action = first["strategy"]["goal_areas"][0]["actions"][0]
    assert exported_action["cost"] == {"amount": 1234.5, "currency": "SEK", "note": ""}
    assert exported_action["archived"] is True
    assert first["strategy"]["period"] == {"start": 2024, "end": None}
    assert first["strategy"]["strategy_points"][0]["points"][0]["code"] == sub_point.code


def test_small_file_exports_as_its_normalised_data():
    strategy = import_file(SMALL)
    assert export_strategy(strategy) == normalise(parse_file(SMALL))


def test_export_fills_in_the_documented_defaults():
    strategy = import_file(SMALL)
    action = export_strategy(strategy)["strategy"]["goal_areas"][0]["actions"][1]
    assert action["recurrence"] == "not_stated"  # the plan said nothing: nothing is invented
    assert action["status"] == "planned"
    assert action["cost"] == {"amount": None, "currency": None, "note": ""}
    assert action["milestones"] == []


def test_yaml_export_keeps_norwegian_letters_and_document_order():
    text = dump_yaml(export_strategy(import_file(SMALL)))
    assert "Internasjonal strategi 2024–2027" in text
    assert "\\u" not in text
    assert text.index("format:") < text.index("municipality:") < text.index("strategy:")
    assert "country: 'NO'" in text  # quoted, so YAML 1.1 readers do not see false


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_seed_round_trips_and_exports_as_written(seed):
    strategy = import_file(seed)
    first, second, first_text, second_text = _round_trip(strategy)
    assert first == second
    assert first_text == second_text
    assert first == normalise(parse_file(seed))


def test_json_import_of_a_yaml_export_gives_the_same_plan():
    from strategy_files.exporter import dump_json

    first = export_strategy(import_file(SMALL))
    again = import_strategy(parse_file(dump_json(first).encode(), "export.json"))
    assert export_strategy(again) == first
