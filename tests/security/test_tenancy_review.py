"""Adversarial review of multi-tenancy and roles, from the outside.

Each test is one attack. Another municipality's data is a 404 (or the admin's "does not
exist"), never data; the wrong role in one's own municipality is a 403; every refusal
also checks that nothing leaked (the neighbour's names all carry SECRET) and nothing
changed.
"""

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action

from .tenancy_world import (
    APPROVED_TEXT,
    DRAFT_INDICATOR_VALUE,
    DRAFT_TEXT,
    RETURNED_TEXT,
    REVIEW_COMMENT,
    SECRET,
    SUBMITTED_TEXT,
    THIS_YEAR,
    action_post,
    assert_refused,
    follow_up_post,
    signed_in,
    snapshot,
    text,
)

pytestmark = pytest.mark.django_db


# --- Another municipality's ids in our URLs ----------------------------------------------


def test_coordinator_gets_404_for_every_page_of_another_municipalitys_action(client, own, other):
    signed_in(client, own.users["coordinator"])
    action = other.actions["submitted"]
    for name in ["actions:detail", "actions:edit", "actions:follow_up_new"]:
        assert_refused(client.get(reverse(name, args=[action.pk])))


def test_coordinator_cannot_change_another_municipalitys_action_by_post_or_htmx(client, own, other):
    signed_in(client, own.users["coordinator"])
    action = other.actions["submitted"]
    before = snapshot(other)
    attacks = [
        (reverse("actions:edit", args=[action.pk]), action_post(action, title="Overteke"), {}),
        (reverse("actions:archive", args=[action.pk]), {"archived": "1"}, {}),
        (
            reverse("actions:status", args=[action.pk]),
            {"status": Action.Status.CANCELLED, "loaded_version": action.version},
            {"HTTP_HX_REQUEST": "true"},
        ),
        (
            reverse("actions:follow_up_new", args=[action.pk]) + f"?year={THIS_YEAR + 1}",
            follow_up_post(year=THIS_YEAR + 1),
            {},
        ),
    ]
    for url, data, headers in attacks:
        assert_refused(client.post(url, data, **headers))
    assert snapshot(other) == before


def test_coordinator_gets_404_for_another_municipalitys_follow_up_pages(client, own, other):
    signed_in(client, own.users["coordinator"])
    follow_up = other.follow_ups["submitted"]
    for name in ["actions:follow_up", "actions:follow_up_edit"]:
        assert_refused(client.get(reverse(name, args=[follow_up.pk])))


def test_coordinator_cannot_edit_submit_or_approve_another_municipalitys_follow_up(
    client, own, other
):
    signed_in(client, own.users["coordinator"])
    before = snapshot(other)
    submitted, draft = other.follow_ups["submitted"], other.follow_ups["draft"]
    attacks = [
        (
            reverse("actions:follow_up_edit", args=[draft.pk]),
            follow_up_post(loaded_version=draft.version),
        ),
        (reverse("actions:follow_up_submit", args=[draft.pk]), {}),
        (reverse("actions:follow_up_review", args=[submitted.pk]), {"decision": "approve"}),
        (
            reverse("actions:follow_up_review", args=[submitted.pk]),
            {"decision": "return", "comment": "x"},
        ),
    ]
    for url, data in attacks:
        assert_refused(client.post(url, data))
    assert snapshot(other) == before


def test_coordinator_gets_404_for_another_municipalitys_plan_csv_and_new_action(client, own, other):
    signed_in(client, own.users["coordinator"])
    slug = other.strategy.slug
    before = snapshot(other)
    assert_refused(client.get(reverse("actions:plan", args=[slug])))
    assert_refused(client.get(reverse("actions:plan", args=[slug]) + "?format=csv"))
    assert_refused(client.get(reverse("actions:plan", args=[slug]), HTTP_HX_REQUEST="true"))
    assert_refused(client.get(reverse("actions:new", args=[slug])))
    new = action_post(other.actions["submitted"], code="9.9", title="Planta")
    assert_refused(client.post(reverse("actions:new", args=[slug]), new))
    assert snapshot(other) == before


def test_plan_filters_with_another_municipalitys_ids_reveal_nothing(client, own, other):
    signed_in(client, own.users["coordinator"])
    url = reverse("actions:plan", args=[own.strategy.slug])
    unfiltered = text(client.get(url))
    for name, value in [
        ("goal_area", other.area.pk),
        ("partner", other.partner.pk),
        ("responsible", other.departments["business"].pk),
    ]:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, {name: value}, **headers)
            assert response.status_code == 200
            page = text(response)
            assert SECRET not in page
            # The foreign id is no filter at all: our own plan, as unfiltered.
            for action in own.actions.values():
                assert action.title in page
    assert SECRET not in unfiltered


