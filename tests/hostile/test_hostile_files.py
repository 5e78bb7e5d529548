"""Known attacks on the strategy file importer, each refused quickly with a message."""

import copy
import json
import time

import pytest
import yaml

from strategy_files.importer import StrategyFileError, import_file, parse_file
from tests.importer.conftest import SMALL

from .conftest import changed, row_counts

SMALL_DATA = parse_file(SMALL)


def refused(raw, name="strategi.yaml"):
    before = row_counts()
    with pytest.raises(StrategyFileError) as error:
        import_file(raw, name)
    assert changed(before, row_counts()) == {}
    return " ".join(error.value.errors)


def billion_laughs(levels=9, width=9):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return lines


def small_with(**strategy_fields):
    data = copy.deepcopy(SMALL_DATA)
    data["strategy"].update(strategy_fields)
    return data


@pytest.mark.django_db
def test_an_alias_bomb_is_refused_before_it_expands():
    text = "\n".join(
        ["format: strategy-portal/1", "municipality: {slug: testby}", "anchors:"]
        + ["  " + line for line in billion_laughs()]
        + ["strategy: {slug: s, title: *a8, vision: *a8, goal_areas: *a8}"]
    )
    start = time.monotonic()
    message = refused(text.encode())
    # Expanded, the bomb is ~10^9 nodes (minutes and GBs); refused, it is milliseconds.
    assert time.monotonic() - start < 5
    assert "expands to too much data" in message


@pytest.mark.django_db
def test_an_alias_inside_its_own_anchor_is_refused():
    assert "refers to itself" in refused(b"format: &a [*a]\n")


@pytest.mark.django_db
def test_aliases_and_merge_keys_of_normal_size_still_work():
    text = SMALL.read_text(encoding="utf-8").replace(
        "partners:\n", "defaults: &org {kind: organisation}\npartners:\n", 1
    )
    # `defaults` is not a key of the format: the merge worked, the extra key is reported.
    data = parse_file(text.encode())
    assert data["defaults"] == {"kind": "organisation"}
    merged = parse_file(b"base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert merged["other"] == {"x": 1, "y": 3}


@pytest.mark.django_db
@pytest.mark.parametrize("json_file", [False, True])
def test_deep_nesting_is_refused(json_file):
    if json_file:
        raw, name = b'{"format": ' + b"[" * 20000 + b"]" * 20000 + b"}", "a.json"
    else:
        raw, name = b"format: " + b"[" * 20000 + b"]" * 20000, "a.yaml"
    assert "nests more than" in refused(raw, name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object:subprocess.Popen {}",
    ],
)
def test_python_tags_are_refused_and_never_run(tag, tmp_path):
    marker = tmp_path / "pwned"
    message = refused(f"format: {tag.replace('{marker}', str(marker))}\n".encode())
    assert "not valid YAML" in message
    assert not marker.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "!!int 0x1F",
        "!!int abc",
        "!!float ''",
        "!!bool maybe",
        "!!timestamp 2019-13-45",
        "9" * 5000,
        "!!binary '!!!'",
        "!!set {a, b}",
        "!!omap [a]",
    ],
)
def test_explicit_tags_with_impossible_values_get_a_message(value):
    assert refused(f"format: {value}\n".encode())


@pytest.mark.django_db
def test_a_list_as_a_mapping_key_gets_a_message():
    assert "a key must be a plain value" in refused(b"? [a, b]\n: 1\n")


@pytest.mark.django_db
@pytest.mark.parametrize("as_json", [False, True])
def test_nul_in_a_text_value_is_refused_with_its_place(as_json):
    data = small_with(title="Internasjonal\x00strategi")
    raw = json.dumps(data, default=str).encode() if as_json else yaml.safe_dump(data).encode()
    message = refused(raw, "a.json" if as_json else "a.yaml")
    assert "strategy.title: must not contain NUL characters" in message


@pytest.mark.django_db
def test_a_lone_surrogate_is_refused_with_its_place():
    raw = json.dumps(small_with(vision="\ud800")).encode()
    assert "strategy.vision: contains characters that are not valid Unicode" in refused(
        raw, "a.json"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    [b"\x00format: x", "format: x".encode("utf-16"), b"format: \xff\xfe\xfa", b"\xef\xbb\xbf\x00"],
)
def test_nul_bytes_and_other_encodings_are_refused(raw):
    assert "not UTF-8" in refused(raw)


@pytest.mark.django_db
def test_an_oversize_file_gets_a_message_whatever_the_way_in(settings):
    settings.IMPORT_MAX_BYTES = 1000
    assert "at most 1000" in refused(b"# " + b"x" * 2000)


@pytest.mark.django_db
def test_a_key_with_a_trailing_newline_is_refused():
    data = copy.deepcopy(SMALL_DATA)
    data["partners"][0]["key"] = "ks\n"
    assert "partners[0].key" in refused(yaml.safe_dump(data).encode())


@pytest.mark.django_db
def test_html_and_sql_in_text_are_stored_as_text():
    title = "<script>alert(1)</script>'; DROP TABLE goals_strategy; --"
    strategy = import_file(yaml.safe_dump(small_with(title=title)).encode())
    strategy.refresh_from_db()
    assert strategy.title == title


@pytest.mark.django_db
def test_an_error_message_about_a_huge_value_stays_short():
    message = refused(yaml.safe_dump(small_with(title=[{"k": "x" * 5000}] * 100)).encode())
    assert len(message) < 2000
