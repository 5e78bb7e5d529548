"""Tenancy review, the wrong role in one's own municipality: a 403 and nothing changed.

Also the forms: a choice id of another municipality's row is refused.
"""

import pytest
from django.urls import reverse

from actions.models import Action, FollowUp

from .tenancy_world import (
    DRAFT_TEXT,
    SECRET,
    THIS_YEAR,
    action_post,
    assert_refused,
    follow_up_post,
    signed_in,
    snapshot,
    text,
)

pytestmark = pytest.mark.django_db


# --- The wrong role in one's own municipality --------------------------------------------


def test_editor_cannot_approve_or_return_a_follow_up(client, own):
    signed_in(client, own.users["editor"])
    before = snapshot(own)
    submitted = own.follow_ups["submitted"]
    for decision in ["approve", "return"]:
        response = client.post(
            reverse("actions:follow_up_review", args=[submitted.pk]),
            {"decision": decision, "comment": "x"},
        )
        assert_refused(response, 403)
    assert snapshot(own) == before


def test_editor_cannot_approve_their_own_submitted_follow_up_by_editing_it(client, own):
    follow_up = own.follow_ups["draft"]
    follow_up.state = FollowUp.State.SUBMITTED
    follow_up.save()
    signed_in(client, own.users["editor"])
    before = snapshot(own)
    response = client.post(
        reverse("actions:follow_up_edit", args=[follow_up.pk]),
        follow_up_post(state="approved", loaded_version=follow_up.version),
    )
    assert_refused(response, 403)
    assert snapshot(own) == before


def test_editor_cannot_take_over_an_action_by_posting_responsible(client, own):
    editor = own.users["editor"]
    business, schools = own.departments["business"], own.departments["schools"]
    signed_in(client, editor)
    # Their own action: the responsible field is ignored, the rest is saved.
    mine = own.actions["draft"]
    response = client.post(
        reverse("actions:edit", args=[mine.pk]),
        action_post(mine, responsible=schools.pk, title="Ny tittel"),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.responsible) == ("Ny tittel", business)
    # Another department's action: refused, even when the post names the editor's own.
    theirs = own.actions["submitted"]
    before = snapshot(own)
    for url, data in [
        (reverse("actions:edit", args=[theirs.pk]), action_post(theirs, responsible=business.pk)),
        (
            reverse("actions:status", args=[theirs.pk]),
            {"status": Action.Status.DONE, "loaded_version": theirs.version},
        ),
        (reverse("actions:archive", args=[theirs.pk]), {"archived": "1"}),
        (reverse("actions:follow_up_new", args=[theirs.pk]), follow_up_post(year=THIS_YEAR + 1)),
    ]:
        assert_refused(client.post(url, data), 403)
    assert snapshot(own) == before


def test_editor_cannot_create_actions_or_manage_partners_or_reports(client, own):
    signed_in(client, own.users["editor"])
    before = snapshot(own)
    slug = own.municipality.slug
    for url, data in [
        (
            reverse("actions:new", args=[own.strategy.slug]),
            action_post(own.actions["draft"], code="8"),
        ),
        (reverse("partners:partner_new", args=[slug]), {"name": "Ny", "kind": "organisation"}),
        (
            reverse("partners:twin_town_status", args=[slug, own.twin.key]),
            {"status": "ended", "changed_on": "2025-01-01", "decision": "Sak 1/25"},
        ),
        (reverse("annual_reports:annual_generate", args=[own.strategy.slug]), {"year": THIS_YEAR}),
    ]:
        assert_refused(client.post(url, data), 403)
    assert_refused(client.get(reverse("annual_reports:annual_download", args=[own.report.pk])), 403)
    assert_refused(
        client.get(reverse("annual_reports:annual_preview", args=[own.strategy.slug, THIS_YEAR])),
        403,
    )
    assert snapshot(own) == before