def test_csv_export_with_another_municipalitys_filters_holds_only_own_actions(client, own, other):
    signed_in(client, own.users["coordinator"])
    url = reverse("actions:plan", args=[own.strategy.slug])
    for name, value in [
        ("goal_area", other.area.pk),
        ("partner", other.partner.pk),
        ("responsible", other.departments["schools"].pk),
    ]:
        response = client.get(url, {name: value, "format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        csv = text(response)
        assert SECRET not in csv
        assert own.actions["draft"].title in csv


def test_another_municipalitys_partner_registry_is_404_read_and_write(client, own, other):
    signed_in(client, own.users["coordinator"])
    slug, partner, twin = other.municipality.slug, other.partner.key, other.twin.key
    before = snapshot(other)
    for name, args in [
        ("partners:registry", [slug]),
        ("partners:partner", [slug, partner]),
        ("partners:partner_edit", [slug, partner]),
        ("partners:partner_new", [slug]),
        ("partners:twin_town", [slug, twin]),
        ("partners:twin_town_edit", [slug, twin]),
        ("partners:twin_town_status", [slug, twin]),
    ]:
        assert_refused(client.get(reverse(name, args=args)))
    posts = [
        (
            reverse("partners:partner_edit", args=[slug, partner]),
            {"name": "Overteke", "kind": "organisation", "loaded_version": 1},
        ),
        (reverse("partners:partner_new", args=[slug]), {"name": "Planta", "kind": "organisation"}),
        (
            reverse("partners:twin_town_status", args=[slug, twin]),
            {"status": "ended", "changed_on": "2025-01-01", "decision": "Sak 1/25"},
        ),
    ]
    for url, data in posts:
        assert_refused(client.post(url, data))
    assert snapshot(other) == before


def test_another_municipalitys_partner_key_under_our_slug_is_404(client, own, other):
    other.partner.key = "bare-hos-dei"
    other.partner.save()
    signed_in(client, own.users["coordinator"])
    slug = own.municipality.slug
    assert_refused(client.get(reverse("partners:partner", args=[slug, "bare-hos-dei"])))
    assert_refused(client.get(reverse("partners:partner_edit", args=[slug, "bare-hos-dei"])))


def test_another_municipalitys_annual_reports_are_404(client, own, other):
    signed_in(client, own.users["coordinator"])
    slug = other.strategy.slug
    before = snapshot(other)
    assert_refused(client.get(reverse("annual_reports:annual", args=[slug])))
    assert_refused(
        client.get(reverse("annual_reports:annual_status", args=[slug]), HTTP_HX_REQUEST="true")
    )
    assert_refused(client.get(reverse("annual_reports:annual_preview", args=[slug, THIS_YEAR])))
    assert_refused(client.get(reverse("annual_reports:annual_download", args=[other.report.pk])))
    assert_refused(
        client.post(reverse("annual_reports:annual_generate", args=[slug]), {"year": THIS_YEAR})
    )
    assert snapshot(other) == before


def test_unpublished_municipality_is_404_for_members_of_another_and_for_anonymous(
    client, own, other
):
    urls = [
        reverse("goals:municipality", args=[other.municipality.slug]),
        reverse("goals:strategy", args=[other.strategy.slug]),
        reverse("dashboards:dashboard", args=[other.strategy.slug]),
        reverse("dashboards:public", args=[other.municipality.slug]),
        reverse("partners:registry", args=[other.municipality.slug]),
    ]
    for user in [None, own.users["coordinator"], own.users["staff"]]:
        browser = Client()
        if user:
            browser.force_login(user)
        for url in urls:
            assert_refused(browser.get(url))
        assert SECRET not in text(browser.get(reverse("home")))


# --- Compare and search ------------------------------------------------------------------


def test_compare_and_search_never_show_an_unpublished_municipality(client, own, other):
    for user in [None, own.users["coordinator"]]:
        browser = Client()
        if user:
            browser.force_login(user)
        for query in ["", "Internasjonal dag", "Partner KS", "Mål om samarbeid"]:
            response = browser.get(reverse("dashboards:compare"), {"q": query})
            assert response.status_code == 200
            assert SECRET not in text(response)
        # Searching for the secret marker itself finds none of their rows (the query
        # is echoed in the page, their names are not).
        page = text(browser.get(reverse("dashboards:compare"), {"q": SECRET}))
        for name in [other.actions["draft"].title, other.partner.name, other.goal.text]:
            assert name not in page


def test_search_never_finds_follow_up_drafts_or_review_comments(client, own):
    for hidden in [DRAFT_TEXT, SUBMITTED_TEXT, RETURNED_TEXT, REVIEW_COMMENT]:
        word = hidden.split("-")[0]  # the page echoes the query, never the whole text
        for user in [None, own.users["politician"]]:
            browser = Client()
            if user:
                browser.force_login(user)
            page = text(browser.get(reverse("dashboards:compare"), {"q": word}))
            assert hidden not in page


# --- What anonymous visitors see ---------------------------------------------------------


def test_public_page_shows_approved_follow_ups_only(client, own):
    page = text(client.get(reverse("dashboards:public", args=[own.municipality.slug])))
    assert APPROVED_TEXT in page
    for hidden in [DRAFT_TEXT, SUBMITTED_TEXT, RETURNED_TEXT, REVIEW_COMMENT]:
        assert hidden not in page


def test_public_dashboard_figures_do_not_count_drafts(client, own):
    url = reverse("dashboards:dashboard", args=[own.strategy.slug])
    public = text(client.get(url, {"year": THIS_YEAR}))
    # The draft's money (777 777, with the approved 1 234: 779 011) and hours (99 999)
    # are in no figure; the approved follow-up's money is.
    assert "1,234" in public
    for hidden in ["779", "99,999", "99 999"]:
        assert hidden not in public
    signed_in(client, own.users["politician"])
    internal = text(client.get(url, {"year": THIS_YEAR}))
    assert "779,011" in internal  # members do follow the drafts


def test_public_dashboard_hides_indicator_values_typed_into_unapproved_follow_ups(client, own):
    url = reverse("dashboards:dashboard", args=[own.strategy.slug])
    for page in [
        text(client.get(url, {"year": THIS_YEAR})),
        text(client.get(reverse("dashboards:public", args=[own.municipality.slug]))),
    ]:
        for shown in DRAFT_INDICATOR_VALUE:
            assert shown not in page
    signed_in(client, own.users["politician"])
    assert "4,242" in text(client.get(url, {"year": THIS_YEAR}))  # members see it


def test_anonymous_is_sent_to_sign_in_from_every_staff_screen(client, own):
    action, follow_up = own.actions["draft"], own.follow_ups["draft"]
    urls = [
        reverse("actions:my_work"),
        reverse("actions:plan", args=[own.strategy.slug]),
        reverse("actions:plan", args=[own.strategy.slug]) + "?format=csv",
        reverse("actions:detail", args=[action.pk]),
        reverse("actions:edit", args=[action.pk]),
        reverse("actions:follow_up", args=[follow_up.pk]),
        reverse("actions:follow_up_edit", args=[follow_up.pk]),
        reverse("annual_reports:annual", args=[own.strategy.slug]),
        reverse("annual_reports:annual_preview", args=[own.strategy.slug, THIS_YEAR]),
        reverse("annual_reports:annual_download", args=[own.report.pk]),
        reverse("partners:partner_edit", args=[own.municipality.slug, own.partner.key]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))
        assert DRAFT_TEXT not in text(response)


def test_partner_change_history_is_for_members_only(client, own, other):
    url_partner = own.partner.get_absolute_url()
    url_twin = own.twin.get_absolute_url()
    # A staff member's change leaves their username in the history.
    signed_in(client, own.users["coordinator"])
    response = client.post(
        reverse("partners:partner_edit", args=[own.municipality.slug, own.partner.key]),
        {"name": "KS Agenda", "kind": "organisation", "loaded_version": own.partner.version},
    )
    assert response.status_code == 302
    assert "<td>koordinator</td>" in text(client.get(url_partner))
    for user in [None, other.users["coordinator"]]:
        browser = Client()
        if user:
            browser.force_login(user)
        for url in [url_partner, url_twin]:
            page = text(browser.get(url))
            assert "KS Agenda" in page or url == url_twin  # the public part is there
            assert "<td>koordinator</td>" not in page
            assert "Change history" not in page


def test_report_files_are_not_served_from_media_urls(client, own, settings):
    import importlib

    from django.urls import clear_url_caches

    import strategy_portal.urls

    settings.DEBUG = True  # as in `make run`
    try:
        importlib.reload(strategy_portal.urls)
        clear_url_caches()
        response = client.get("/" + settings.MEDIA_URL.lstrip("/") + own.report.file.name)
        assert response.status_code == 404
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))
    finally:
        settings.DEBUG = False
        importlib.reload(strategy_portal.urls)
        clear_url_caches()


def test_public_page_does_not_show_another_municipalitys_strategy_by_slug(client, own, other):
    url = reverse("dashboards:public", args=[own.municipality.slug])
    assert_refused(client.get(url, {"strategy": other.strategy.slug}))
    signed_in(client, own.users["coordinator"])
    assert_refused(client.get(url, {"strategy": other.strategy.slug}))
