"""Repeated failed sign-ins lock the username from that address for a while (django-axes)."""

import pytest
from django.conf import settings as django_settings


@pytest.fixture
def throttled(settings):
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.AXES_FAILURE_LIMIT = 3


@pytest.mark.django_db
def test_after_three_failures_even_the_right_password_is_refused(
    client, django_user_model, throttled
):
    django_user_model.objects.create_user("kari", password="Riktig-passord-99")
    codes = [
        client.post("/accounts/login/", {"username": "kari", "password": "feil"}).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    response = client.post(
        "/accounts/login/", {"username": "kari", "password": "Riktig-passord-99"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_other_usernames_are_not_locked_by_someone_elses_failures(
    client, django_user_model, throttled
):
    django_user_model.objects.create_user("per", password="Per-sitt-passord-1")
    for _ in range(3):
        client.post("/accounts/login/", {"username": "kari", "password": "feil"})
    response = client.post(
        "/accounts/login/", {"username": "per", "password": "Per-sitt-passord-1"}
    )
    assert response.status_code == 302


def test_lockout_has_a_cool_off_time():
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() > 0
    assert ["username", "ip_address"] in django_settings.AXES_LOCKOUT_PARAMETERS


@pytest.mark.django_db
def test_admin_is_for_staff_accounts_only(client, django_user_model):
    user = django_user_model.objects.create_user("politikar", password="Politikar-pw-77")
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
