"""Tenancy review, the web layer: open redirects, CSRF on every kind of write, cookie
flags, and what a member of one municipality sees of another, published one."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from actions.models import Action, FollowUp
from tests.factories import member

from .tenancy_world import (
    APPROVED_TEXT,
    DRAFT_TEXT,
    REVIEW_COMMENT,
    SECRET,
    SUBMITTED_TEXT,
    THIS_YEAR,
    action_post,
    signed_in,
    snapshot,
    text,
)

pytestmark = pytest.mark.django_db

ELSEWHERE = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]


def _is_ours(location):
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def test_sign_in_never_redirects_to_another_site(own):
    user = member(Role.EDITOR, own.municipality, username="ola")
    user.set_password("Fjord-lys-2026")
    user.save()
    for target in ELSEWHERE:
        browser = Client()
        response = browser.post(
            reverse("login") + "?next=" + target,
            {"username": "ola", "password": "Fjord-lys-2026", "next": target},
        )
        assert response.status_code == 302
        assert _is_ours(response["Location"]), response["Location"]


def test_language_switch_never_redirects_to_another_site(client):
    for target in ELSEWHERE:
        response = client.post(reverse("set_language"), {"language": "nb", "next": target})
        assert response.status_code == 302
        assert _is_ours(response["Location"]), response["Location"]
        response = client.post(
            reverse("set_language"), {"language": "nb"}, headers={"referer": target}
        )
        assert _is_ours(response["Location"]), response["Location"]


def test_every_kind_of_write_needs_the_csrf_token(own):
    browser = Client(enforce_csrf_checks=True)
    coordinator = own.users["staff"]
    browser.force_login(coordinator)
    before = snapshot(own)
    action, submitted = own.actions["draft"], own.follow_ups["submitted"]
    slug = own.municipality.slug
    writes = [
        (reverse("actions:edit", args=[action.pk]), action_post(action, title="Forfalska"), {}),
        (
            reverse("actions:status", args=[action.pk]),
            {"status": Action.Status.DONE, "loaded_version": action.version},
            {"HTTP_HX_REQUEST": "true"},
        ),
        (reverse("actions:archive", args=[action.pk]), {"archived": "1"}, {}),
        (reverse("actions:follow_up_review", args=[submitted.pk]), {"decision": "approve"}, {}),
        (
            reverse("partners:partner_edit", args=[slug, own.partner.key]),
            {"name": "Forfalska", "kind": "organisation", "loaded_version": own.partner.version},
            {},
        ),
        (
            reverse("annual_reports:annual_generate", args=[own.strategy.slug]),
            {"year": THIS_YEAR},
            {},
        ),
        (
            reverse("admin:partners_partner_change", args=[own.partner.pk]),
            {"name": "Forfalska", "key": "ks", "kind": "organisation"},
            {},
        ),
        (reverse("set_language"), {"language": "sv"}, {}),
        (reverse("logout"), {}, {}),
    ]
    for url, data, headers in writes:
        assert browser.post(url, data, **headers).status_code == 403, url
    assert snapshot(own) == before
    assert FollowUp.objects.get(pk=submitted.pk).state == FollowUp.State.SUBMITTED
    # Still signed in: the refused logout did nothing either.
    assert browser.get(reverse("actions:my_work")).status_code == 200


def test_session_and_csrf_cookies_are_httponly_and_same_site(own):
    user = member(Role.EDITOR, own.municipality, username="kari")
    user.set_password("Fjord-lys-2026")
    user.save()
    browser = Client()
    browser.get(reverse("login"))
    response = browser.post(reverse("login"), {"username": "kari", "password": "Fjord-lys-2026"})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"].lower() in {"lax", "strict"}
    assert browser.cookies[settings.CSRF_COOKIE_NAME]["samesite"].lower() in {"lax", "strict"}
    # A new session on sign-in: a session id planted before cannot be ridden after.
    planted = Client()
    planted.get(reverse("login"))
    planted.cookies[settings.SESSION_COOKIE_NAME] = "planted-session-id"
    planted.post(reverse("login"), {"username": "kari", "password": "Fjord-lys-2026"})
    assert planted.cookies[settings.SESSION_COOKIE_NAME].value != "planted-session-id"


def test_a_published_municipality_shows_other_members_only_what_it_publishes(client, own, other):
    signed_in(client, other.users["coordinator"])
    for url in [
        reverse("dashboards:dashboard", args=[own.strategy.slug]),
        reverse("dashboards:public", args=[own.municipality.slug]),
        reverse("goals:strategy", args=[own.strategy.slug]),
        own.partner.get_absolute_url(),
    ]:
        page = text(client.get(url))
        for hidden in [DRAFT_TEXT, SUBMITTED_TEXT, REVIEW_COMMENT, "779", "4,242"]:
            assert hidden not in page, (url, hidden)
    public = reverse("dashboards:public", args=[own.municipality.slug])
    assert APPROVED_TEXT in text(client.get(public))
    # The staff screens stay closed: published is not membership.
    for url in [
        reverse("actions:plan", args=[own.strategy.slug]),
        reverse("actions:detail", args=[own.actions["approved"].pk]),
        reverse("actions:follow_up", args=[own.follow_ups["approved"].pk]),
        reverse("annual_reports:annual", args=[own.strategy.slug]),
    ]:
        assert client.get(url).status_code == 404, url


def test_my_work_lists_only_the_own_municipality(client, own, other):
    for user in [own.users["coordinator"], own.users["politician"], own.users["editor"]]:
        signed_in(client, user)
        page = text(client.get(reverse("actions:my_work"), {"year": THIS_YEAR}))
        assert SECRET not in page
