"""Hostile posts to the partner registry: partners, twin towns and twin-town status."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from partners.models import Partner, TwinTown, TwinTownStatus

from .conftest import attempt
from .strategies import FUZZ, form_data

pytestmark = pytest.mark.django_db

PARTNER = {
    "name": "Europakontoret",
    "kind": Partner.Kind.NETWORK,
    "country": "Belgia",
    "cooperation": "EU-prosjekt",
    "is_active": "on",
}
TWIN_TOWN = {
    "name": "Älmhult",
    "country": "Sverige",
    "since": "1986",
    "category": "",
    "description": "Ungdomsutveksling.",
}


@FUZZ
@given(data=st.data())
def test_new_partner_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    client.force_login(plan["coordinator"])
    post = data.draw(form_data(PARTNER))
    url = reverse("partners:partner_new", args=[plan["municipality"].slug])
    response, created = attempt(client, url, post)
    if created:
        partner = Partner.objects.filter(municipality=plan["municipality"]).latest("pk")
        assert len(partner.key) <= 60 and "\x00" not in partner.name


@FUZZ
@given(data=st.data())
def test_edit_partner_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    client.force_login(plan["coordinator"])
    partner = Partner.objects.get(pk=plan["partner"].pk)
    post = data.draw(form_data({**PARTNER, "loaded_version": partner.version}))
    url = reverse("partners:partner_edit", args=[plan["municipality"].slug, partner.key])
    attempt(client, url, post)
    assert Partner.objects.get(pk=partner.pk).key == "ks"  # the key (and URL) stays


@FUZZ
@given(data=st.data(), new=st.booleans())
def test_twin_town_form_never_fails_and_a_refusal_writes_nothing(client, plan, data, new):
    client.force_login(plan["coordinator"])
    slug = plan["municipality"].slug
    twin_town = TwinTown.objects.get(pk=plan["twin_town"].pk)
    if new:
        url, valid = reverse("partners:twin_town_new", args=[slug]), TWIN_TOWN
    else:
        url = reverse("partners:twin_town_edit", args=[slug, twin_town.key])
        valid = {**TWIN_TOWN, "loaded_version": twin_town.version}
    attempt(client, url, data.draw(form_data(valid)))


@FUZZ
@given(data=st.data())
def test_twin_town_status_never_fails_and_a_refusal_writes_nothing(client, plan, data):
    client.force_login(plan["coordinator"])
    twin_town = plan["twin_town"]
    post = data.draw(
        form_data(
            {
                "status": TwinTownStatus.DORMANT,
                "changed_on": "2025-06-01",
                "decision": "KS-sak 12/25",
                "note": "",
            }
        )
    )
    url = reverse("partners:twin_town_status", args=[plan["municipality"].slug, twin_town.key])
    response, recorded = attempt(client, url, post)
    twin_town.refresh_from_db()
    assert twin_town.status in TwinTownStatus.values
