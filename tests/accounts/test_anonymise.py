"""An administrator anonymises a person who has left: their name and e-mail address are
gone, the account is closed, and the plan's history keeps every change they made under a
pseudonym ("Former employee 17")."""

import pytest
from django.contrib import admin as django_admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from collaboration.models import Comment, Watch
from tests.factories import ActionFactory, MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db

User = get_user_model()
CHANGELIST = reverse("admin:auth_user_changelist")


@pytest.fixture
def hamar():
    return MunicipalityFactory(slug="hamar", name="Hamar")


@pytest.fixture
def kari(hamar):
    return member(
        Role.COORDINATOR,
        hamar,
        username="kari.nordmann",
        first_name="Kari",
        last_name="Nordmann",
        email="kari.nordmann@hamar.example",
    )


@pytest.fixture
def action_kari_changed(hamar, kari):
    action = ActionFactory(
        goal_area__strategy=StrategyFactory(municipality=hamar), title="Utveksling"
    )
    action.title = "Ungdomsutveksling med Rättvik"
    action._history_user = kari
    action.save()
    Comment.objects.create(action=action, author=kari, body="Budsjettet er klart.")
    Watch.objects.create(action=action, user=kari)
    return action


def _anonymise(client, *users, confirm=True):
    data = {"action": "anonymise_former_employees", "_selected_action": [u.pk for u in users]}
    if confirm:
        data["confirm"] = "yes"
    return client.post(CHANGELIST, data)


def test_history_is_kept_under_a_pseudonym_and_the_name_is_gone(
    admin, hamar, kari, action_kari_changed
):
    response = _anonymise(admin, kari)
    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.username == f"former-employee-{kari.pk}"
    assert kari.get_full_name() == f"Former employee {kari.pk}"
    assert (kari.email, kari.is_active, kari.has_usable_password()) == ("", False, False)
    # The trail: the change she made is still hers, under the pseudonym.
    record = action_kari_changed.history.filter(title="Ungdomsutveksling med Rättvik").get()
    assert record.history_user_id == kari.pk
    # A colleague reading the action's history sees the pseudonym, never her name.
    colleague = Client()
    colleague.force_login(member(Role.COORDINATOR, hamar))
    page = colleague.get(action_kari_changed.get_absolute_url()).content.decode()
    assert f"former-employee-{kari.pk}" in page
    assert "Budsjettet er klart." in page  # her comment stays, under the pseudonym
    for trace in ("kari", "Kari", "Nordmann", "hamar.example"):
        assert trace not in page, page[page.index(trace) - 300 : page.index(trace) + 100]


def test_the_role_follows_and_sign_in_are_gone(admin, client, kari, action_kari_changed):
    _anonymise(admin, kari)
    assert not Membership.objects.filter(user=kari).exists()
    assert not Watch.objects.filter(user=kari).exists()
    kari.refresh_from_db()
    assert not kari.is_staff and not kari.groups.exists()
    assert not client.login(username="kari.nordmann", password="secret-pass-123")
    assert not client.login(username=kari.username, password="secret-pass-123")


def test_the_pseudonym_is_in_the_installations_language(admin, settings, kari):
    settings.LANGUAGE_CODE = "nb"
    _anonymise(admin, kari)
    kari.refresh_from_db()
    assert kari.username == f"tidligere-ansatt-{kari.pk}"
    assert kari.get_full_name() == f"Tidligere ansatt {kari.pk}"


def test_a_confirmation_page_comes_first_and_changes_nothing(admin, kari):
    response = _anonymise(admin, kari, confirm=False)
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    kari.refresh_from_db()
    assert kari.username == "kari.nordmann" and kari.is_active


def test_an_administrator_or_oneself_is_refused(admin, kari):
    other_admin = member(Role.ADMIN, None, username="annen.admin", first_name="Anne")
    me = User.objects.get(username="admin")
    response = _anonymise(admin, other_admin, me, kari)
    assert response.status_code == 302
    other_admin.refresh_from_db()
    me.refresh_from_db()
    assert other_admin.username == "annen.admin" and me.username == "admin"
    kari.refresh_from_db()
    assert kari.username != "kari.nordmann"  # the others still go through
    messages = [str(m) for m in admin.get(CHANGELIST).context["messages"]]
    assert any("remove the administrator role first" in m for m in messages)
    assert any("your own account" in m for m in messages)


def test_a_coordinator_is_not_offered_the_action_and_cannot_post_it(client, hamar, kari):
    coordinator = member(Role.COORDINATOR, hamar, is_staff=True)
    client.force_login(coordinator)
    changelist = client.get(CHANGELIST)
    assert "anonymise_former_employees" not in changelist.content.decode()
    _anonymise(client, kari)
    kari.refresh_from_db()
    assert kari.username == "kari.nordmann"
    assert "anonymise_former_employees" in django_admin.site._registry[User].actions
