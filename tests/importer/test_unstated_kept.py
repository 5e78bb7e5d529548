"""A re-import changes only what the file states: what it is silent about stays as it is."""

import pytest

from goals.models import Municipality, Strategy
from strategy_files.exporter import export_strategy
from strategy_files.importer import import_strategy

pytestmark = pytest.mark.django_db


def test_reimport_without_published_keeps_the_municipality_published(small_data):
    import_strategy(small_data)
    Municipality.objects.filter(slug="testby").update(is_published=True)  # the admin's box
    del small_data["municipality"]["published"]  # create: true, no `published`

    import_strategy(small_data)

    assert Municipality.objects.get(slug="testby").is_published is True


def test_first_import_without_published_creates_an_unpublished_municipality(small_data):
    del small_data["municipality"]["published"]
    import_strategy(small_data)
    assert Municipality.objects.get(slug="testby").is_published is False


def test_stated_published_still_changes_it(small_data):
    import_strategy(small_data)
    small_data["municipality"]["published"] = True
    import_strategy(small_data)
    assert Municipality.objects.get(slug="testby").is_published is True


def test_reimport_keeps_strategy_fields_and_texts_the_file_leaves_out(small_data):
    import_strategy(small_data)
    plan = small_data["strategy"]
    for key in ("adopted_by", "adopted_on", "vision", "status", "period", "statements"):
        del plan[key]

    strategy = import_strategy(small_data)

    strategy.refresh_from_db()
    assert strategy.adopted_by == "Kommunestyret"
    assert str(strategy.adopted_on) == "2024-02-15"
    assert strategy.vision == "Åpen og internasjonal"
    assert (strategy.period_start, strategy.period_end) == (2024, 2027)
    assert strategy.statements.count() == 2
    # The export still writes every key, so a round trip stays exact.
    exported = export_strategy(strategy)["strategy"]
    assert exported["adopted_by"] == "Kommunestyret"
    assert exported["period"] == {"start": 2024, "end": 2027}


def test_reimport_with_only_the_period_end_keeps_the_start(small_data):
    import_strategy(small_data)
    small_data["strategy"]["period"] = {"end": 2030}
    import_strategy(small_data)
    strategy = Strategy.objects.get(slug="testby-2024-2027")
    assert (strategy.period_start, strategy.period_end) == (2024, 2030)


def test_stated_empty_values_still_clear(small_data):
    import_strategy(small_data)
    small_data["strategy"]["vision"] = ""
    small_data["strategy"]["statements"] = []
    strategy = import_strategy(small_data)
    strategy.refresh_from_db()
    assert strategy.vision == ""
    assert strategy.statements.count() == 0