def test_politician_reads_everything_but_writes_nothing(client, own):
    signed_in(client, own.users["politician"])
    draft = own.follow_ups["draft"]
    assert DRAFT_TEXT in text(client.get(reverse("actions:follow_up", args=[draft.pk])))
    assert (
        client.get(reverse("annual_reports:annual_download", args=[own.report.pk])).status_code
        == 200
    )
    before = snapshot(own)
    action, submitted = own.actions["draft"], own.follow_ups["submitted"]
    slug = own.municipality.slug
    for url, data in [
        (reverse("actions:edit", args=[action.pk]), action_post(action, title="Politikk")),
        (
            reverse("actions:status", args=[action.pk]),
            {"status": Action.Status.DONE, "loaded_version": action.version},
        ),
        (reverse("actions:archive", args=[action.pk]), {"archived": "1"}),
        (reverse("actions:new", args=[own.strategy.slug]), action_post(action, code="7")),
        (reverse("actions:follow_up_new", args=[action.pk]), follow_up_post(year=THIS_YEAR + 1)),
        (
            reverse("actions:follow_up_edit", args=[draft.pk]),
            follow_up_post(loaded_version=draft.version),
        ),
        (reverse("actions:follow_up_submit", args=[draft.pk]), {}),
        (reverse("actions:follow_up_review", args=[submitted.pk]), {"decision": "approve"}),
        (
            reverse("partners:partner_edit", args=[slug, own.partner.key]),
            {"name": "Politikk", "kind": "organisation", "loaded_version": own.partner.version},
        ),
        (reverse("annual_reports:annual_generate", args=[own.strategy.slug]), {"year": THIS_YEAR}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert snapshot(own) == before


def test_action_form_refuses_another_municipalitys_choice_ids(client, own, other):
    signed_in(client, own.users["coordinator"])
    action = own.actions["draft"]
    before = snapshot(own)
    for name, value in [
        ("goal_area", other.area.pk),
        ("goals", [other.goal.pk]),
        ("strategy_points", [other.point.pk]),
        ("responsible", other.departments["business"].pk),
        ("partners", [other.partner.pk]),
        ("twin_towns", [other.twin.pk]),
    ]:
        for url in [
            reverse("actions:edit", args=[action.pk]),
            reverse("actions:new", args=[own.strategy.slug]),
        ]:
            overrides = {name: value, "code": "5.5"} if "new" in url else {name: value}
            response = client.post(url, action_post(action, **overrides))
            assert response.status_code == 200, (name, url)  # the form again, with an error
            assert "Select a valid choice" in text(response)
            assert SECRET not in text(response)
    assert snapshot(own) == before


def test_follow_up_form_refuses_another_municipalitys_milestones_and_funding_rows(
    client, own, other
):
    signed_in(client, own.users["coordinator"])
    draft = own.follow_ups["draft"]
    before_own, before_other = snapshot(own), snapshot(other)
    response = client.post(
        reverse("actions:follow_up_edit", args=[draft.pk]),
        follow_up_post(loaded_version=draft.version, milestones_reached=[other.milestone.pk]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    # Their funding row's id in our formset: never theirs to change or delete.
    funding = {
        "funding-TOTAL_FORMS": "1",
        "funding-INITIAL_FORMS": "1",
        "funding-0-id": other.funding.pk,
        "funding-0-source": "ks",
        "funding-0-source_detail": "Overteke",
        "funding-0-amount": "1",
        "funding-0-currency": "NOK",
    }
    for extra in [{}, {"funding-0-DELETE": "on"}]:
        client.post(
            reverse("actions:follow_up_edit", args=[draft.pk]),
            follow_up_post(loaded_version=draft.version, **funding, **extra),
        )
    assert snapshot(other) == before_other
    assert snapshot(own)["funding"] == before_own["funding"]
    assert SECRET not in text(response)


def test_member_without_a_municipality_sees_no_municipality_in_my_work(client, own, other):
    from accounts.models import Membership, Role

    editor = own.users["editor"]
    Membership.objects.filter(user=editor).update(municipality=None, role=Role.POLITICIAN)
    signed_in(client, editor)
    response = client.get(reverse("actions:my_work"))
    assert response.status_code == 403
    assert SECRET not in text(response)
    assert own.actions["draft"].title not in text(response)
