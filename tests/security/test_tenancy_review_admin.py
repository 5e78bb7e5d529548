"""Adversarial review of the Django admin as a municipality's staff member.

The attacker is a coordinator with staff status and every model permission, users and
memberships included (`tenancy_world.staff_coordinator`): the admin must still show and
change only their own municipality's rows, and never let them escalate.
"""

import datetime
import io
import zipfile

import pytest
import yaml
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse

from accounts.models import Membership, Role
from actions.models import Action, FollowUp
from goals.models import Municipality, Strategy
from partners.models import Partner
from tests.factories import UserFactory, member
from tests.pages import shows_word

from .tenancy_world import SECRET, signed_in, snapshot, text

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def staff(client, own):
    return signed_in(client, own.users["staff"])


def _url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _their_rows(other):
    return [
        other.municipality,
        other.strategy,
        other.area,
        other.goal,
        other.point,
        other.departments["business"],
        other.partner,
        other.twin,
        other.actions["submitted"],
        other.follow_ups["submitted"],
        other.report,
        Membership.objects.get(user=other.users["coordinator"]),
        other.users["coordinator"],
    ]


def form_data(response):
    """The admin change form's current values, as the browser would post them back."""
    data = {}
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(field.widget, AdminSplitDateTime):
                if isinstance(value, datetime.datetime):
                    data[f"{key}_0"], data[f"{key}_1"] = value.date(), value.time()
            elif value is True:
                data[key] = "on"
            elif value in (None, False):
                continue
            elif isinstance(value, list | tuple):
                data[key] = [v.pk if isinstance(v, Model) else v for v in value]
            else:
                data[key] = value.pk if isinstance(value, Model) else value
    return data


# --- Another municipality's rows ---------------------------------------------------------


ADMIN_LISTS = [
    "goals_municipality",
    "goals_strategy",
    "goals_goalarea",
    "goals_goal",
    "goals_strategypoint",
    "goals_responsibleparty",
    "partners_partner",
    "partners_twintown",
    "actions_action",
    "actions_followup",
    "actions_indicator",
    "annual_reports_annualreport",
    "accounts_membership",
    "auth_user",
]


def test_admin_lists_hide_another_municipalitys_rows_even_when_filtered_by_their_ids(
    staff, own, other
):
    for name in ADMIN_LISTS:
        url = reverse(f"admin:{name}_changelist")
        for query in [
            {},
            {"strategy__id__exact": other.strategy.pk},
            {"municipality__id__exact": other.municipality.pk},
            {"action__strategy__id__exact": other.strategy.pk},
        ]:
            response = staff.get(url, query)
            # A filter the list does not offer: a bad request or the list's "?e=1".
            assert response.status_code in (200, 302, 400), name
            assert SECRET not in text(response), name


def test_admin_change_delete_and_history_of_another_municipalitys_rows_show_nothing(
    staff, own, other
):
    for obj in _their_rows(other):
        for view in ["change", "delete", "history"]:
            response = staff.get(_url(obj, view), follow=True)
            assert SECRET not in text(response), (obj, view)
            if response.status_code == 200:  # the admin's "does not exist", on its index
                assert "doesn’t exist" in text(response), (obj, view)
            else:  # 403: no one but administrators deletes a municipality, any id
                assert response.status_code in (403, 404), (obj, view)


def test_admin_history_of_another_municipalitys_row_is_the_same_404_as_no_row(staff, own, other):
    action = other.actions["submitted"]
    missing = reverse("admin:actions_action_history", args=[10**9])
    theirs = _url(action, "history")
    assert staff.get(missing).status_code == 404
    assert staff.get(theirs).status_code == 404
    record = action.history.first()
    one_version = reverse(
        "admin:actions_action_simple_history", args=[action.pk, record.history_id]
    )
    response = staff.get(one_version)
    assert response.status_code == 404
    assert SECRET not in text(response)


def test_admin_posts_to_another_municipalitys_rows_change_nothing(staff, own, other):
    before = snapshot(other)
    user = other.users["coordinator"]
    password = user.password
    for obj in _their_rows(other):
        staff.post(_url(obj), {"name": "Overteke", "title": "Overteke", "username": "x"})
        staff.post(_url(obj, "delete"), {"post": "yes"})
    staff.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "Overteke-2026!", "password2": "Overteke-2026!"},
    )
    assert snapshot(other) == before
    user.refresh_from_db()
    assert user.password == password
    assert Municipality.objects.filter(pk=other.municipality.pk).exists()
    assert Strategy.objects.get(pk=other.strategy.pk).title == other.strategy.title


