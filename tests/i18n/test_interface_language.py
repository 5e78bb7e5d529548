"""The interface speaks the user's choice, else their municipality's language."""

import pytest

from accounts.models import Role
from tests.factories import ActionFactory, MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db

ENGLISH_CHROME = ["Sign out", "My work", "Municipalities", "Skip to main content"]


@pytest.fixture(autouse=True)
def _language_from_municipality(settings):
    settings.LANGUAGE_FROM_MUNICIPALITY = True


@pytest.fixture
def time_editor():
    time = MunicipalityFactory(slug="time", name="Time kommune", language="nn")
    ActionFactory(goal_area__strategy=StrategyFactory(municipality=time, slug="time-2016"))
    return member(Role.EDITOR, time)


def test_staff_in_time_get_nynorsk_without_choosing(client, time_editor):
    client.force_login(time_editor)
    response = client.get("/actions/my-work/")
    page = response.content.decode()
    assert response.headers["Content-Language"] == "nn"
    assert '<html lang="nn">' in page
    assert "Logg ut" in page
    for english in ENGLISH_CHROME:
        assert english not in page, english


def test_staff_in_arvika_get_swedish(client):
    arvika = MunicipalityFactory(slug="arvika", language="sv", country="SE", currency="SEK")
    client.force_login(member(Role.POLITICIAN, arvika))
    page = client.get("/").content.decode()
    assert '<html lang="sv">' in page
    assert "Logga ut" in page


def test_the_users_own_choice_wins_over_the_municipalitys(client, time_editor):
    client.force_login(time_editor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/actions/my-work/").content.decode()
    assert '<html lang="en">' in page
    assert "Sign out" in page


def test_a_language_set_on_the_membership_wins_over_the_municipalitys(client, time_editor):
    time_editor.membership.language = "nb"
    time_editor.membership.save()
    client.force_login(time_editor)
    assert '<html lang="nb">' in client.get("/").content.decode()
