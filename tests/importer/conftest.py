"""Shared fixtures for the strategy file tests: the small test file, row counts."""

import copy
from pathlib import Path

import pytest
import yaml
from django.apps import apps

from strategy_files.importer import parse_file

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small.yaml"
SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*.yaml"))

WATCHED_APPS = {"goals", "partners", "actions", "accounts", "annual_reports", "auth"}


def row_counts():
    """Rows in every table of the project (history tables included)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in WATCHED_APPS
    }


@pytest.fixture
def small_data():
    return copy.deepcopy(parse_file(SMALL))


@pytest.fixture
def as_yaml():
    def dump(data):
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()

    return dump
