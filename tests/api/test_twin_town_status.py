"""A twin town's status note on the open-data API: a paused relation's reason and each
status step's note, as the public twin-town page shows them."""

from django.urls import reverse

from partners.models import TwinTown, TwinTownStatus, TwinTownStatusChange


def _twin(client, key):
    rows = client.get(reverse("api:twin_towns"), {"municipality": "hamar"}).json()["results"]
    return next(row for row in rows if row["key"] == key)


def test_paused_reason_and_step_notes_as_on_the_public_page(client, world):
    twin = TwinTown.objects.get(key="fredrikshavn")
    twin.status = TwinTownStatus.PAUSED
    twin.status_reason = "Krigen i regionen"
    twin.save()
    TwinTownStatusChange.objects.create(
        twin_town=twin, status="paused", year=2022, decision="KS-sak 12/22", note="Sett på vent"
    )
    page = client.get(reverse("partners:twin_town", args=["hamar", "fredrikshavn"]))
    assert "Krigen i regionen" in page.content.decode()
    assert "Sett på vent" in page.content.decode()
    row = _twin(client, "fredrikshavn")
    assert row["status"] == "paused" and row["status_reason"] == "Krigen i regionen"
    assert row["status_history"] == [
        {
            "status": "paused",
            "year": 2022,
            "date": None,
            "decision": "KS-sak 12/22",
            "note": "Sett på vent",
        }
    ]


def test_a_reason_left_from_an_earlier_pause_is_not_shown(client, world):
    twin = TwinTown.objects.get(key="fredrikshavn")
    twin.status = TwinTownStatus.ACTIVE
    twin.status_reason = "Gammal grunn"
    twin.save()
    page = client.get(reverse("partners:twin_town", args=["hamar", "fredrikshavn"]))
    assert "Gammal grunn" not in page.content.decode()
    assert _twin(client, "fredrikshavn")["status_reason"] == ""
    assert "Gammal grunn" not in client.get(reverse("api:twin_towns")).content.decode()
