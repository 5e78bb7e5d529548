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
