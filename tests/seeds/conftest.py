"""A seed test module names its file (`FIXTURE = fixtures/<seed>.yaml`); the seed is
imported once for the module's tests, which only read it (tests/factories.py
`rows_for_module`), and each test gets the strategy afresh from the database."""

import pytest

from goals.models import Strategy
from strategy_files.importer import import_file
from tests.factories import rows_for_module


@pytest.fixture(scope="module")
def imported_seed(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The primary key of the module's seed strategy, imported once."""
    path = request.module.FIXTURE
    media = tmp_path_factory.mktemp("media")
    yield from rows_for_module(django_db_blocker, media, lambda: import_file(path).pk)


@pytest.fixture
def strategy(imported_seed, db):
    return Strategy.objects.get(pk=imported_seed)


@pytest.fixture
def municipality(strategy):
    return strategy.municipality
