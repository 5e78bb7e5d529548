"""Messages a newcomer can act on (issue 18, points 5 and 6): places counted from 1 with
the item's code in the plan's own words, lines and columns for encoding and YAML errors,
translated, ranges named, a spreadsheet pointed to the spreadsheet import."""

import pytest
from django.utils import translation

from strategy_files.importer import StrategyFileError, parse_file, validate

from .conftest import SMALL

pytestmark = pytest.mark.django_db


def _refusal(raw, name="strategi.yaml", language="en"):
    with translation.override(language), pytest.raises(StrategyFileError) as refused:
        parse_file(raw, name)
    return refused.value.errors[0]


def test_an_error_names_the_item_by_its_number_from_1_and_its_code(small_data):
    small_data["strategy"]["goal_areas"][1]["actions"][0]["responsible"] = "nope"
    with translation.override("en"):
        (error,) = validate(small_data)
    # The exact path first (searchable), then the place as a reader counts it.
    assert error.startswith("strategy.goal_areas[1].actions[0].responsible: ")
    assert error.endswith(' — satsingsområde 2 (code "2"), tiltak 1 (code "2.1")')


def test_the_place_uses_default_words_when_the_file_names_no_levels(small_data):
    del small_data["municipality"]["labels"]
    small_data["municipality"]["create"] = False
    small_data["partners"][0]["kind"] = "wizard"
    with translation.override("en"):
        errors = validate(small_data)
    key = small_data["partners"][0]["key"]
    assert any(e.endswith(f' — partner 1 (key "{key}")') for e in errors)


def _line_of(text, needle):
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_windows_1252_file_is_told_by_line_and_column():
    title = "Kurs i EU-søknader"
    raw = SMALL.read_bytes().replace(title.encode(), title.encode("cp1252"))
    message = _refusal(raw)
    assert f"line {_line_of(SMALL.read_text(encoding='utf-8'), title)}, column" in message
    assert "Windows-1252" in message


def test_an_unclosed_quote_is_reported_where_it_starts_and_in_swedish():
    text = SMALL.read_text(encoding="utf-8").replace(
        "title: Internasjonal strategi 2024–2027", 'title: "Internasjonal strategi', 1
    )
    line = _line_of(text, '"Internasjonal strategi')
    message = _refusal(text.encode(), language="sv")
    assert f"rad {line}" in message
    assert "expected" not in message and "but found" not in message


def test_a_tab_for_indentation_is_explained():
    text = SMALL.read_text(encoding="utf-8").replace(
        "  name: Testby kommune", "\tname: Testby kommune", 1
    )
    message = _refusal(text.encode())
    assert "tab" in message.lower() and "spaces" in message


def test_a_spreadsheet_given_to_the_strategy_importer_is_pointed_to_the_spreadsheet_import():
    message = _refusal(b"PK\x03\x04" + b"\x00" * 40, name="tiltak.xlsx")
    assert "spreadsheet" in message.lower()
    assert "UTF-8" not in message


def test_a_year_out_of_range_names_the_range(small_data):
    small_data["strategy"]["indicators"][0]["target_year"] = 2205
    with translation.override("en"):
        errors = validate(small_data)
    assert any("2205 is not a year: give a year from" in e for e in errors)


def test_swedish_level_names_on_a_norwegian_municipality_are_a_warning_not_an_error(
    small_data,
):
    from strategy_files.importer import run_import

    small_data["municipality"]["labels"]["action_plural"] = "Åtgärder"
    with translation.override("en"):
        result = run_import(small_data)
    assert result.strategy.pk  # imported
    (warning,) = result.warnings
    assert "action_plural" in warning and "looks Swedish" in warning


def test_level_names_in_the_municipalitys_own_language_give_no_warning(small_data):
    from strategy_files.importer import run_import

    assert run_import(small_data, dry_run=True).warnings == []


def test_the_command_prints_the_warning(tmp_path, capsys):
    from django.core.management import call_command

    mixed = tmp_path / "mixed.yaml"
    mixed.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "action_plural: Tiltak", "action_plural: Åtgärder"
        ),
        encoding="utf-8",
    )
    call_command("import_strategy", str(mixed), language="en")
    assert "Warning: municipality.labels.action_plural" in capsys.readouterr().out


def test_the_admin_import_page_speaks_the_users_language(client, settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    from django.contrib.auth.models import Permission

    from accounts.models import Role
    from tests.factories import MunicipalityFactory, member

    swedish = MunicipalityFactory(slug="sverigeby", language="sv")
    user = member(Role.COORDINATOR, swedish, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="goals"))
    client.force_login(user)
    page = client.get("/admin/goals/strategy/import/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Endast kontroll" in page  # the "Check only" button, in Swedish
    assert "Check only" not in page
