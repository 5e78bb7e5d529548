"""Sign in and out, change a password, reset a forgotten one by e-mail."""

import re

import pytest
from django.core import mail

from accounts.models import Role
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return member(
        Role.EDITOR,
        MunicipalityFactory(name="Hamar kommune"),
        username="kari",
        email="kari@hamar.kommune.no",
    )


def test_header_shows_who_you_are_and_your_municipality(client, editor):
    client.post("/accounts/login/", {"username": "kari", "password": "secret-pass-123"})
    page = client.get("/").content.decode()
    assert "kari" in page and "Editor" in page and "Hamar kommune" in page


def test_wrong_password_is_refused_with_a_message(client, editor):
    response = client.post("/accounts/login/", {"username": "kari", "password": "feil"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(client, editor):
    client.force_login(editor)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_change(client, editor):
    client.force_login(editor)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "secret-pass-123",
            "new_password1": "Mjøsa-ved-Hamar-2026",
            "new_password2": "Mjøsa-ved-Hamar-2026",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Mjøsa-ved-Hamar-2026")


def test_forgotten_password_is_reset_through_the_link_in_the_email(client, editor):
    client.post("/accounts/password_reset/", {"email": "kari@hamar.kommune.no"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    response = client.post(
        form_url, {"new_password1": "Nytt-passord-2026", "new_password2": "Nytt-passord-2026"}
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Nytt-passord-2026")


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, editor):
    response = client.post("/accounts/password_reset/", {"email": "ukjend@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
