"""A municipality's own addition to the accessibility statement: written by its
coordinators, shown under the installation's statement on its statement page, which its
pages' footers link to."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from statutory.models import MunicipalityAccessibility
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hamar():
    return MunicipalityFactory(slug="hamar", name="Hamar", is_published=True)


def _page(slug):
    return reverse("statutory:municipality_accessibility", args=[slug])


def _edit(slug):
    return reverse("statutory:edit_municipality_accessibility", args=[slug])


def test_the_municipalitys_addition_is_shown_under_the_installations_statement(client, hamar):
    MunicipalityAccessibility.objects.create(
        municipality=hamar,
        contact="uu@hamar.example",
        deviations="Vedlegg i PDF er ikke tilgjengelige.\n\nIngen <script>.",
        reviewed_on=datetime.date(2026, 10, 1),
    )
    body = client.get(_page("hamar")).content.decode()
    assert body.index("WCAG 2.1") < body.index('id="municipality-addition"')
    addition = body[body.index('id="municipality-addition"') :]
    assert "Vedlegg i PDF er ikke tilgjengelige." in addition
    assert "Ingen &lt;script&gt;." in addition  # plain text, never HTML
    assert 'href="mailto:uu@hamar.example"' in addition
    assert 'datetime="2026-10-01"' in addition


def test_without_an_addition_the_page_says_the_installations_statement_covers_it(client, hamar):
    body = client.get(_page("hamar")).content.decode()
    assert "has not added anything of its own yet" in body
    assert _edit("hamar") not in body  # anonymous: no edit link


def test_the_municipality_pages_footer_links_to_its_own_statement(client, hamar):
    body = client.get(hamar.get_absolute_url()).content.decode()
    footer = body[body.index("<footer") :]
    assert f'href="{_page("hamar")}"' in footer


def test_an_unpublished_municipalitys_statement_is_a_404_to_outsiders(client):
    MunicipalityFactory(slug="skjult", is_published=False)
    assert client.get(_page("skjult")).status_code == 404
    assert client.get(_page("nowhere")).status_code == 404


def test_a_coordinator_writes_the_addition_and_it_is_in_history(client, hamar):
    coordinator = member(Role.COORDINATOR, hamar)
    client.force_login(coordinator)
    assert _edit("hamar") in client.get(_page("hamar")).content.decode()
    response = client.post(
        _edit("hamar"),
        {
            "contact": "uu@hamar.example",
            "deviations": "Kart uten tekst.",
            "reviewed_on": "2026-11-02",
        },
    )
    assert response.status_code == 302 and response.url == _page("hamar")
    addition = MunicipalityAccessibility.objects.get(municipality=hamar)
    assert addition.deviations == "Kart uten tekst."
    record = addition.history.first()
    assert record.history_user == coordinator and record.contact == "uu@hamar.example"


def test_a_bad_date_is_a_form_error_and_the_text_is_kept(client, hamar):
    client.force_login(member(Role.COORDINATOR, hamar))
    response = client.post(
        _edit("hamar"),
        {"contact": "", "deviations": "Kart uten tekst.", "reviewed_on": "2026-13-45"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="error-summary"' in body and "Kart uten tekst." in body
    assert not MunicipalityAccessibility.objects.exists()


@pytest.mark.parametrize("role", [Role.POLITICIAN, Role.EDITOR])
def test_other_members_may_not_edit_it(client, hamar, role):
    client.force_login(member(role, hamar))
    assert client.get(_edit("hamar")).status_code == 403
    assert client.post(_edit("hamar"), {"deviations": "x"}).status_code == 403
    assert not MunicipalityAccessibility.objects.exists()


def test_another_municipalitys_coordinator_gets_a_404(client, hamar):
    client.force_login(member(Role.COORDINATOR, MunicipalityFactory(slug="elverum")))
    assert client.get(_edit("hamar")).status_code == 404
    assert client.post(_edit("hamar"), {"deviations": "x"}).status_code == 404
    assert not MunicipalityAccessibility.objects.exists()


def test_an_administrator_may_edit_any_municipalitys_addition(client, hamar):
    client.force_login(member(Role.ADMIN))
    response = client.post(
        _edit("hamar"), {"contact": "", "deviations": "Ingen.", "reviewed_on": ""}
    )
    assert response.status_code == 302


def test_the_page_costs_the_same_queries_with_or_without_an_addition(
    client, hamar, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(_page("hamar"))
    MunicipalityAccessibility.objects.create(municipality=hamar, deviations="Ingen.")
    with django_assert_max_num_queries(3):
        client.get(_page("hamar"))
