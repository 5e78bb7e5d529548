"""The open-data API answers GET and HEAD only, and a parameter that is not of its
documented type is a 400 that says which and how, in the API's own error shape."""

import pytest
from django.urls import reverse


def test_head_is_the_get_without_a_body(client, world):
    url = reverse("api:actions")
    got = client.get(url, {"municipality": "hamar"})
    head = client.head(url, {"municipality": "hamar"})
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["Last-Modified"] == got["Last-Modified"]
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anything_but_reading_is_405(client, world, method):
    for url in [reverse("api:actions"), reverse("api:strategy", args=["hamar-2020"])]:
        assert getattr(client, method)(url).status_code == 405


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": "xml"}, "format must be json or csv."),
        ({"page": "0"}, "page must be a whole number from 1."),
        ({"page_size": "ten"}, "page_size must be a whole number from 1 to 500."),
        ({"year": "last"}, "year must be a whole number."),
    ],
)
def test_a_parameter_of_the_wrong_type_says_which(client, world, params, message):
    response = client.get(reverse("api:follow_ups"), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": message}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_empty_parameter_is_one_left_out(client, world):
    params = {"page": "", "page_size": "", "year": "", "format": "", "municipality": ""}
    body = client.get(reverse("api:follow_ups"), params).json()
    assert (body["count"], body["page"], [f["year"] for f in body["results"]]) == (1, 1, [2024])


def test_an_unknown_slug_is_the_apis_404(client, world):
    response = client.get(reverse("api:municipality", args=["nowhere"]))
    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}
