"""Public transparency pages: a published plan, its figures and approved follow-ups only."""

import pytest
from django.urls import reverse

from actions.models import FollowUp
from tests.factories import FollowUpFactory

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


def public_url(municipality, **query):
    url = reverse("dashboards:public", args=[municipality.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_unpublished_municipality_is_a_404(client):
    plan = build_time_like(published=False)
    assert client.get(public_url(plan["municipality"])).status_code == 404


def test_public_page_shows_plan_and_approved_follow_ups(client):
    plan = build_time_like(published=True)
    body = client.get(public_url(plan["municipality"], year=2018)).content.decode()
    assert "Auka eksport og internasjonal handel" in body  # a goal of the plan
    assert "A1 2018" in body and "A1 2017" in body  # approved follow-ups' texts


def test_public_page_never_shows_drafts_submitted_or_review_comments(client):
    plan = build_time_like(published=True)
    a3 = plan["actions"][2]
    FollowUpFactory(
        action=a3,
        year=2019,
        state=FollowUp.State.RETURNED,
        what_was_done="Returnert tekst",
        review_comment="INTERN KOMMENTAR",
    )
    approved = plan["actions"][0].follow_ups.get(year=2018)
    approved.review_comment = "Godkjent, men INTERN MERKNAD"
    approved.save()
    body = client.get(public_url(plan["municipality"], year=2019)).content.decode()
    for secret in ("HEMMELEG", "Utkast", "Returnert tekst", "INTERN"):
        assert secret not in body


def test_public_page_counts_only_approved_follow_ups(client):
    plan = build_time_like(published=True)
    response = client.get(public_url(plan["municipality"], year=2018))
    assert response.context["totals"]["reported"] == 1
    assert response.context["approved_only"] is True
