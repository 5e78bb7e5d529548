"""The registry of every twin town and partner across the municipalities a reader may see
(`/partners/`), filtered by country, status and municipality, paged, each row linked to
its municipality; and search finding them by their municipality's name."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from partners.directory import PAGE_SIZE
from partners.models import TwinTown, TwinTownAgreement
from tests.factories import MunicipalityFactory, PartnerFactory, TwinTownFactory, member
from tests.pages import shows_word

from .bulk import many_municipalities

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("partners:directory")


@pytest.fixture
def towns():
    hamar = MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)
    time = MunicipalityFactory(slug="time", name="Time", language="nn", is_published=True)
    secret = MunicipalityFactory(slug="hemmelig", name="Hemmelig", is_published=False)
    TwinTownFactory(municipality=hamar, key="skovde", name="Skövde", country="Sverige")
    TwinTownFactory(municipality=hamar, key="gyor", name="Győr", country="Ungarn", status="dormant")
    TwinTownFactory(municipality=time, key="skovde", name="Skövde", country="Sverige")
    TwinTownFactory(municipality=secret, key="skovde", name="Skövde", country="Sverige")
    TwinTownFactory(municipality=secret, key="hemmeligby", name="Hemmeligby", country="Norge")
    PartnerFactory(municipality=hamar, key="ks", name="KS Innlandet", country="Norge")
    PartnerFactory(municipality=time, key="icld", name="ICLD", country="Sverige", is_active=False)
    return {"hamar": hamar, "time": time, "secret": secret}


def test_every_published_municipalitys_twin_towns_linked_to_their_municipality(client, towns):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(reverse("partners:twin_town", args=["hamar", "skovde"])) == 1
    assert reverse("partners:twin_town", args=["time", "skovde"]) in body
    assert f'href="{towns["hamar"].get_absolute_url()}"' in body
    # An unpublished municipality's rows and name never show.
    assert not shows_word(response, "Hemmeligby") and not shows_word(response, "Hemmelig")


def test_each_twin_town_names_the_others_twinned_with_it(client, towns):
    body = client.get(DIRECTORY, {"municipality": "hamar"}).content.decode()
    row = body[body.index("Skövde") :]
    row = row[: row.index("</tr>")]
    assert f'href="{towns["time"].get_absolute_url()}">Time</a>' in row
    assert "Hemmelig" not in row


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"country": "Ungarn"}, ["Győr"], ["Skövde"]),
        ({"status": "dormant"}, ["Győr"], ["Skövde"]),
        ({"municipality": "time"}, ["Skövde"], ["Győr"]),
        ({"show": "partners"}, ["KS Innlandet", "ICLD"], ["Skövde"]),
        ({"show": "partners", "status": "active"}, ["KS Innlandet"], ["ICLD"]),
        ({"show": "partners", "country": "Sverige"}, ["ICLD"], ["KS Innlandet"]),
    ],
)
def test_filters(client, towns, query, shown, hidden):
    response = client.get(DIRECTORY, query)
    for name in shown:
        assert shows_word(response, name), name
    for name in hidden:
        assert not shows_word(response, name), name


def test_unknown_or_hostile_filters_are_ignored(client, towns):
    for query in [
        {"country": "x" * 1500},
        {"status": "'; drop"},
        {"show": "users"},
        {"page": "-1"},
    ]:
        response = client.get(DIRECTORY, query)
        assert response.status_code == 200
        assert shows_word(response, "Skövde") and not shows_word(response, "Hemmeligby")


def test_an_unpublished_municipality_asked_for_by_name_shows_nothing(client, towns):
    response = client.get(DIRECTORY, {"municipality": "hemmelig"})
    assert not shows_word(response, "Hemmeligby") and not shows_word(response, "Skövde")


def test_a_municipality_is_filtered_by_part_of_its_name(client, towns):
    response = client.get(DIRECTORY, {"municipality": "ham"})
    assert shows_word(response, "Győr") and shows_word(response, "Skövde")
    assert reverse("partners:twin_town", args=["time", "skovde"]) not in response.content.decode()


def test_a_member_also_sees_their_own_unpublished_municipalitys_rows(client, towns):
    client.force_login(member(Role.EDITOR, towns["secret"]))
    assert shows_word(client.get(DIRECTORY), "Hemmeligby")


def test_the_registry_is_paged_with_its_filters_kept(client):
    many_municipalities(PAGE_SIZE // 2 + 1)  # two twin towns each
    body = client.get(DIRECTORY, {"country": "Sverige"}).content.decode()
    assert body.count("<tr>") == PAGE_SIZE + 1  # the header row and one page
    assert "?page=2&amp;show=twin_towns&amp;country=Sverige&amp;status=&amp;municipality=" in body


@pytest.mark.parametrize("show", ["twin_towns", "partners"])
def test_the_registry_costs_the_same_queries_with_3_and_with_90_municipalities(client, show):
    # Computed (nothing cached) and cached, at either size: bulk inserts send no signals,
    # so the cache is emptied by hand where a write through the portal would bump it.
    many_municipalities(3)
    url = f"{DIRECTORY}?show={show}"
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    with CaptureQueriesContext(connection) as few_cached:
        client.get(url)
    many_municipalities(87, first=3)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url + "&page=2").status_code == 200
    with CaptureQueriesContext(connection) as many_cached:
        assert client.get(url + "&page=2").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) > 0
    # A cached page reads no row of the registry at all.
    assert len(many_cached.captured_queries) == len(few_cached.captured_queries) == 0


def _rows(response):
    body = response.content.decode()
    return body[body.index("<tbody") : body.index("</tbody>")]


def test_a_write_to_what_the_registry_shows_is_seen_on_the_next_page(client, towns):
    client.get(DIRECTORY)  # cached
    TwinTownFactory(municipality=towns["time"], key="arvika", name="Arvika", country="Sverige")
    assert "Arvika" in _rows(client.get(DIRECTORY))
    # The agreement a town is in, and a municipality's new name.
    agreement = TwinTownAgreement.objects.create(
        municipality=towns["hamar"], key="nordisk", title="Nordisk avtale"
    )
    assert "Nordisk avtale" not in _rows(client.get(DIRECTORY))  # in no town's row yet
    agreement.twin_towns.add(TwinTown.objects.get(municipality=towns["hamar"], key="skovde"))
    assert "Nordisk avtale" in _rows(client.get(DIRECTORY))
    towns["time"].name = "Time kommune"
    towns["time"].save()
    assert "Time kommune</a>" in _rows(client.get(DIRECTORY))
    # A municipality unpublished leaves the registry at once.
    towns["time"].is_published = False
    towns["time"].save()
    assert "Arvika" not in _rows(client.get(DIRECTORY))


def test_a_cached_page_is_never_shown_to_a_reader_who_sees_other_rows(client, towns):
    assert "Hemmeligby" not in _rows(client.get(DIRECTORY))  # a visitor's page, cached
    client.force_login(member(Role.EDITOR, towns["secret"], username="secret-editor"))
    assert "Hemmeligby" in _rows(client.get(DIRECTORY))  # their own unpublished rows
    client.force_login(member(Role.EDITOR, towns["hamar"], username="hamar-editor"))
    page = client.get(DIRECTORY).content.decode()
    assert "Hemmeligby" not in page
    # The page around the cached rows is the reader's own: their name, not the last one's.
    assert "hamar-editor" in page and "secret-editor" not in page
    client.logout()
    assert "Hemmeligby" not in _rows(client.get(DIRECTORY))


def test_search_finds_twin_towns_and_partners_by_their_municipalitys_name(client, towns):
    response = client.get(reverse("dashboards:compare"), {"q": "Hamar"})
    results = response.content.decode()
    results = results[results.index('id="results-heading"') : results.index("strategies-heading")]
    assert "Skövde" in results and "Győr" in results and "KS Innlandet" in results
    assert "ICLD" not in results


@pytest.mark.parametrize("word", ["vennskapsby", "vennskapsbyer", "vänorter", "twin"])
def test_the_word_for_twin_town_with_a_name_lists_that_municipalitys_twin_towns(
    client, towns, word
):
    response = client.get(reverse("dashboards:compare"), {"q": f"Hamar {word}"})
    results = response.content.decode()
    results = results[results.index('id="results-heading"') : results.index("strategies-heading")]
    assert "Skövde" in results and "Győr" in results
    assert "Time" not in results.replace("Time kommune", "")
    assert "Hemmeligby" not in results


def test_a_town_shared_by_many_names_a_few_and_counts_the_rest(client):
    for i in range(9):
        municipality = MunicipalityFactory(slug=f"m{i}", name=f"Kommune {i}", is_published=True)
        TwinTownFactory(municipality=municipality, key="gyor", name="Győr", country="Ungarn")
    body = client.get(DIRECTORY, {"municipality": "m0"}).content.decode()
    row = body[body.index("Győr") :]
    row = row[: row.index("</tr>")]
    assert "Kommune 5</a>" in row and "Kommune 6</a>" not in row
    assert "and 3 more" in row


def test_pages_follow_each_other_by_town_then_municipality_without_a_row_repeated(client):
    # Two towns shared by many municipalities, and one of a single municipality: a page
    # boundary falls inside a town's rows and between towns.
    municipalities = many_municipalities(PAGE_SIZE + 3)  # "Vennskapsby 0" and "1" each
    TwinTownFactory(municipality=municipalities[0], key="alta", name="alta", country="Norge")
    rows = []
    for number in (1, 2, 3):
        body = client.get(DIRECTORY, {"page": number}).content.decode()
        body = body[body.index("<tbody") : body.index("</tbody>")]
        for row in body.split("<tr>")[1:]:
            town = "alta" if ">alta<" in row else row.split("Vennskapsby ")[1][0]
            rows.append((town, row.split("Bulk NO ")[1][:4]))
    expected = [("alta", "0000")] + [
        (town, f"{n:04d}") for town in "01" for n in range(PAGE_SIZE + 3)
    ]
    assert rows == expected
