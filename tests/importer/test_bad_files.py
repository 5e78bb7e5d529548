"""A bad strategy file is refused whole: every problem named with its place, nothing written."""

import pytest
from django.db import IntegrityError

from strategy_files.importer import StrategyFileError, import_file, import_strategy
from tests.factories import MunicipalityFactory, StrategyFactory

from .conftest import SMALL, row_counts

pytestmark = pytest.mark.django_db

ACTION = "strategy.goal_areas[0].actions[0]"


def _action(data, area=0, index=0):
    return data["strategy"]["goal_areas"][area]["actions"][index]


def _refused(importing):
    """Run `importing`; assert it is refused and wrote no row. Returns the messages."""
    before = row_counts()
    with pytest.raises(StrategyFileError) as refused:
        importing()
    assert row_counts() == before
    return refused.value.errors


def _set(path, value):
    def mutate(data):
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


CASES = {
    "goal areas not a list": (
        _set(["strategy", "goal_areas"], {"code": "1"}),
        "strategy.goal_areas: must be a list",
    ),
    "action not a mapping": (
        lambda d: d["strategy"]["goal_areas"][0]["actions"].__setitem__(0, "Tiltak"),
        f"{ACTION}: must be a mapping of keys to values",
    ),
    "text where a list belongs": (
        _set(["responsible_parties", 0, "duties"], "Én plikt"),
        "responsible_parties[0].duties: must be a list of texts",
    ),
    "missing required key": (
        lambda d: d["strategy"].pop("title"),
        "strategy.title: is required",
    ),
    "unknown key": (
        lambda d: _action(d).__setitem__("titel", "Skrivefeil"),
        f"{ACTION}.titel: unknown key 'titel' (did you mean 'title'?)",
    ),
    "unknown municipality": (
        lambda d: d.__setitem__("municipality", {"slug": "nowhere"}),
        "municipality.slug: unknown municipality 'nowhere' (add create: true to create it)",
    ),
    "create without a name": (
        lambda d: d["municipality"].pop("name"),
        "municipality.name: is required when create is true",
    ),
    "wrong format": (
        _set(["format"], "strategy-portal/9"),
        "format: must be 'strategy-portal/1', not 'strategy-portal/9'",
    ),
    "duplicate goal-area code": (
        _set(["strategy", "goal_areas", 1, "code"], "1"),
        "strategy.goal_areas[1].code: duplicate goal-area code '1' "
        "(also at strategy.goal_areas[0].code)",
    ),
    "duplicate action code across goal areas": (
        _set(["strategy", "goal_areas", 1, "actions", 0, "code"], "1.1"),
        "strategy.goal_areas[1].actions[0].code: duplicate action code '1.1' "
        f"(also at {ACTION}.code)",
    ),
    "duplicate goal code in a goal area": (
        _set(["strategy", "goal_areas", 0, "goals", 1, "code"], "1.1"),
        "strategy.goal_areas[0].goals[1].code: duplicate goal code '1.1'",
    ),
    "duplicate strategy-point code across levels": (
        _set(["strategy", "strategy_points", 0, "points", 0, "code"], "1"),
        "strategy.strategy_points[0].points[0].code: duplicate strategy-point code '1'",
    ),
    "duplicate partner key": (
        _set(["partners", 1, "key"], "ks"),
        "partners[1].key: duplicate key 'ks' (also at partners[0].key)",
    ),
    "impossible date": (
        _set(["strategy", "adopted_on"], "2019-13-45"),
        # A strategy's dates may give a month or a year only ("april 2012").
        "strategy.adopted_on: '2019-13-45' is not a valid date (YYYY-MM-DD, YYYY-MM for a month",
    ),
    "date in another format": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "milestones", 0, "due"], "15.09.2024"),
        f"{ACTION}.milestones[0].due: '15.09.2024' is not a valid date (YYYY-MM-DD, "
        "YYYY-MM for a month or YYYY for a year)",
    ),
    "year as text": (
        _set(["strategy", "period", "start"], "tjuefjorten"),
        "strategy.period.start: 'tjuefjorten' is not a year",
    ),
    "period ends before it starts": (
        _set(["strategy", "period", "end"], 2020),
        "strategy.period.end: the period ends (2020) before it starts (2024)",
    ),
    "planned end before start": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "planned_end"], "2023-01-01"),
        f"{ACTION}.planned_end: the planned end 2023-01-01 is before the planned start",
    ),
    "unknown responsible party": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "responsible"], "x"),
        f"{ACTION}.responsible: unknown responsible party 'x'",
    ),
    "unknown goal": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "goals"], ["9.9"]),
        f"{ACTION}.goals[0]: unknown goal '9.9' in this goal area",
    ),
    "goal of another goal area": (
        _set(["strategy", "goal_areas", 1, "actions", 0, "goals"], ["1.1"]),
        "strategy.goal_areas[1].actions[0].goals[0]: unknown goal '1.1' in this goal area",
    ),
    "unknown strategy point": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "strategy_points"], ["7z"]),
        f"{ACTION}.strategy_points[0]: unknown strategy point '7z'",
    ),
    "unknown partner": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "partners"], ["ks", "nav"]),
        f"{ACTION}.partners[1]: unknown partner 'nav'",
    ),
    "unknown twin town": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "twin_towns"], ["umea"]),
        f"{ACTION}.twin_towns[0]: unknown twin town 'umea'",
    ),
    "unknown goal area of a strategy point": (
        _set(["strategy", "strategy_points", 0, "goal_areas"], ["5"]),
        "strategy.strategy_points[0].goal_areas[0]: unknown goal area '5'",
    ),
    "indicator of an unknown action": (
        _set(["strategy", "indicators", 0, "action"], "8.8"),
        "strategy.indicators[0].action: unknown action '8.8'",
    ),
    "indicator of an unknown goal area": (
        _set(["strategy", "indicators", 0, "goal_area"], "8"),
        "strategy.indicators[0].goal_area: unknown goal area '8'",
    ),
    "bad enum value": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "status"], "finished"),
        f"{ACTION}.status: 'finished' is not one of 'planned', 'in_progress', 'done', 'cancelled'",
    ),
    "bad country": (
        _set(["municipality", "country"], "DK"),
        "municipality.country: 'DK' is not one of 'NO', 'SE'",
    ),
    "amount with a thousand separator": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "cost", "amount"], "25 000"),
        f"{ACTION}.cost.amount: '25 000' is not an amount",
    ),
    "negative amount": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "cost", "amount"], -5),
        f"{ACTION}.cost.amount: must not be negative",
    ),
    "amount with three decimals": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "cost", "amount"], 10.125),
        f"{ACTION}.cost.amount: has more than 2 decimals",
    ),
    "unknown currency": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "cost", "currency"], "USD"),
        f"{ACTION}.cost.currency: 'USD' is not one of 'NOK', 'SEK', 'EUR'",
    ),
    "amount without currency": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "cost", "currency"], None),
        f"{ACTION}.cost.currency: give the currency of the amount",
    ),
    "oversized title": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "title"], "x" * 301),
        f"{ACTION}.title: is 301 characters long, at most 300 are allowed",
    ),
    "oversized description": (
        _set(["strategy", "goal_areas", 0, "actions", 0, "description"], "x" * 3_000_000),
        f"{ACTION}.description: is 3000000 characters long, at most 10000 are allowed",
    ),
    "oversized key": (
        _set(["partners", 0, "key"], "k" * 61),
        "partners[0].key: is longer than 60 characters",
    ),
    "key with spaces": (
        _set(["partners", 0, "key"], "k s"),
        "partners[0].key: 'k s' is not a valid key",
    ),
    "code written as a decimal number": (
        _set(["strategy", "goal_areas", 0, "goals", 0, "code"], 1.1),
        "strategy.goal_areas[0].goals[0].code: write the code 1.1 in quotes",
    ),
    "duty over two lines": (
        _set(["responsible_parties", 0, "duties"], ["Linje 1\nLinje 2"]),
        "responsible_parties[0].duties[0]: must be one line of text",
    ),
    # Long texts have limits in the database too (a megabyte paste is a mistake).
    "over-long partner cooperation": (
        _set(["partners", 0, "cooperation"], ["Samarbeid om EØS-prosjekter", "x" * 5000]),
        "partners[0].cooperation: is 5028 characters long, at most 5000 are allowed",
    ),
    "over-long twin-town description": (
        _set(["twin_towns", 0, "description"], "x" * 5001),
        "twin_towns[0].description: is 5001 characters long, at most 5000 are allowed",
    ),
    "over-long twin-town status note": (
        _set(["twin_towns", 0, "status_history", 0, "note"], "x" * 2001),
        "twin_towns[0].status_history[0].note: is 2001 characters long, at most 2000",
    ),
    "plan-wide action naming a goal": (
        _set(["strategy", "actions"], [{"code": "X1", "title": "Heile planen", "goals": ["1.1"]}]),
        "strategy.actions[0].goals[0]: a plan-wide action cannot name goal '1.1'",
    ),
    "plan-wide action reusing an action code": (
        lambda d: d["strategy"].__setitem__(
            "actions", [{"code": _action(d)["code"], "title": "Dobbel"}]
        ),
        "strategy.actions[0].code: duplicate action code",
    ),
}


