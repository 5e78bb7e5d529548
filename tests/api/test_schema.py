"""Every API response validates against the API's own OpenAPI schema (/api/v1/schema/),
on real seed plans and on the visibility test's world with drafts and unpublished data."""

from pathlib import Path

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from goals.models import Municipality, Strategy
from strategy_files.importer import import_file
from tests.api.openapi import endpoints

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _validate(client, openapi, url, schema):
    response = client.get(url, {"page_size": 500})
    assert response.status_code == 200, url
    validator = Draft202012Validator({**schema, "components": openapi["components"]})
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, (url, [e.message for e in errors[:3]])


def _validate_every_endpoint(client):
    openapi = client.get(reverse("api:schema")).json()
    Draft202012Validator.check_schema({"$defs": openapi["components"]["schemas"]})
    municipality = Municipality.objects.filter(is_published=True).first()
    strategy = Strategy.objects.filter(municipality=municipality).exclude(status="draft").first()
    for path, _operation, schema, _filters in endpoints(openapi):
        url = "/api/v1" + path.replace(
            "{slug}", strategy.slug if "strateg" in path else municipality.slug
        )
        _validate(client, openapi, url, schema)


@pytest.mark.django_db
def test_responses_on_seed_plans_validate_against_the_schema(client):
    for seed in ("time", "tranas"):
        import_file(FIXTURES / f"{seed}.yaml")
    Municipality.objects.update(is_published=True)
    _validate_every_endpoint(client)


def test_responses_with_drafts_and_follow_ups_validate_against_the_schema(client, world):
    _validate_every_endpoint(client)


def test_every_url_of_the_api_is_described(client, db):
    from api.urls import urlpatterns

    described = {op for _p, op, *_rest in endpoints()} | {"index", "schema", "docs"}
    assert {p.name for p in urlpatterns} == described
