"""A relation put on ice (paused) says why, and the reason is shown with the status."""

import pytest

from partners.models import TwinTown

pytestmark = pytest.mark.django_db

URL = "/partners/time/twin-town/almhult/status/"


def test_pausing_a_relation_without_a_reason_is_refused(client, users, time_kommune):
    client.force_login(users["coordinator"])
    response = client.post(URL, {"status": "paused", "changed_on": "2022-03-01"})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert TwinTown.objects.get(key="almhult").status != "paused"


def test_pausing_with_a_reason_shows_it_with_the_status_until_resumed(client, users, time_kommune):
    client.force_login(users["coordinator"])
    reason = "Lagt på is etter vedtak i formannskapet."
    response = client.post(URL, {"status": "paused", "changed_on": "2022-03-01", "note": reason})
    assert response.status_code == 302
    town = TwinTown.objects.get(key="almhult")
    assert (town.status, town.status_reason) == ("paused", reason)
    page = client.get("/partners/time/twin-town/almhult/").content.decode()
    assert f"Paused: {reason}" in page

    client.post(URL, {"status": "active", "changed_on": "2023-03-01"})
    town.refresh_from_db()
    assert (town.status, town.status_reason) == ("active", "")
