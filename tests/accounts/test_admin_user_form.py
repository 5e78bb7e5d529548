"""Adding and changing users in the admin, as an administrator's browser does it.

No role is ever preselected, the administrator role is a deliberate act of its own, and
staff status and groups follow the membership, whatever the form was given."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, Role
from accounts.services import COORDINATOR_GROUP
from tests.factories import (
    ActionFactory,
    MunicipalityFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    member,
)

from .browser_form import browser_post_data

pytestmark = pytest.mark.django_db
User = get_user_model()
ADD = reverse("admin:auth_user_add")
PASSWORD = "Skilpadde-Fjord-2026"


@pytest.fixture
def place():
    municipality = MunicipalityFactory(slug="egen", name="Egen kommune")
    strategy = StrategyFactory(municipality=municipality)
    return {
        "municipality": municipality,
        "department": ResponsiblePartyFactory(municipality=municipality, name="Kultur"),
        "action": ActionFactory(strategy=strategy, title="Vårt eige tiltak"),
        "theirs": ActionFactory(title="Deira løyndetiltak"),
    }


def _add_page_post(client, **fields):
    """The add page as the browser submits it, with `fields` typed or chosen."""
    page = client.get(ADD)
    assert page.status_code == 200
    data = browser_post_data(page, "user_form")
    data.update({"username": "ny", "password1": PASSWORD, "password2": PASSWORD, **fields})
    return client.post(ADD, data)


def _group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_role_select_opens_on_a_blank_choice_without_administrator(admin):
    page = admin.get(ADD).content.decode()
    select = re.search(r'<select name="membership-0-role".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"', select)
    assert options[0] == ""
    assert "admin" not in options
    assert re.findall(r'<option value="([^"]*)" selected', select) in ([], [""])


def test_untouched_add_form_makes_a_user_with_no_role_and_no_admin_access(admin, place):
    response = _add_page_post(admin)
    assert response.status_code == 302
    user = User.objects.get(username="ny")
    assert not Membership.objects.filter(user=user).exists()
    assert (user.is_staff, user.is_superuser, _group_names(user)) == (False, False, set())
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    "role, is_staff, groups",
    [
        (Role.COORDINATOR, True, {COORDINATOR_GROUP}),
        (Role.EDITOR, False, set()),
        (Role.POLITICIAN, False, set()),
    ],
)
def test_each_role_gives_that_role_and_the_admin_access_it_needs(
    admin, place, role, is_staff, groups
):
    response = _add_page_post(
        admin,
        **{
            "membership-0-municipality": place["municipality"].pk,
            "membership-0-role": role,
            "membership-0-department": place["department"].pk,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="ny")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality) == (role, place["municipality"])
    assert (user.is_staff, user.is_superuser, _group_names(user)) == (is_staff, False, groups)


def test_a_coordinator_made_in_the_form_opens_the_admin_of_their_own_municipality_only(
    admin, client, place
):
    _add_page_post(
        admin,
        **{
            "membership-0-municipality": place["municipality"].pk,
            "membership-0-role": "coordinator",
        },
    )
    client.force_login(User.objects.get(username="ny"))
    assert client.get(reverse("admin:index")).status_code == 200
    listing = client.get(reverse("admin:actions_action_changelist"))
    assert listing.status_code == 200
    assert "Vårt eige tiltak" in listing.content.decode()
    assert "Deira løyndetiltak" not in listing.content.decode()
    mine = reverse("admin:actions_action_change", args=[place["action"].pk])
    assert client.get(mine).status_code == 200
    theirs = client.get(
        reverse("admin:actions_action_change", args=[place["theirs"].pk]), follow=True
    )
    assert "Deira løyndetiltak" not in theirs.content.decode()


def test_a_role_without_a_municipality_or_a_municipality_without_a_role_is_refused(admin, place):
    response = _add_page_post(admin, **{"membership-0-municipality": place["municipality"].pk})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = _add_page_post(admin, **{"membership-0-role": Role.EDITOR})
    assert response.status_code == 200
    assert "Every role but administrator belongs to a municipality" in response.content.decode()
    assert not User.objects.filter(username="ny").exists()


def test_the_administrator_role_cannot_be_chosen_in_a_form(admin, place):
    response = _add_page_post(admin, **{"membership-0-role": Role.ADMIN})
    assert response.status_code == 200
    assert not User.objects.filter(username="ny").exists()
    editor = member(Role.EDITOR, place["municipality"], username="redaktor")
    url = reverse("admin:accounts_membership_change", args=[editor.membership.pk])
    data = browser_post_data(admin.get(url), "membership_form")
    data.update(role=Role.ADMIN, municipality="")
    assert admin.post(url, data).status_code == 200
    editor.membership.refresh_from_db()
    assert editor.membership.role == Role.EDITOR


def test_hand_set_flags_are_not_form_fields(admin, place):
    editor = member(Role.EDITOR, place["municipality"], username="redaktor")
    url = reverse("admin:auth_user_change", args=[editor.pk])
    data = browser_post_data(admin.get(url), "user_form")
    data.update(is_staff="on", is_superuser="on")
    assert admin.post(url, data).status_code == 302
    editor.refresh_from_db()
    assert (editor.is_staff, editor.is_superuser) == (False, False)


def test_a_new_user_without_a_password_is_sent_a_link_to_choose_one(admin, client, place):
    response = _add_page_post(
        admin,
        password1="",
        password2="",
        email="kari@egen.kommune.no",
        **{
            "membership-0-municipality": place["municipality"].pk,
            "membership-0-role": "coordinator",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="ny")
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["kari@egen.kommune.no"]
    assert "Egen kommune" in message.body
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_no_password_and_no_e_mail_is_a_clear_error(admin, place):
    response = _add_page_post(admin, password1="", password2="")
    assert response.status_code == 200
    assert "Give an e-mail address" in response.content.decode()
    assert not User.objects.filter(username="ny").exists()
    assert not mail.outbox


# --- The administrator role: a screen of its own ---------------------------------------------


def _administrator_url(user):
    return reverse("admin:auth_user_administrator", args=[user.pk])


def test_granting_administrator_needs_the_confirmation_step(admin, place):
    coordinator = member(Role.COORDINATOR, place["municipality"], username="koord")
    page = admin.get(_administrator_url(coordinator))
    assert page.status_code == 200
    assert "every municipality, including unpublished ones" in page.content.decode()
    response = admin.post(_administrator_url(coordinator), {})
    assert response.status_code == 400
    coordinator.membership.refresh_from_db()
    assert coordinator.membership.role == Role.COORDINATOR
    assert not mail.outbox


def test_granting_administrator_is_recorded_and_mailed_to_the_other_administrators(
    admin, place, django_capture_on_commit_callbacks
):
    me = User.objects.get(username="admin")
    me.email = "meg@drift.no"
    me.save()
    other = member(Role.ADMIN, None, username="annan", email="annan@drift.no")
    coordinator = member(Role.COORDINATOR, place["municipality"], username="koord")
    coordinator.email = "koord@egen.no"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(_administrator_url(coordinator), {"confirm": "yes"})
    assert response.status_code == 302
    coordinator.refresh_from_db()
    membership = Membership.objects.get(user=coordinator)
    assert (membership.role, membership.municipality) == (Role.ADMIN, None)
    assert coordinator.is_staff and _group_names(coordinator) == set()
    latest = membership.history.latest()
    assert (latest.role, latest.history_user) == (Role.ADMIN, me)
    assert LogEntry.objects.filter(object_id=str(coordinator.pk), user=me).exists()
    assert [message.to for message in mail.outbox] == [[other.email]]
    assert "koord" in mail.outbox[0].subject


def test_only_administrators_reach_the_administrator_screen(client, place):
    coordinator = member(Role.COORDINATOR, place["municipality"], username="koord")
    editor = member(Role.EDITOR, place["municipality"], username="redaktor")
    client.force_login(coordinator)
    assert (
        "Make administrator"
        not in client.get(reverse("admin:auth_user_change", args=[coordinator.pk])).content.decode()
    )
    assert client.get(_administrator_url(editor)).status_code == 403
    assert client.post(_administrator_url(editor), {"confirm": "yes"}).status_code == 403
    assert Membership.objects.get(user=editor).role == Role.EDITOR


def test_removing_the_administrator_role_removes_admin_access(admin, place):
    other = member(Role.ADMIN, None, username="annan")
    assert other.is_staff
    admin.post(_administrator_url(other), {"confirm": "yes"})
    other.refresh_from_db()
    assert not Membership.objects.filter(user=other).exists()
    assert not other.is_staff


def test_changing_or_deleting_a_membership_moves_admin_access_with_it(admin, place):
    coordinator = member(Role.COORDINATOR, place["municipality"], username="koord")
    assert coordinator.is_staff and _group_names(coordinator) == {COORDINATOR_GROUP}
    url = reverse("admin:accounts_membership_change", args=[coordinator.membership.pk])
    data = browser_post_data(admin.get(url), "membership_form")
    data.update(role=Role.EDITOR)
    assert admin.post(url, data).status_code == 302
    coordinator.refresh_from_db()
    assert (coordinator.is_staff, _group_names(coordinator)) == (False, set())
    Membership.objects.filter(user=coordinator).update(role=Role.COORDINATOR)
    delete = reverse("admin:accounts_membership_delete", args=[coordinator.membership.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 302
    coordinator.refresh_from_db()
    assert not coordinator.is_staff
