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


THREE_MEGABYTES = "Samarbeid om ungdomsutveksling. " * 100_000


@pytest.mark.parametrize(
    "url_name, valid, field",
    [
        ("partners:partner_new", PARTNER, "cooperation"),
        ("partners:twin_town_new", TWIN_TOWN, "description"),
    ],
)
def test_a_three_megabyte_text_is_refused_with_its_limit(client, plan, url_name, valid, field):
    client.force_login(plan["coordinator"])
    url = reverse(url_name, args=[plan["municipality"].slug])
    response, created = attempt(client, url, {**valid, field: THREE_MEGABYTES}, success=(302,))
    assert not created
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.content.decode()


def test_a_long_description_within_the_limit_is_kept(client, plan):
    client.force_login(plan["coordinator"])
    twin_town = plan["twin_town"]
    text = ("Ungdomsutveksling og kulturbesøk. " * 200)[:5000]
    url = reverse("partners:twin_town_edit", args=[plan["municipality"].slug, twin_town.key])
    post = {**TWIN_TOWN, "description": text, "loaded_version": twin_town.version}
    response, saved = attempt(client, url, post)
    assert saved
    twin_town.refresh_from_db()
    assert twin_town.description == text


def test_an_edit_with_three_megabytes_keeps_the_stored_cooperation(client, plan):
    client.force_login(plan["coordinator"])
    partner = plan["partner"]
    url = reverse("partners:partner_edit", args=[plan["municipality"].slug, partner.key])
    post = {**PARTNER, "cooperation": THREE_MEGABYTES, "loaded_version": partner.version}
    response, saved = attempt(client, url, post)
    assert not saved and response.status_code == 200
    partner.refresh_from_db()
    assert len(partner.cooperation) < 5000


def test_ending_a_relation_without_its_decision_is_refused(client, plan):
    client.force_login(plan["coordinator"])
    twin_town = plan["twin_town"]
    url = reverse("partners:twin_town_status", args=[plan["municipality"].slug, twin_town.key])
    post = {"status": TwinTownStatus.ENDED, "changed_on": "2025-06-01", "decision": " "}
    response, recorded = attempt(client, url, post)
    assert not recorded
    assert "Ending a twin-town relation needs the decision behind it" in response.content.decode()
    twin_town.refresh_from_db()
    assert twin_town.status != TwinTownStatus.ENDED

    post["decision"] = "KS-sak 12/25"
    response, recorded = attempt(client, url, post)
    assert recorded
    twin_town.refresh_from_db()
    assert twin_town.status == TwinTownStatus.ENDED
    assert twin_town.status_changes.get(status=TwinTownStatus.ENDED).decision == "KS-sak 12/25"
