"""The home page's municipality cards are cached (per plan version, language and what the
reader may see of the municipality): a change to a strategy shows at once, a member's
draft never reaches a visitor's card, and a cached page reads no strategy."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from goals.models import Strategy
from tests.factories import MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db


def home(client, **params):
    return client.get(reverse("home"), params).content.decode()


def test_a_strategy_changed_shows_on_the_cached_card_at_once(client):
    municipality = MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)
    strategy = StrategyFactory(municipality=municipality, title="Internasjonal strategi")
    assert "Internasjonal strategi" in home(client)
    strategy.title = "Strategi for Europa"
    strategy.save()
    body = home(client)
    assert "Strategi for Europa" in body and "Internasjonal strategi" not in body


def test_a_members_draft_is_on_their_card_and_never_on_a_visitors(client):
    municipality = MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)
    StrategyFactory(municipality=municipality, title="Vedtatt plan")
    StrategyFactory(
        municipality=municipality,
        slug="utkast",
        title="Ny plan under arbeid",
        status=Strategy.Status.DRAFT,
    )
    client.force_login(member(Role.EDITOR, municipality))
    assert "Ny plan under arbeid" in home(client)  # the member's card, cached first
    client.logout()
    body = home(client)
    assert "Vedtatt plan" in body and "Ny plan under arbeid" not in body
    client.force_login(member(Role.POLITICIAN, MunicipalityFactory(is_published=True)))
    assert "Ny plan under arbeid" not in home(client)


def test_a_card_is_in_the_readers_language(client):
    municipality = MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)
    assert "No strategy loaded yet." in home(client)
    with translation.override("nb"):
        body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "No strategy loaded yet." not in body and municipality.name in body


def test_a_page_of_cached_cards_reads_no_strategy(client):
    for n in range(3):
        StrategyFactory(municipality=MunicipalityFactory(is_published=True, name=f"Kommune {n}"))
    home(client)
    with CaptureQueriesContext(connection) as ctx:
        home(client)
    assert not [q for q in ctx.captured_queries if "goals_strategy" in q["sql"]]
