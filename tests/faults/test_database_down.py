"""The database is away (restarting, failing over, unreachable): every page answers 503
in the visitor's language with Retry-After, never Django's bare English 500, and /healthz
names the dependency that is down. The database's absence is simulated by making every
new cursor fail as a refused connection does, so this runs on SQLite and PostgreSQL."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings

from accounts.models import Role
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    def take_down():
        monkeypatch.setattr(connection, "cursor", refused)

    return take_down


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("nb", "Databasen svarer ikke akkurat nå"),
        ("nn", "Databasen svarar ikkje akkurat no"),
        ("sv", "Databasen svarar inte just nu"),
        ("en", "The database does not answer right now"),
    ],
)
def test_a_visitor_gets_a_503_in_their_language_with_retry_after(
    browser, database_down, accept, expected
):
    database_down()
    response = browser.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Language"] == accept
    assert expected in response.content.decode()


def test_a_signed_in_member_gets_the_503_in_the_language_they_chose(browser, database_down):
    user = member(Role.EDITOR, MunicipalityFactory(language="nn"))
    browser.force_login(user)
    browser.cookies["django_language"] = "sv"
    database_down()
    response = browser.get("/actions/my-work/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "Databasen svarar inte just nu" in response.content.decode()


def test_a_form_posted_while_the_database_is_away_gets_the_503_too(browser, database_down):
    user = member(Role.COORDINATOR, MunicipalityFactory(language="nb"))
    browser.force_login(user)
    database_down()
    response = browser.post("/i18n/setlang/", {"language": "nb"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code in (302, 503)  # setlang needs no database; others do
    response = browser.post("/actions/my-work/", {"title": "x"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 503 and response["Retry-After"] == "30"


@override_settings(ROOT_URLCONF="tests.faults.broken_urls")
def test_other_server_errors_stay_a_500(browser):
    response = browser.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_healthz_names_the_dependency_that_is_down(client, database_down, settings):
    settings.CELERY_BROKER_URL = "memory://"  # jobs in-process: no broker to ask
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "not configured",
    }

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 200  # pages still work; reports wait
    assert response.json()["status"] == "degraded" and response.json()["broker"] == "down"

    database_down()
    response = client.get("/healthz")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["database"] == "down" and response.json()["status"] == "unavailable"


# The language of the 503 without the database: the visitor's explicit choice (the
# language switcher's cookie) first, then the browser's; a member's or a municipality's
# language would need the database, so it cannot be used.
@pytest.mark.parametrize(
    ("cookie", "accept", "expected"),
    [
        ("sv", "nb", "Databasen svarar inte just nu"),  # the choice beats the browser
        ("nn", "", "Databasen svarar ikkje akkurat no"),
        ("xx", "nn", "Databasen svarar ikkje akkurat no"),  # not ours: the browser's
        ("", "", "Databasen svarer ikke akkurat nå"),  # neither: the site's (bokmål)
    ],
    ids=["cookie-over-browser", "cookie-only", "unknown-cookie", "nothing"],
)
def test_a_visitors_chosen_language_comes_before_the_browsers(
    browser, database_down, settings, cookie, accept, expected
):
    settings.LANGUAGE_CODE = "nb"  # the site's default, as in production
    settings.LANGUAGE_FROM_MUNICIPALITY = True
    if cookie:
        browser.cookies["django_language"] = cookie
    database_down()
    response = browser.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 503
    assert expected in response.content.decode()


def test_a_member_who_chose_no_language_gets_their_browsers_not_an_error(
    browser, database_down, settings
):
    """Their membership's language (nynorsk) is in the database that is away: the page
    is in the browser's language, and never the bare 500."""
    settings.LANGUAGE_FROM_MUNICIPALITY = True  # as in production
    browser.force_login(member(Role.EDITOR, MunicipalityFactory(language="nn")))
    database_down()
    response = browser.get("/actions/my-work/", HTTP_ACCEPT_LANGUAGE="sv,en;q=0.5")
    assert response.status_code == 503
    assert response["Content-Language"] == "sv"
    assert "Databasen svarar inte just nu" in response.content.decode()


def test_the_page_is_in_the_chosen_language_when_the_database_fails_before_any_middleware():
    """An error raised before the language middleware ran (the session read at the very
    start): the 503 reads the cookie and the browser itself."""
    from django.test import RequestFactory

    from strategy_portal.views import server_error

    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="nb")
    request.COOKIES["django_language"] = "nn"
    try:
        raise OperationalError("the server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Content-Language"] == "nn"
    assert "Databasen svarar ikkje akkurat no" in response.content.decode()
