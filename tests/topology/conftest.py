"""The real stack needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).

Skipped without them locally; with CI=true a missing one is a failure, so CI cannot
silently skip these tests.
"""

import os

import pytest

from .stack import postgres_server_url


def require(condition, message):
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: these tests must run in CI, not be skipped)")
    pytest.skip(message)


@pytest.fixture
def postgres_server():
    server = postgres_server_url(os.environ.get("DATABASE_URL"))
    require(server, "DATABASE_URL is not a postgres:// URL: the stack needs PostgreSQL")
    return server


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    require(url, "REDIS_URL is not set: the stack needs a Redis broker")
    return url
