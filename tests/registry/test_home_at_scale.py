"""The home page at national scale: a search box, the member's own municipality first,
one page of municipalities by country, and the same number of queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from goals.selectors import HOME_PAGE_SIZE
from tests.factories import MunicipalityFactory, StrategyFactory, member

from .bulk import many_municipalities

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm: the glance figures and the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_home_pages_the_municipalities_instead_of_listing_them_all(client):
    many_municipalities(HOME_PAGE_SIZE + 5)
    body = client.get(reverse("home")).content.decode()
    assert body.count('class="card h-100"') == HOME_PAGE_SIZE
    assert "Bulk NO 0000" in body and f"Bulk NO {HOME_PAGE_SIZE + 4:04d}" not in body
    assert "Page 1 of 2" in body
    second = client.get(reverse("home"), {"page": 2}).content.decode()
    assert f"Bulk NO {HOME_PAGE_SIZE + 4:04d}" in second
    assert second.count('class="card h-100"') == 5


def test_home_groups_by_country_and_filters_by_it(client):
    many_municipalities(2, country="NO")
    many_municipalities(2, country="SE")
    body = client.get(reverse("home")).content.decode()
    assert body.index(">Norway</h2>") < body.index(">Sweden</h2>")
    swedish = client.get(reverse("home"), {"country": "SE"}).content.decode()
    assert "Bulk SE 0000" in swedish and "Bulk NO 0000" not in swedish
    # An unknown country is ignored, not an error.
    assert client.get(reverse("home"), {"country": "XX", "page": "x"}).status_code == 200


def test_home_offers_the_search_across_municipalities(client):
    body = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("dashboards:compare")}"' in body and 'name="q"' in body


def test_a_member_sees_their_own_municipality_first_even_unpublished(client):
    many_municipalities(HOME_PAGE_SIZE + 1)
    own = MunicipalityFactory(slug="zz-own", name="Zz Egen kommune", is_published=False)
    StrategyFactory(municipality=own)
    client.force_login(member(Role.POLITICIAN, own))
    body = client.get(reverse("home")).content.decode()
    assert body.index('id="own-municipality"') < body.index("Bulk NO 0000")
    assert own.get_absolute_url() in body


def test_home_never_lists_another_unpublished_municipality(client):
    many_municipalities(3, published=False)
    body = client.get(reverse("home")).content.decode()
    assert "Bulk NO 0000" not in body


@pytest.mark.parametrize("signed_in", [False, True])
def test_home_costs_the_same_queries_with_3_and_with_120_municipalities(client, signed_in):
    many_municipalities(3)
    if signed_in:
        own = MunicipalityFactory(slug="egen", name="Egen kommune")
        StrategyFactory(municipality=own)
        client.force_login(member(Role.POLITICIAN, own))
    filtered = reverse("home") + "?page=2&country=NO"
    few, few_filtered = _queries(client, reverse("home")), _queries(client, filtered)
    many_municipalities(117, first=3)
    assert _queries(client, reverse("home")) == few
    # A country adds one query (its counties), at any size.
    assert _queries(client, filtered) == few_filtered <= few + 1
