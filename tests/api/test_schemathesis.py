"""Schemathesis drives the open-data API from its own OpenAPI document (/api/v1/schema/)
on two seed plans, with a draft strategy, an unpublished municipality and unapproved
follow-ups present: for every operation, generated filters, pages and slugs get a
documented status, content type, headers and body, never a server error and never a
hidden row. Bounded: a few examples an operation, the same ones on every run."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from goals.models import Municipality, Strategy
from strategy_files.importer import import_file
from tests.api.test_schema import FIXTURES

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6
HIDDEN = ["skjult", "Skjult", "Hemmeleg", "hamar-utkast", "Utkast-tiltak", "kari", "Godt jobba"]


@pytest.fixture
def app(settings):
    """The portal as a WSGI application in this test's transaction: Django's test client
    keeps the connection the same way (no closing between requests)."""
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.API_REQUESTS_PER_MINUTE = 100_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeds(world):
    before = set(Municipality.objects.values_list("pk", flat=True))
    for seed in ("time", "tranas"):
        import_file(FIXTURES / f"{seed}.yaml")
    Municipality.objects.exclude(pk__in=before).update(is_published=True)
    return world


def _check(case):
    response = case.call_and_validate(checks=CHECKS)
    for hidden in HIDDEN:
        assert hidden not in response.text, (case.path, case.query, hidden)
    return response


def test_every_operation_answers_as_its_schema_says(app, seeds):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def answers(case):
            _check(case)

        answers()

    # Generated slugs are almost never real ones: the details of every seed too.
    published = Municipality.objects.filter(is_published=True)
    strategies = Strategy.objects.filter(municipality__in=published).exclude(status="draft")
    details = {op.path: op for op in operations if "{slug}" in op.path}
    for slug in published.values_list("slug", flat=True):
        case = details["/municipalities/{slug}/"].Case(path_parameters={"slug": slug})
        assert _check(case).status_code == 200
    for slug in strategies.values_list("slug", flat=True):
        case = details["/strategies/{slug}/"].Case(path_parameters={"slug": slug})
        assert _check(case).status_code == 200
