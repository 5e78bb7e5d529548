"""Fixtures of the tenancy review: our municipality and a secret neighbour."""

import pytest

from .tenancy_world import build


@pytest.fixture
def world(db):
    return build()


@pytest.fixture
def own(world):
    return world[0]


@pytest.fixture
def other(world):
    return world[1]
