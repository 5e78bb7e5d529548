"""The portal's sign-in backend (accounts.backends.MemberBackend): the user is read with their
membership; a session signed in under Django's own backend before the portal had one stays
signed in; an account made inactive is signed out."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return member(Role.EDITOR, MunicipalityFactory(), username="redaktor")


def test_a_session_from_before_the_portals_backend_stays_signed_in(client, editor):
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("actions:my_work"))
    assert response.status_code == 200
    assert client.session["_auth_user_backend"] == "accounts.backends.MemberBackend"


def test_an_account_made_inactive_is_signed_out(client, editor):
    client.force_login(editor)
    editor.is_active = False
    editor.save()
    response = client.get(reverse("actions:my_work"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
