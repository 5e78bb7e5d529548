"""Last-Modified and If-Modified-Since on the open-data API: every answer says when the
plan data it holds last changed; a client that has it gets a 304, until the plan changes."""

import time
import types

import pytest
from django.urls import reverse
from django.utils.http import http_date, parse_http_date

import dashboards.cache
from partners.models import Partner

LISTS = ["municipalities", "strategies", "actions", "follow_ups", "indicators", "partners"]
LISTS += ["twin_towns"]


def _urls():
    urls = [reverse(f"api:{name}") for name in [*LISTS, "index", "schema"]]
    urls += [reverse("api:municipality", args=["hamar"])]
    urls += [reverse("api:strategy", args=["hamar-2020"])]
    urls += [reverse("api:actions") + "?municipality=hamar&format=csv"]
    return urls


@pytest.fixture
def clock(monkeypatch):
    """The plan stamps' clock, moved by hand (no sleeps)."""
    fake = types.SimpleNamespace(now=time.time(), monotonic=time.monotonic)
    fake.time = lambda: fake.now
    monkeypatch.setattr(dashboards.cache, "time", fake)
    return fake


def test_every_answer_has_last_modified_and_a_304_for_it(client, world):
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 200, url
        since = response["Last-Modified"]
        assert parse_http_date(since) <= time.time() + 1, url
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=since)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["Last-Modified"] == since and again["ETag"] == response["ETag"]
        assert again["Access-Control-Allow-Origin"] == "*"


def test_a_change_to_the_plan_is_a_new_last_modified(client, world, clock):
    url = reverse("api:actions")
    since = client.get(url, {"municipality": "hamar"})["Last-Modified"]
    clock.now += 1000
    action = world["action"]
    action.title = "Vennskapsbyveke 2"
    action.save()
    response = client.get(url, {"municipality": "hamar"}, HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200
    assert "Vennskapsbyveke 2" in response.content.decode()
    assert response["Last-Modified"] == http_date(int(clock.now))
    # A partner linked to an action (a many-to-many change) moves it too.
    since = response["Last-Modified"]
    clock.now += 1000
    action.partners.clear()
    again = client.get(url, {"municipality": "hamar"}, HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 200 and again.json()["results"][0]["partners"] == []


def test_a_change_elsewhere_leaves_a_municipalitys_data_not_modified(client, world, clock):
    scoped = client.get(reverse("api:partners"), {"municipality": "hamar"})
    detail = client.get(reverse("api:municipality", args=["hamar"]))
    everything = client.get(reverse("api:partners"))
    clock.now += 1000
    Partner.objects.create(municipality=world["hidden"], key="ny", name="Ny", country="NO")
    assert (
        client.get(
            reverse("api:partners"),
            {"municipality": "hamar"},
            HTTP_IF_MODIFIED_SINCE=scoped["Last-Modified"],
        ).status_code
        == 304
    )
    assert (
        client.get(
            reverse("api:municipality", args=["hamar"]),
            HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"],
        ).status_code
        == 304
    )
    # The unfiltered list cannot tell: it is modified as soon as any plan is.
    response = client.get(
        reverse("api:partners"), HTTP_IF_MODIFIED_SINCE=everything["Last-Modified"]
    )
    assert response.status_code == 200


def test_publishing_a_municipality_modifies_the_lists(client, world, clock):
    url = reverse("api:municipalities")
    since = client.get(url)["Last-Modified"]
    clock.now += 1000
    world["hidden"].is_published = True
    world["hidden"].save()
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=since)
    assert response.status_code == 200 and response.json()["count"] == 2


def test_an_etag_that_no_longer_matches_wins_over_the_date(client, world, clock):
    url = reverse("api:actions")
    first = client.get(url)
    response = client.get(
        url, HTTP_IF_NONE_MATCH='"stale"', HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert response.status_code == 200


def test_a_lost_cache_is_modified_now_never_earlier(client, world, clock):
    url = reverse("api:actions")
    since = client.get(url)["Last-Modified"]
    dashboards.cache.cache.clear()
    clock.now += 1000
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=since).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"municipality": "ha\x00mar"},
        {"page": "\x00"},
        {"year": "1e999"},
        {"page_size": "-1"},
        {"municipality": "x" * 5000},
    ],
)
def test_hostile_parameters_are_a_400_or_an_empty_list(client, world, params):
    response = client.get(reverse("api:follow_ups"), params)
    assert response.status_code in (200, 400)
    if response.status_code == 400 and response["Content-Type"] == "application/json":
        assert response.json()["error"]
    for value in ["not a date", "\x00", "x" * 300]:
        assert client.get(reverse("api:actions"), HTTP_IF_MODIFIED_SINCE=value).status_code == 200
