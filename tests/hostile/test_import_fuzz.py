"""Random and hostile strategy files: the importer answers with StrategyFileError (a list
of messages) or imports the file, never another error, and an error writes nothing."""

import copy
import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st

from strategy_files.importer import StrategyFileError, import_file, parse_file
from tests.importer.conftest import SMALL

from .conftest import changed, row_counts
from .strategies import FUZZ, examples, file_value, hostile_value

SMALL_DATA = parse_file(SMALL)

yaml_tokens = st.sampled_from(
    [
        "format: strategy-portal/1\n",
        "municipality:\n",
        "  slug: testby\n",
        "strategy:\n",
        "- ",
        "  ",
        ": ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "<<: *a\n",
        "? ",
        "!!python/object:os.system ",
        "!!python/name:os.system ",
        "!!binary ",
        "!!int ",
        "!!float ",
        "!!timestamp ",
        "!!set ",
        "!!omap ",
        "!!str ",
        "!!bool ",
        "!mytag ",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        "---\n",
        "...\n",
        "|\n",
        ">-\n",
        "'",
        '"',
        "\\0",
        "\\x00",
        "\\ud800",
        "\\U0010FFFF",
        "#",
        "~",
        "null",
        "0x1F",
        "1e999",
        ".nan",
        "2019-13-45",
        "9" * 500,
        "\t",
        "\x00",
        "\ufeff",
        "\x85",
        "\u2028",
    ]
)
yaml_text = st.lists(st.one_of(yaml_tokens, st.text(max_size=8)), max_size=40).map("".join)


def _paths(value, prefix=()):
    """Every place in a file's data that a value could be swapped into."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


PATHS = [path for path in _paths(SMALL_DATA) if path]


@st.composite
def mutated_files(draw):
    """The small test file with a few values swapped for hostile ones, as YAML or JSON."""
    data = copy.deepcopy(SMALL_DATA)
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=4)):
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.integers(0, 9)) == 0 and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(st.one_of(hostile_value, file_value))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier swap replaced the parent
    if draw(st.booleans()):
        return "strategi.json", json.dumps(data, default=str, ensure_ascii=False).encode()
    return "strategi.yaml", yaml.safe_dump(data, allow_unicode=True).encode()


def _import_or_refuse(raw, name):
    before = row_counts()
    try:
        import_file(raw, name)
    except StrategyFileError as error:
        event("refused")
        assert error.errors and all(isinstance(e, str) for e in error.errors)
        assert changed(before, row_counts()) == {}, "a refused file wrote rows"
    else:
        event("imported")


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=3000), name=st.sampled_from(["a.yaml", "a.json", "a", None]))
def test_random_bytes_are_parsed_or_refused(raw, name):
    try:
        data = parse_file(raw, name)
    except StrategyFileError as error:
        assert error.errors
    else:
        assert isinstance(data, dict)


@pytest.mark.django_db
@FUZZ
@given(text=yaml_text)
def test_random_yaml_is_imported_or_refused_with_nothing_written(text):
    _import_or_refuse(text.encode("utf-8", "surrogatepass"), "strategi.yaml")


@pytest.mark.django_db
@settings(FUZZ, max_examples=examples(60))
@given(file=mutated_files())
def test_a_valid_file_with_hostile_values_is_imported_or_refused_with_nothing_written(file):
    name, raw = file
    _import_or_refuse(raw, name)


@pytest.mark.django_db
@FUZZ
@given(file=st.one_of(mutated_files(), st.tuples(st.just("x.yaml"), st.binary(max_size=500))))
def test_admin_import_page_never_fails_and_writes_nothing_on_error(client, superuser, file):
    client.force_login(superuser)
    name, raw = file
    before = row_counts()
    response = client.post(
        reverse("admin:goals_strategy_import"), {"file": SimpleUploadedFile(name, raw)}
    )
    assert response.status_code < 500
    if response.status_code != 302:
        assert response.status_code == 200
        assert changed(before, row_counts()) == {}