@pytest.mark.parametrize("mutate, message", CASES.values(), ids=CASES.keys())
def test_bad_file_is_refused_naming_what_and_where(small_data, mutate, message):
    mutate(small_data)
    errors = _refused(lambda: import_strategy(small_data))
    assert any(error.startswith(message) for error in errors), errors


def test_every_problem_is_reported_at_once(small_data):
    _set(["strategy", "adopted_on"], "2019-13-45")(small_data)
    _set(["strategy", "goal_areas", 0, "actions", 0, "responsible"], "x")(small_data)
    _action(small_data, 1).__setitem__("titel", "Skrivefeil")
    errors = _refused(lambda: import_strategy(small_data))
    assert len(errors) == 3
    message = str(StrategyFileError(errors))
    assert "3 problems" in message
    assert all(error in message for error in errors)


def test_a_strategy_slug_of_another_municipality_is_refused(small_data):
    StrategyFactory(slug="testby-2024-2027", municipality=MunicipalityFactory(name="Annenby"))
    errors = _refused(lambda: import_strategy(small_data))
    assert errors == [
        "strategy.slug: 'testby-2024-2027' is already used by another municipality's strategy"
    ]


def test_a_database_error_half_way_leaves_nothing_behind(small_data, monkeypatch):
    def fail(self, items):
        raise IntegrityError("simulated failure after the actions were written")

    monkeypatch.setattr("strategy_files.import_writer._Writer._indicators", fail)
    errors = _refused(lambda: import_strategy(small_data))
    assert "nothing was written" in errors[0]


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-16-le"])
def test_a_file_in_another_encoding_is_refused(encoding):
    raw = SMALL.read_text(encoding="utf-8").encode(encoding, errors="replace")
    errors = _refused(lambda: import_file(raw, "small.yaml"))
    assert len(errors) == 1
    assert errors[0].startswith("The file is not UTF-8 text: line ")