def test_admin_add_refuses_another_municipalitys_foreign_keys(staff, own, other):
    before = snapshot(other), Action.objects.count(), Partner.objects.count()
    attacks = [
        (
            "actions_action",
            {
                "strategy": other.strategy.pk,
                "goal_area": other.area.pk,
                "code": "9.9",
                "title": "Planta",
                "recurrence": "one_off",
                "status": "not_started",
                "milestones-TOTAL_FORMS": "0",
                "milestones-INITIAL_FORMS": "0",
            },
        ),
        ("partners_partner", {"municipality": other.municipality.pk, "key": "p", "name": "P"}),
        (
            "actions_followup",
            {"action": other.actions["draft"].pk, "year": 2030, "status": "on_track"},
        ),
        (
            "accounts_membership",
            {"user": own.users["editor"].pk, "municipality": other.municipality.pk},
        ),
    ]
    for name, data in attacks:
        response = staff.post(reverse(f"admin:{name}_add"), data)
        assert response.status_code == 200, name  # the form again, with errors
        assert SECRET not in text(response)
    assert (snapshot(other), Action.objects.count(), Partner.objects.count()) == before


def test_admin_bulk_delete_with_another_municipalitys_ids_deletes_nothing(staff, own, other):
    before = snapshot(other)
    for name, obj in [
        ("actions_action", other.actions["submitted"]),
        ("actions_followup", other.follow_ups["submitted"]),
        ("partners_partner", other.partner),
        ("goals_strategy", other.strategy),
    ]:
        response = staff.post(
            reverse(f"admin:{name}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
            follow=True,
        )
        assert SECRET not in text(response)
    assert snapshot(other) == before


def test_admin_export_with_another_municipalitys_strategy_id_exports_nothing(staff, own, other):
    response = staff.post(
        reverse("admin:goals_strategy_changelist"),
        {"action": "export_action", "_selected_action": [other.strategy.pk]},
    )
    # Their id selects nothing among our rows: an empty archive, none of their data.
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == []
    assert SECRET.encode() not in response.content


def test_admin_import_of_another_municipalitys_strategy_is_refused(staff, own, other):
    from tests.importer.conftest import SMALL

    data = yaml.safe_load(SMALL.read_text())
    data["municipality"]["slug"] = other.municipality.slug
    before = snapshot(other), Strategy.objects.count()
    response = staff.post(
        reverse("admin:goals_strategy_import"),
        {"file": SimpleUploadedFile("s.yaml", yaml.safe_dump(data, allow_unicode=True).encode())},
    )
    assert "you may only import strategies of your own municipality" in text(response)
    assert SECRET not in text(response)
    assert (snapshot(other), Strategy.objects.count()) == before


# --- Escalation ----------------------------------------------------------------------------


def test_staff_cannot_make_themselves_superuser_or_grant_permissions(staff, own):
    me = own.users["staff"]
    permissions = set(me.user_permissions.values_list("pk", flat=True))
    groups = set(me.groups.values_list("pk", flat=True))  # the coordinators' group
    url = _url(me)
    data = form_data(staff.get(url))
    everything = list(Permission.objects.values_list("pk", flat=True))
    data.update(is_superuser="on", user_permissions=everything)
    data["groups"] = [Group.objects.create(name="Alt").pk]
    staff.post(url, data)
    me.refresh_from_db()
    assert not me.is_superuser
    assert set(me.user_permissions.values_list("pk", flat=True)) == permissions
    assert set(me.groups.values_list("pk", flat=True)) == groups


def test_staff_cannot_give_the_administrator_role(staff, own):
    me, editor = own.users["staff"], own.users["editor"]
    for user in [me, editor]:
        data = form_data(staff.get(_url(user)))
        data["membership-0-role"] = Role.ADMIN
        staff.post(_url(user), data)
        membership = Membership.objects.get(user=user)
        data = form_data(staff.get(_url(membership)))
        data["role"] = Role.ADMIN
        response = staff.post(_url(membership), data)
        assert response.status_code == 200  # refused: the form again
        membership.refresh_from_db()
        assert membership.role != Role.ADMIN
    new = UserFactory(username="ny")
    response = staff.post(
        reverse("admin:accounts_membership_add"),
        {"user": new.pk, "municipality": own.municipality.pk, "role": Role.ADMIN},
    )
    assert not Membership.objects.filter(user=new).exists()


def test_staff_cannot_move_a_user_to_another_or_no_municipality(staff, own, other):
    editor = own.users["editor"]
    membership = Membership.objects.get(user=editor)
    for municipality in [other.municipality.pk, ""]:
        data = form_data(staff.get(_url(editor)))
        data["membership-0-municipality"] = municipality
        staff.post(_url(editor), data)
        data = form_data(staff.get(_url(membership)))
        data["municipality"] = municipality
        response = staff.post(_url(membership), data)
        assert response.status_code == 200
        assert SECRET not in text(response)
        membership.refresh_from_db()
        assert membership.municipality == own.municipality


def test_staff_cannot_take_over_an_administrator_of_their_municipality(staff, own):
    root = own.users["superuser"]
    password = root.password
    assert not shows_word(staff.get(reverse("admin:auth_user_changelist")), "rot")
    staff.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "Overteke-2026!", "password2": "Overteke-2026!"},
    )
    membership = Membership.objects.get(user=root)
    staff.post(_url(membership), {"user": root.pk, "role": Role.POLITICIAN})
    staff.post(_url(root), {"username": "rot", "is_active": ""})
    root.refresh_from_db()
    membership.refresh_from_db()
    assert (root.password, root.is_active, membership.role) == (password, True, Role.ADMIN)


