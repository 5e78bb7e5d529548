"""Shared test fixtures: the five seed strategies and one user per role."""

import pytest

# The real-Celery-worker fixture (`workers`), shared by report, fault and browser tests.
pytest_plugins = ["tests.workers"]


@pytest.fixture(autouse=True)
def _test_settings(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing: tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests read English messages unless they choose a language (i18n tests do).
    settings.LANGUAGE_CODE = "en"
    settings.LANGUAGE_FROM_MUNICIPALITY = False
    # django-axes needs a request in authenticate(); the test client's login() has none.
    # Login throttling has its own tests (tests/security), which put it back.
    settings.AUTHENTICATION_BACKENDS = ["accounts.backends.MemberBackend"]
    # Each test starts with an empty cache: ids are reused once a test's rows roll back.
    from django.core.cache import cache

    import dashboards.cache

    cache.clear()
    dashboards.cache._paused_until = 0.0  # a test that stopped the cache does not pause others


@pytest.fixture
def admin(client):
    """The client signed in as the portal's administrator (superuser, every municipality)."""
    from accounts.models import Role
    from tests.factories import member

    user = member(Role.ADMIN, None, username="admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    # Unit tests run Celery tasks in-process; tests marked `worker` use the real broker.
    from strategy_portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


# `make test-fast` leaves out what drives a browser, starts processes or crawls; the
# directories say which tests those are, so a new test there is marked without a decorator.
_MARKS_BY_DIRECTORY = {
    "browser": "browser",
    "topology": "stack",
    "faults": "stack",
    "crawl": "slow",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = item.path.parts
        if "tests" not in parts:
            continue
        directory = parts[parts.index("tests") + 1] if len(parts) > parts.index("tests") + 1 else ""
        mark = _MARKS_BY_DIRECTORY.get(directory)
        if mark:
            item.add_marker(mark)
