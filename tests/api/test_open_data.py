"""The open-data API (/api/v1/): published municipalities' plans as JSON for anyone,
never a draft, an unpublished municipality, an unapproved or demo follow-up, or a person."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from tests.factories import (
    ActionFactory,
    member,
)

LISTS = ["municipalities", "strategies", "actions", "follow_ups", "indicators", "partners"]
LISTS += ["twin_towns", "goal_areas", "goals", "strategy_points"]


def _get(client, name, *args, **params):
    return client.get(reverse(f"api:{name}", args=args), params)


def test_actions_of_published_adopted_strategies_only(client, world):
    response = _get(client, "actions")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 1
    (action,) = body["results"]
    assert action["code"] == "1.1"
    assert action["strategy"] == "hamar-2020"
    assert action["goal_area"] == "1"
    assert action["responsible"] == "Kultur"
    assert action["partners"] == ["ks"]
    assert action["twin_towns"] == ["fredrikshavn"]


def test_follow_ups_are_approved_and_real_only_with_funding(client, world):
    body = _get(client, "follow_ups").json()
    assert [(f["action"], f["year"]) for f in body["results"]] == [("1.1", 2024)]
    (funding,) = body["results"][0]["external_funding"]
    assert funding["amount"] == "5000.00"


@pytest.mark.parametrize("name", LISTS)
def test_no_endpoint_shows_unpublished_draft_unapproved_or_a_person(client, world, name):
    content = _get(client, name).content.decode()
    content += _get(client, name, format="csv").content.decode()
    for secret in ["skjult", "Hemmeleg", "hamar-utkast", "Utkast-tiltak", "kari", "Godt jobba"]:
        assert secret not in content, (name, secret)
    assert "2025" not in content or name != "follow_ups"


def test_unpublished_municipality_and_draft_strategy_are_404(client, world):
    assert _get(client, "municipality", "skjult").status_code == 404
    assert _get(client, "strategy", "skjult-plan").status_code == 404
    assert _get(client, "strategy", "hamar-utkast").status_code == 404
    assert _get(client, "municipality", "hamar").status_code == 200


def test_members_see_the_public_data_too_not_their_drafts(client, world):
    client.force_login(member(Role.COORDINATOR, world["public"], username="k2"))
    assert _get(client, "strategy", "hamar-utkast").status_code == 404
    assert _get(client, "follow_ups").json()["count"] == 1


def test_strategy_has_its_level_names_goal_areas_and_goals(client, world):
    body = _get(client, "strategy", "hamar-2020").json()
    assert body["labels"]["goal_area"] == "Satsingsområde"
    assert body["goal_areas"][0]["goals"][0]["code"] == "1.1"
    municipality = _get(client, "municipality", "hamar").json()
    assert [s["slug"] for s in municipality["strategies"]] == ["hamar-2020"]


def test_filters(client, world):
    assert _get(client, "actions", strategy="hamar-2020").json()["count"] == 1
    assert _get(client, "actions", municipality="skjult").json()["count"] == 0
    assert _get(client, "follow_ups", year=2023).json()["count"] == 0
    assert _get(client, "follow_ups", year="x").status_code == 400


def test_pagination_and_constant_queries_per_page(client, world):
    area = world["action"].goal_area
    with CaptureQueriesContext(connection) as few:
        _get(client, "actions", page_size=2)
    for i in range(12):
        action = ActionFactory(goal_area=area, code=f"2.{i}")
        action.partners.add(*world["action"].partners.all())
    with CaptureQueriesContext(connection) as many:
        body = _get(client, "actions", page_size=5, page=2).json()
    assert len(many) == len(few)
    assert (body["count"], body["page"], body["pages"], len(body["results"])) == (13, 2, 3, 5)
    assert "page=3" in body["next"] and "page=1" in body["previous"]
    assert _get(client, "actions", page=99).status_code == 400


def test_conditional_get_cors_and_read_only(client, world):
    response = _get(client, "actions")
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(reverse("api:actions"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.post(reverse("api:actions")).status_code == 405


def test_throttled_per_client_address(client, world, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    statuses = [_get(client, "index").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_lists_download_as_csv_with_nested_values_flattened(client, world):
    response = _get(client, "actions", strategy="hamar-2020", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = dict(zip(header, row, strict=True))
    assert (values["code"], values["partners"], values["twin_towns"]) == (
        "1.1",
        "ks",
        "fredrikshavn",
    )
    response = _get(client, "follow_ups", format="csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert '"amount": "5000.00"' in dict(zip(header, row, strict=True))["external_funding"]
