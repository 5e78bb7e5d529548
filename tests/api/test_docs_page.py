"""The API's documentation page (/api/v1/docs/): every endpoint of the schema with its
parameters, a curl line and an answer's shape, in the visitor's language, no script."""

import json
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator

from api.docs import openapi
from tests.api.openapi import endpoints
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def _examples(html):
    blocks = re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", html, re.S)
    return [block for block in blocks if not block.startswith("curl")]


def test_every_endpoint_with_parameters_curl_and_a_valid_example(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]
    assert "cdn" not in html.lower()
    components = openapi()["components"]
    examples = _examples(html)
    listed = endpoints()
    assert len(examples) == len(listed)
    for (path, _op, schema, filters), example in zip(listed, examples, strict=True):
        assert f"GET /api/v1{path}" in html
        for parameter in filters:
            assert f"<code>{parameter}</code>" in html
        text = example.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
        validator = Draft202012Validator({**schema, "components": components})
        assert not list(validator.iter_errors(json.loads(text))), path
    assert "curl -s &#x27;http://testserver/api/v1/actions/?municipality=example&#x27;" in html
    assert reverse("api:schema") in html


@pytest.mark.parametrize(
    "language, title",
    [("nb", "API for åpne data"), ("nn", "API for opne data"), ("sv", "API för öppna data")],
)
def test_in_the_visitors_language(client, language, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("api:docs")).content.decode()
    assert f"<h1>{title}</h1>" in html


def test_linked_from_the_public_page(client, world):
    html = client.get(reverse("dashboards:public", args=["hamar"])).content.decode()
    assert reverse("api:docs") in html


def test_names_no_municipality(client, world):
    # The link crawler checks that an unpublished seed's name appears on no page.
    html = client.get(reverse("api:docs")).content.decode().lower()
    assert "hamar" not in html and "skjult" not in html


def test_constant_queries_and_read_only(client, world):
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("api:docs"))
    for i in range(10):
        ActionFactory(goal_area=world["action"].goal_area, code=f"9.{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("api:docs"), {"page": "\x00", "x": "<script>"})
    assert len(many) == len(few)
    assert client.post(reverse("api:docs")).status_code == 405