def test_latin_1_error_names_the_line_and_column_of_the_first_unreadable_character():
    raw = "format: strategy-portal/1\nname: Tromsø\n".encode("latin-1")
    errors = _refused(lambda: import_file(raw, "x.yaml"))
    assert errors[0].startswith("The file is not UTF-8 text: line 2, column 12 ")


def test_a_utf8_byte_order_mark_is_accepted():
    strategy = import_file(b"\xef\xbb\xbf" + SMALL.read_bytes(), "small.yaml")
    assert strategy.municipality.name == "Testby kommune"


@pytest.mark.parametrize(
    "text, message",
    [
        ("- just\n- a list\n", "The file must hold a mapping"),
        ("format: [unclosed\n", "The file is not valid YAML: line 2"),
        ("format: a\nformat: b\n", "The file is not valid YAML: line 2, column 1: the key"),
    ],
    ids=["list at top", "broken yaml", "key given twice"],
)
def test_unreadable_yaml_is_refused_with_its_line(text, message):
    errors = _refused(lambda: import_file(text.encode(), "x.yaml"))
    assert errors[0].startswith(message), errors


def test_impossible_date_in_yaml_is_reported_not_a_crash():
    text = SMALL.read_text(encoding="utf-8").replace(
        "adopted_on: 2024-02-15", "adopted_on: 2019-13-45"
    )
    errors = _refused(lambda: import_file(text.encode(), "small.yaml"))
    assert errors == [
        "strategy.adopted_on: '2019-13-45' is not a valid date "
        "(YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)"
    ]


def test_broken_json_is_refused_with_its_line():
    errors = _refused(lambda: import_file(b'{"format": "strategy-portal/1",\n"x": }', "x.json"))
    assert errors[0].startswith("The file is not valid JSON: line 2")
