"""The accessibility statement and the privacy notice: linked from every page's footer,
in the reader's language, written by the installation's administrator or the portal's
default until then."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from statutory.models import StatutoryPage
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db

ACCESSIBILITY = reverse("statutory:accessibility")
PRIVACY = reverse("statutory:privacy")


@pytest.mark.parametrize(
    "url",
    [reverse("home"), reverse("dashboards:compare"), reverse("login"), ACCESSIBILITY, "/nowhere/"],
)
def test_every_page_links_to_both_pages_in_its_footer(client, url):
    body = client.get(url).content.decode()
    footer = body[body.index("<footer") :]
    assert f'href="{ACCESSIBILITY}"' in footer and f'href="{PRIVACY}"' in footer


@pytest.mark.parametrize(
    "language, accessibility, privacy",
    [
        ("nb", "Tilgjengelighetserklæring", "Personvernerklæring"),
        ("nn", "Tilgjengelegheitserklæring", "Personvernerklæring"),
        ("sv", "Tillgänglighetsredogörelse", "Integritetspolicy"),
        ("en", "Accessibility statement", "Privacy notice"),
    ],
)
def test_the_default_pages_speak_the_readers_language(client, language, accessibility, privacy):
    client.cookies["django_language"] = language
    page = client.get(ACCESSIBILITY).content.decode()
    assert f"<h1>{accessibility}</h1>" in page
    assert "WCAG 2.1" in page
    assert f"<h1>{privacy}</h1>" in client.get(PRIVACY).content.decode()


def test_an_administrators_text_replaces_the_default_in_its_language_only(client):
    StatutoryPage.objects.create(
        kind="accessibility",
        language="sv",
        body="Vi följer WCAG 2.1 AA.\n\nKända brister: inga <script>.",
        contact="tillganglighet@example.se",
        reviewed_on=datetime.date(2026, 9, 1),
    )
    client.cookies["django_language"] = "sv"
    swedish = client.get(ACCESSIBILITY).content.decode()
    assert "<p>Vi följer WCAG 2.1 AA.</p>" in swedish
    assert "inga &lt;script&gt;." in swedish  # plain text, never HTML
    assert 'href="mailto:tillganglighet@example.se"' in swedish
    assert 'datetime="2026-09-01"' in swedish
    client.cookies["django_language"] = "nb"
    assert "Vi följer" not in client.get(ACCESSIBILITY).content.decode()


def test_each_page_costs_one_query_whatever_is_written(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(PRIVACY)
    for language in ["nb", "nn", "sv", "en"]:
        StatutoryPage.objects.create(kind="privacy", language=language, body="x" * 5000)
    with django_assert_num_queries(1):
        client.get(PRIVACY)


def test_only_an_administrator_edits_the_pages_in_the_admin(client):
    add = reverse("admin:statutory_statutorypage_add")
    coordinator = member(Role.COORDINATOR, MunicipalityFactory(), is_staff=True)
    client.force_login(coordinator)
    assert client.get(add).status_code == 403
    client.force_login(member(Role.ADMIN, None, username="admin", is_staff=True))
    response = client.post(
        add, {"kind": "privacy", "language": "nn", "body": "Vår eigen tekst.", "contact": ""}
    )
    assert response.status_code == 302
    page = StatutoryPage.objects.get(kind="privacy", language="nn")
    assert page.history.count() == 1  # who wrote it is kept
    client.logout()
    client.cookies["django_language"] = "nn"
    assert "Vår eigen tekst." in client.get(PRIVACY).content.decode()
