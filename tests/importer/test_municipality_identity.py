"""The municipality's number and county in the strategy file: optional, exported when set,
and a file silent about them keeps what the admin set."""

import pytest

from goals.models import Municipality
from strategy_files.exporter import export_strategy
from strategy_files.importer import import_strategy, validate
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_file_sets_the_number_and_county_and_the_export_writes_them(small_data):
    small_data["municipality"].update(number="3403", county="Innlandet")
    strategy = import_strategy(small_data)
    testby = Municipality.objects.get(slug="testby")
    assert (testby.number, testby.county) == ("3403", "Innlandet")
    exported = export_strategy(strategy)["municipality"]
    assert (exported["number"], exported["county"]) == ("3403", "Innlandet")


def test_a_file_without_them_keeps_what_the_admin_set(small_data):
    strategy = import_strategy(small_data)
    assert "number" not in export_strategy(strategy)["municipality"]  # files as before
    Municipality.objects.filter(slug="testby").update(number="3403", county="Innlandet")
    import_strategy(small_data)
    testby = Municipality.objects.get(slug="testby")
    assert (testby.number, testby.county) == ("3403", "Innlandet")


@pytest.mark.parametrize(
    "number, message",
    [(301, "in quotes"), ("301", "four digits"), ("03a1", "four digits")],
)
def test_a_bad_number_is_a_clear_error_and_nothing_is_written(small_data, number, message):
    small_data["municipality"]["number"] = number
    errors = validate(small_data)
    assert any(e.startswith("municipality.number: ") and message in e for e in errors)
    assert not Municipality.objects.filter(slug="testby").exists()


def test_another_municipalitys_number_in_the_same_country_is_an_error(small_data):
    MunicipalityFactory(slug="oslo", name="Oslo", country="NO", number="0301")
    small_data["municipality"]["number"] = "0301"
    assert "municipality.number: 0301 is already the number of Oslo" in validate(small_data)
    # The same number in Sweden is another municipality's kommunkod: no clash.
    small_data["municipality"].update(country="SE", language="sv", currency="SEK")
    assert not [e for e in validate(small_data) if e.startswith("municipality.number")]
