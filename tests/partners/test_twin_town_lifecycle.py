"""Ending a twin-town relation (as Time does with Älmhult) is recorded, never deleted."""

import datetime

import pytest

from partners.models import TwinTown


def test_coordinator_records_that_a_relation_is_being_ended(client, users, time_kommune):
    client.force_login(users["coordinator"])
    response = client.post(
        "/partners/time/twin-town/almhult/status/",
        {
            "status": "being_ended",
            "changed_on": "2016-06-15",
            "decision": "Kommunestyret sak 45/16",
            "note": "Avtalen vert avvikla i planperioden.",
        },
    )
    assert response.status_code == 302
    twin_town = TwinTown.objects.get(key="almhult")
    assert twin_town.status == "being_ended"
    change = twin_town.status_changes.get()
    assert change.changed_on == datetime.date(2016, 6, 15)
    assert change.decision == "Kommunestyret sak 45/16"

    page = client.get("/partners/time/twin-town/almhult/").content.decode()
    assert "Kommunestyret sak 45/16" in page
    assert "Avtalen vert avvikla i planperioden." in page


def test_ending_keeps_the_twin_town_and_its_actions(client, users, time_kommune):
    client.force_login(users["coordinator"])
    client.post(
        "/partners/time/twin-town/almhult/status/",
        {"status": "being_ended", "changed_on": "2016-06-15"},
    )
    client.post(
        "/partners/time/twin-town/almhult/status/",
        {"status": "ended", "changed_on": "2019-12-31", "decision": "Kommunestyret sak 80/19"},
    )
    twin_town = TwinTown.objects.get(key="almhult")
    assert twin_town.status == "ended"
    assert [c.status for c in twin_town.status_changes.all()] == ["being_ended", "ended"]
    assert twin_town.actions.count() == 1


def test_status_change_without_date_is_refused_with_a_message(client, users, time_kommune):
    client.force_login(users["coordinator"])
    response = client.post("/partners/time/twin-town/almhult/status/", {"status": "ended"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert TwinTown.objects.get(key="almhult").status == "active"


@pytest.mark.parametrize("role", ["politician", "editor"])
def test_readers_cannot_change_status(client, users, time_kommune, role):
    client.force_login(users[role])
    response = client.post(
        "/partners/time/twin-town/almhult/status/", {"status": "ended", "changed_on": "2019-01-01"}
    )
    assert response.status_code == 403
    assert TwinTown.objects.get(key="almhult").status == "active"