def test_staff_cannot_claim_another_municipalitys_user_for_a_membership(staff, own, other):
    theirs = other.users["coordinator"]
    mine = Membership.objects.get(user=own.users["politician"])
    data = form_data(staff.get(_url(mine)))
    data["user"] = theirs.pk
    response = staff.post(_url(mine), data)
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.user == own.users["politician"]


def test_staff_cannot_change_the_permissions_of_shared_groups(staff, own):
    group = Group.objects.get(name="Coordinators")  # the staff member's own
    before = set(group.permissions.values_list("pk", flat=True))
    response = staff.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {
            "name": "Coordinators",
            "permissions": list(Permission.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert staff.post(reverse("admin:auth_group_add"), {"name": "Ny"}).status_code == 403


def test_an_administrator_still_manages_every_municipality(client, own, other):
    root = own.users["superuser"]
    signed_in(client, root)
    editor = own.users["editor"]
    membership = Membership.objects.get(user=editor)
    data = form_data(client.get(_url(membership)))
    data.update(municipality=other.municipality.pk, department="", role=Role.COORDINATOR)
    assert client.post(_url(membership), data).status_code == 302
    membership.refresh_from_db()
    assert membership.municipality == other.municipality
    assert SECRET in text(client.get(reverse("admin:actions_action_changelist")))
    member(Role.ADMIN, None, username="global-admin")  # admins need no municipality
    assert FollowUp.objects.filter(action__strategy=other.strategy).exists()


def test_staff_politician_with_every_permission_still_writes_nothing(client, own):
    from .tenancy_world import staff_coordinator

    reader = staff_coordinator(own.municipality, username="lesar")
    Membership.objects.filter(user=reader).update(role=Role.POLITICIAN)
    signed_in(client, reader)
    before = snapshot(own), Partner.objects.count(), User.objects.count()
    editor = own.users["editor"]
    password = editor.password
    assert client.get(reverse("admin:partners_partner_add")).status_code == 403
    response = client.post(
        reverse("admin:partners_partner_add"),
        {"municipality": own.municipality.pk, "key": "ny", "name": "Ny", "kind": "organisation"},
    )
    assert response.status_code == 403
    assert client.post(_url(own.partner), {"name": "Politikk"}).status_code == 403
    response = client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": "Overteke-2026!", "password2": "Overteke-2026!"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "ny", "password1": "Overteke-2026!", "password2": "Overteke-2026!"},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert editor.password == password
    assert (snapshot(own), Partner.objects.count(), User.objects.count()) == before
    # Reading their own municipality's rows is what a politician does.
    assert client.get(_url(own.partner)).status_code == 200


def test_view_on_site_link_does_not_reveal_another_municipalitys_addresses(staff, own, other):
    from django.contrib.contenttypes.models import ContentType

    for obj in [other.partner, other.twin, other.strategy, other.municipality]:
        content_type = ContentType.objects.get_for_model(obj)
        url = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
        response = staff.get(url)
        assert response.status_code == 404, obj
        assert other.municipality.slug not in response.get("Location", "")
    # Our own rows still lead to their pages.
    content_type = ContentType.objects.get_for_model(own.partner)
    response = staff.get(reverse("admin:view_on_site", args=[content_type.pk, own.partner.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(own.partner.get_absolute_url())


def test_admin_import_cannot_take_or_name_another_municipalitys_strategy_slug(staff, own, other):
    from tests.importer.conftest import SMALL

    data = yaml.safe_load(SMALL.read_text())
    data["municipality"]["slug"] = own.municipality.slug
    data["strategy"]["slug"] = other.strategy.slug
    before = snapshot(other), Strategy.objects.get(pk=other.strategy.pk).municipality_id
    response = staff.post(
        reverse("admin:goals_strategy_import"),
        {"file": SimpleUploadedFile("s.yaml", yaml.safe_dump(data, allow_unicode=True).encode())},
    )
    assert "is already used by" in text(response)
    assert other.municipality.name not in text(response)
    assert SECRET not in text(response)
    assert (snapshot(other), Strategy.objects.get(pk=other.strategy.pk).municipality_id) == before
