"""Every page has a favicon (vendored, no 404) and a meta description of its own."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import MunicipalityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def _description(body):
    match = re.search(r'<meta name="description" content="([^"]*)">', body)
    assert match, "no meta description"
    return " ".join(match.group(1).split())


def test_every_page_links_the_vendored_icons(client):
    body = client.get(reverse("home")).content.decode()
    for name in ("img/favicon.svg", "img/favicon-32.png", "img/apple-touch-icon.png"):
        assert finders.find(name), name  # vendored in static/, no CDN
        assert f"{settings.STATIC_URL}{name}" in body
    assert Path(finders.find("img/favicon.svg")).read_text().lstrip().startswith("<svg")


def test_favicon_ico_leads_to_the_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == f"{settings.STATIC_URL}img/favicon-32.png"


def test_each_page_describes_itself(client):
    hamar = MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)
    strategy = StrategyFactory(municipality=hamar, title="Internasjonal strategi")
    descriptions = {
        url: _description(client.get(url).content.decode())
        for url in [
            reverse("home"),
            hamar.get_absolute_url(),
            strategy.get_absolute_url(),
            reverse("statutory:accessibility"),
            reverse("statutory:privacy"),
            reverse("dashboards:compare"),
        ]
    }
    assert "Hamar" in descriptions[hamar.get_absolute_url()]
    assert "Internasjonal strategi" in descriptions[strategy.get_absolute_url()]
    # Home, the municipality, the strategy and the statutory pages each have their own.
    assert len(set(descriptions.values())) == len(descriptions)
    assert all(descriptions.values())


def test_the_description_speaks_the_readers_language(client):
    client.cookies["django_language"] = "nn"
    assert "kommunar" in _description(client.get(reverse("home")).content.decode()).lower()
