"""A coordinator publishes and unpublishes their own municipality, after a page naming
what becomes public; the change is in the municipality's history. Nobody else may."""

import pytest
from django.urls import reverse

from accounts.models import Role
from goals.models import Municipality, Strategy
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    PartnerFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hamar():
    municipality = MunicipalityFactory(slug="hamar", name="Hamar kommune", is_published=False)
    adopted = StrategyFactory(
        municipality=municipality, slug="hamar-2024", title="Internasjonal strategi 2024–2027"
    )
    ActionFactory(strategy=adopted, goal_area=GoalAreaFactory(strategy=adopted))
    StrategyFactory(
        municipality=municipality,
        slug="hamar-utkast",
        title="Utkast til ny strategi",
        status=Strategy.Status.DRAFT,
    )
    PartnerFactory(municipality=municipality)
    TwinTownFactory(municipality=municipality)
    return municipality


def url(municipality):
    return reverse("goals:publication", args=[municipality.slug])


def test_the_confirmation_names_what_becomes_public_and_what_stays(client, hamar):
    client.force_login(member(Role.COORDINATOR, hamar))
    page = client.get(url(hamar)).content.decode()
    public = page[page.index('id="becomes-public"') : page.index('id="stays-private"')]
    assert "Internasjonal strategi 2024–2027" in public
    assert "Utkast til ny strategi" not in public
    assert "1 partners and 1 twin towns" in public
    assert "Utkast til ny strategi" in page[page.index('id="stays-private"') :]
    assert not Municipality.objects.get(pk=hamar.pk).is_published  # a GET changes nothing


def test_a_coordinator_publishes_and_unpublishes_with_history(client, hamar):
    coordinator = member(Role.COORDINATOR, hamar, username="koordinator")
    client.force_login(coordinator)
    response = client.post(url(hamar), {"publish": "1"}, follow=True)
    assert "Hamar kommune is now public." in response.content.decode()
    hamar.refresh_from_db()
    assert hamar.is_published
    # Anyone now reads the municipality's page.
    client.logout()
    assert client.get(hamar.get_absolute_url()).status_code == 200
    client.force_login(coordinator)
    client.post(url(hamar), {"publish": "0"})
    hamar.refresh_from_db()
    assert not hamar.is_published
    latest, published, *_ = hamar.history.all()
    assert latest.history_user == coordinator and not latest.is_published
    assert latest.history_change_reason == "unpublished by a coordinator"
    assert published.history_user == coordinator and published.is_published
    client.logout()
    assert client.get(hamar.get_absolute_url()).status_code == 404


def test_the_municipality_page_offers_publishing_to_its_coordinator_only(client, hamar):
    client.force_login(member(Role.COORDINATOR, hamar))
    assert url(hamar) in client.get(hamar.get_absolute_url()).content.decode()
    client.force_login(member(Role.POLITICIAN, hamar))
    assert url(hamar) not in client.get(hamar.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.POLITICIAN])
def test_other_roles_of_the_municipality_may_not_publish(client, hamar, role):
    client.force_login(member(role, hamar))
    assert client.get(url(hamar)).status_code == 403
    assert client.post(url(hamar), {"publish": "1"}).status_code == 403
    hamar.refresh_from_db()
    assert not hamar.is_published


@pytest.mark.parametrize("published", [False, True])
def test_another_municipalitys_coordinator_gets_a_404(client, hamar, published):
    Municipality.objects.filter(pk=hamar.pk).update(is_published=published)
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory(slug="stange")))
    assert client.get(url(hamar)).status_code == 404
    assert client.post(url(hamar), {"publish": "0" if published else "1"}).status_code == 404
    hamar.refresh_from_db()
    assert hamar.is_published is published


def test_a_visitor_is_asked_to_sign_in(client, hamar):
    response = client.post(url(hamar), {"publish": "1"})
    assert response.status_code == 302 and "login" in response.url
    hamar.refresh_from_db()
    assert not hamar.is_published


def test_the_confirmation_costs_the_same_queries_with_more_plans(client, hamar):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member(Role.COORDINATOR, hamar))
    client.get(url(hamar))
    with CaptureQueriesContext(connection) as few:
        client.get(url(hamar))
    for _i in range(4):
        strategy = StrategyFactory(municipality=hamar)
        ActionFactory(strategy=strategy, goal_area=GoalAreaFactory(strategy=strategy))
        PartnerFactory(municipality=hamar)
    with CaptureQueriesContext(connection) as many:
        client.get(url(hamar))
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("role", [None, Role.COORDINATOR])
def test_the_municipality_page_costs_the_same_queries_with_more_strategies(client, hamar, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Municipality.objects.filter(pk=hamar.pk).update(is_published=True)
    if role:
        client.force_login(member(role, hamar))
    client.get(hamar.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(hamar.get_absolute_url())
    for _i in range(5):
        StrategyFactory(municipality=hamar)
    with CaptureQueriesContext(connection) as many:
        client.get(hamar.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)
