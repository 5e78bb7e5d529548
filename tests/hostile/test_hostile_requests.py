"""Hostile requests the production review found ending in server errors (issue 20): each
is now a 400 or a form error, and writes nothing."""

import pytest
from django.urls import reverse

from partners.models import TwinTownStatusChange

from .conftest import attempt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["strategy=%00", "strategy=1%00", "year=%00", "q=" + "x" * 100_000, "%00=1"],
)
def test_a_hostile_query_on_the_public_page_is_a_400_for_anyone(client, plan, query):
    plan["municipality"].is_published = True
    plan["municipality"].save()
    url = reverse("dashboards:public", args=[plan["municipality"].slug]) + "?" + query
    response = client.get(url)
    assert response.status_code == 400
    assert "cannot be stored" in response.text or "too long" in response.text
    client.force_login(plan["coordinator"])
    assert client.get(url).status_code == 400
    # The page itself still answers an ordinary query.
    assert client.get(url.split("?")[0] + "?year=2025").status_code == 200


@pytest.mark.parametrize(
    "changed_on, note",
    [
        ("0500-01-01", ""),  # a year outside what the portal stores
        ("2026-02-30", ""),
        ("1e309", ""),
        ("2026-03-01", "a\x00b"),
        ("2026-03-01", "x" * 100_000),
    ],
)
def test_the_twin_town_status_form_refuses_bad_values_on_the_form(client, plan, changed_on, note):
    client.force_login(plan["coordinator"])
    twin = plan["twin_town"]
    url = reverse("partners:twin_town_status", args=[plan["municipality"].slug, twin.key])
    post = {"status": "active", "changed_on": changed_on, "decision": "", "note": note}
    response, saved = attempt(client, url, post, success=(302,))
    assert response.status_code == 200 and not saved
    assert response.context["form"].errors
    assert not TwinTownStatusChange.objects.filter(twin_town=twin).exists()


def test_pages_forbid_browser_features_the_portal_never_uses(client, plan):
    policy = client.get("/").headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_a_status_change_with_an_over_long_list_query_saves_and_returns_to_the_list(client, plan):
    client.force_login(plan["coordinator"])
    action = plan["action"]
    response = client.post(
        reverse("actions:status", args=[action.pk]),
        {
            "status": "in_progress",
            "loaded_version": action.version,
            "list_query": "q=" + "x" * 100_000,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:plan", args=[plan["strategy"].slug])
    action.refresh_from_db()
    assert action.status == "in_progress"
