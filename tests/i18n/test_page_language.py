"""A municipality's pages speak its language to visitors who have not chosen one.

Order: the visitor's choice (switcher cookie); a member's own language (membership, else
their municipality's); the language of the municipality the page belongs to; the
browser's Accept-Language; the site default.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from strategy_files.importer import import_file
from tests.factories import MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# What the page chrome and the plan's header say in each language.
SKIP_LINK = {
    "nb": "Gå til hovedinnholdet",
    "nn": "Gå til hovudinnhaldet",
    "sv": "Hoppa till huvudinnehållet",
    "en": "Skip to main content",
}
ADOPTED_BY = {"nb": "Vedtatt av", "nn": "Vedteken av", "sv": "Antagen av", "en": "Adopted by"}


@pytest.fixture(autouse=True)
def _language_from_municipality(settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    settings.LANGUAGE_CODE = "nb"  # the site default, as in production


def _seed(slug):
    return import_file(FIXTURES / f"{slug}.yaml")


def _assert_speaks(response, language):
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert response.headers["Content-Language"] == language
    assert SKIP_LINK[language] in page
    for other, text in SKIP_LINK.items():
        if other != language:
            assert text not in page, other


@pytest.mark.parametrize(
    "slug, language",
    [("arvika", "sv"), ("tranas", "sv"), ("time", "nn"), ("trondheim", "nb"), ("hamar", "nb")],
)
def test_an_anonymous_visitor_reads_a_public_page_in_its_municipalitys_language(
    client, slug, language
):
    _seed(slug)
    _assert_speaks(client.get(f"/reports/public/{slug}/"), language)


def test_arvikas_strategy_page_says_antagen_av_kommunstyrelsen_not_vedtatt_av(client):
    strategy = _seed("arvika")
    response = client.get(f"/strategy/{strategy.slug}/")
    _assert_speaks(response, "sv")
    page = response.content.decode()
    assert f"{ADOPTED_BY['sv']}</dt>" in page
    assert ADOPTED_BY["nb"] not in page


def test_an_anonymous_visitor_reads_a_strategy_page_and_dashboard_in_its_language(client):
    strategy = _seed("time")
    for url in (f"/strategy/{strategy.slug}/", f"/reports/dashboard/{strategy.slug}/"):
        _assert_speaks(client.get(url), "nn")
    _assert_speaks(client.get("/partners/time/"), "nn")
    _assert_speaks(client.get("/m/time/"), "nn")


def test_the_municipalitys_language_wins_over_the_browsers(client):
    _seed("arvika")
    response = client.get("/reports/public/arvika/", HTTP_ACCEPT_LANGUAGE="en")
    _assert_speaks(response, "sv")


def test_the_browsers_language_serves_pages_of_no_municipality(client):
    _seed("arvika")
    _assert_speaks(client.get("/", HTTP_ACCEPT_LANGUAGE="sv"), "sv")
    _assert_speaks(client.get("/", HTTP_ACCEPT_LANGUAGE="en"), "en")
    _assert_speaks(client.get("/"), "nb")  # the site default


def test_the_switchers_choice_wins_over_the_municipalitys(client):
    _seed("arvika")
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    _assert_speaks(client.get("/reports/public/arvika/"), "nb")


def test_a_time_member_reads_arvikas_public_page_in_nynorsk(client):
    """Decision (README, Languages): a member's interface stays in their own language
    on every page, so it does not change under them from one page to the next."""
    _seed("arvika")
    time = MunicipalityFactory(slug="time", language="nn")
    client.force_login(member(Role.EDITOR, time))
    _assert_speaks(client.get("/reports/public/arvika/"), "nn")


def test_a_time_member_who_chose_swedish_reads_swedish_everywhere(client):
    _seed("arvika")
    time = MunicipalityFactory(slug="time", language="nn")
    client.force_login(member(Role.EDITOR, time))
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    _assert_speaks(client.get("/reports/public/arvika/"), "sv")
    _assert_speaks(client.get("/actions/my-work/"), "sv")


def test_a_signed_in_user_of_no_municipality_reads_the_pages_language(client, django_user_model):
    _seed("arvika")
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    _assert_speaks(client.get("/reports/public/arvika/"), "sv")


def test_an_unpublished_municipalitys_404_does_not_speak_its_language(client):
    """A 404 for a hidden municipality reads like one for a slug that does not exist."""
    MunicipalityFactory(slug="hemmeleg", language="sv", is_published=False)
    hidden = client.get("/reports/public/hemmeleg/")
    missing = client.get("/reports/public/finst-ikkje/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.headers["Content-Language"] == missing.headers["Content-Language"] == "nb"


def test_a_draft_strategys_404_does_not_speak_its_municipalitys_language(client):
    arvika = MunicipalityFactory(slug="arvika", language="sv", is_published=True)
    StrategyFactory(municipality=arvika, slug="arvika-utkast", status="draft")
    response = client.get("/strategy/arvika-utkast/")
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "nb"


def _queries(client, url):
    from django.core.cache import cache

    client.get(url)  # a session's first page marks its activity (one write a minute)
    cache.clear()  # each measured from cold, so only the language look-up differs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_language_costs_one_query_whatever_the_page(client, settings):
    """Anonymous visitors: one indexed look-up of the page's municipality; members: none
    (their membership is read anyway)."""
    _seed("arvika")
    url = "/reports/public/arvika/"
    settings.LANGUAGE_FROM_MUNICIPALITY = False
    without = _queries(client, url)
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    assert _queries(client, url) == without + 1

    time = MunicipalityFactory(slug="time", language="nn")
    client.force_login(member(Role.EDITOR, time))
    settings.LANGUAGE_FROM_MUNICIPALITY = False
    without = _queries(client, url)
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    assert _queries(client, url) == without
