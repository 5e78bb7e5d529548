"""The municipality's official number (kommunenummer, kommunkod) and county (fylke, län):
kept in the admin, shown on its page, and the home page's grouping and filter."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from goals.models import Municipality
from tests.factories import MunicipalityFactory

from .bulk import many_municipalities

pytestmark = pytest.mark.django_db


def test_home_groups_a_country_by_county_and_filters_by_one(client):
    many_municipalities(2, country="NO", county="Innlandet")
    many_municipalities(2, first=2, country="NO", county="Agder")
    body = client.get(reverse("home")).content.decode()
    # Counties in alphabetical order inside the country, each a heading.
    assert body.index("Agder") < body.index("Bulk NO 0002") < body.index("Innlandet")
    assert body.index("Innlandet") < body.index("Bulk NO 0000")
    # Once a country is chosen, its counties are offered as a filter.
    norwegian = client.get(reverse("home"), {"country": "NO"}).content.decode()
    assert "county=Innlandet" in norwegian and "All counties" in norwegian
    agder = client.get(reverse("home"), {"country": "NO", "county": "Agder"}).content.decode()
    assert "Bulk NO 0002" in agder and "Bulk NO 0000" not in agder
    # A county no visible municipality has is ignored, not an error or an empty page.
    made_up = client.get(reverse("home"), {"country": "NO", "county": "<b>Atlantis"})
    assert made_up.status_code == 200 and "Bulk NO 0000" in made_up.content.decode()
    assert "<b>Atlantis" not in made_up.content.decode()


def test_a_county_with_non_ascii_letters_pages_with_its_filter_kept(client):
    many_municipalities(30, country="SE", county="Västra Götalands län")
    body = client.get(reverse("home"), {"country": "SE", "county": "Västra Götalands län"})
    assert "county=V%C3%A4stra+G%C3%B6talands+l%C3%A4n" in body.content.decode()


def test_the_county_filter_never_names_an_unpublished_municipalitys_county(client):
    many_municipalities(1, country="NO", county="Troms")
    many_municipalities(1, first=1, country="NO", county="Hemmelig fylke", published=False)
    body = client.get(reverse("home"), {"country": "NO"}).content.decode()
    assert "Troms" in body and "Hemmelig fylke" not in body


def test_the_municipality_page_shows_its_number_and_county(client):
    hamar = MunicipalityFactory(
        slug="hamar", name="Hamar", number="3403", county="Innlandet", is_published=True
    )
    body = client.get(hamar.get_absolute_url()).content.decode()
    assert "3403" in body and "Innlandet" in body


def test_a_number_is_unique_within_a_country_not_across_countries():
    MunicipalityFactory(slug="a", country="NO", number="0301")
    MunicipalityFactory(slug="b", country="SE", number="0301")
    # Municipalities without a number are many.
    MunicipalityFactory(slug="c", country="NO", number="")
    MunicipalityFactory(slug="d", country="NO", number="")
    with pytest.raises(IntegrityError):
        MunicipalityFactory(slug="e", country="NO", number="0301")


def _admin_form(municipality):
    data = {
        field: getattr(municipality, field)
        for field in [
            "slug",
            "name",
            "country",
            "language",
            "currency",
            "label_goal_area",
            "label_goal_area_plural",
            "label_goal",
            "label_strategy_point",
            "label_action",
            "label_action_plural",
        ]
    }
    return data


def test_an_administrator_sets_the_number_and_county_in_the_admin(admin):
    client = admin
    hamar = MunicipalityFactory(slug="hamar", name="Hamar", country="NO")
    url = reverse("admin:goals_municipality_change", args=[hamar.pk])
    response = client.post(url, {**_admin_form(hamar), "number": "3403", "county": "Innlandet"})
    assert response.status_code == 302
    hamar.refresh_from_db()
    assert (hamar.number, hamar.county) == ("3403", "Innlandet")
    assert hamar.history.first().number == "3403"  # traceable


@pytest.mark.parametrize("number", ["301", "03011", "03a1", "٠٣٠١"])
def test_a_number_that_is_not_four_digits_is_a_form_error(admin, number):
    client = admin
    hamar = MunicipalityFactory(slug="hamar", name="Hamar", country="NO")
    url = reverse("admin:goals_municipality_change", args=[hamar.pk])
    response = client.post(url, {**_admin_form(hamar), "number": number})
    assert response.status_code == 200
    assert "is not a municipality number" in response.content.decode() or (
        "at most 4" in response.content.decode()
    )
    hamar.refresh_from_db()
    assert hamar.number == ""


def test_a_number_another_municipality_of_the_country_has_is_a_form_error(admin):
    client = admin
    MunicipalityFactory(slug="oslo", name="Oslo", country="NO", number="0301")
    hamar = MunicipalityFactory(slug="hamar", name="Hamar", country="NO")
    url = reverse("admin:goals_municipality_change", args=[hamar.pk])
    response = client.post(url, {**_admin_form(hamar), "number": "0301"})
    assert response.status_code == 200
    assert "already has this number" in response.content.decode()
    assert Municipality.objects.get(pk=hamar.pk).number == ""
