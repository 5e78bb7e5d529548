"""The open-data API names each municipality's official number and county, or null."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_the_number_and_county_are_in_the_list_and_the_detail(client):
    MunicipalityFactory(
        slug="hamar", name="Hamar", number="3403", county="Innlandet", is_published=True
    )
    MunicipalityFactory(slug="time", name="Time", is_published=True)
    rows = {m["slug"]: m for m in client.get(reverse("api:municipalities")).json()["results"]}
    assert (rows["hamar"]["number"], rows["hamar"]["county"]) == ("3403", "Innlandet")
    assert (rows["time"]["number"], rows["time"]["county"]) == (None, None)
    detail = client.get(reverse("api:municipality", args=["hamar"])).json()
    assert (detail["number"], detail["county"]) == ("3403", "Innlandet")
