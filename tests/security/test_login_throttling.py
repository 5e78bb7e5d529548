"""Repeated failed sign-ins lock the username from that address for a while (django-axes)."""

import pytest
from django.conf import settings as django_settings


@pytest.fixture
def throttled(settings):
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.MemberBackend",
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


# --- Behind the TLS proxy: the real client's address, not the proxy's ---------------------

PROXY = "10.0.0.2"


def _sign_in(client, username, password, client_ip):
    # The proxy connects (REMOTE_ADDR) and appends the address it was reached from.
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


@pytest.mark.django_db
def test_an_attackers_failures_behind_the_proxy_do_not_lock_out_the_real_user(
    client, django_user_model, throttled, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_user("time-editor", password="Riktig-passord-99")
    attacker = [_sign_in(client, "time-editor", "feil", "203.0.113.66") for _ in range(5)]
    assert attacker[-1].status_code == 429
    response = _sign_in(client, "time-editor", "Riktig-passord-99", "198.51.100.7")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_escape_the_lockout(
    client, django_user_model, throttled, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_user("kari", password="Riktig-passord-99")
    # The client writes its own X-Forwarded-For; the proxy appends the real address last.
    codes = [
        _sign_in(client, "kari", "feil", f"192.0.2.{n}, 203.0.113.66").status_code for n in range(4)
    ]
    assert codes[-1] == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(
    client, django_user_model, throttled, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    django_user_model.objects.create_user("kari", password="Riktig-passord-99")
    codes = [_sign_in(client, "kari", "feil", f"192.0.2.{n}").status_code for n in range(3)]
    assert codes[-1] == 429  # every attempt counted against the connecting address


# --- Password reset: no mail flooding ---------------------------------------------------------


@pytest.fixture
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_password_reset_mails_are_limited_per_account(
    client, django_user_model, settings, mailoutbox, fresh_cache
):
    settings.PASSWORD_RESET_PER_ACCOUNT = 3
    django_user_model.objects.create_user("kari", email="kari@hamar.no", password="Pw-kari-2026")
    for n in range(6):
        response = client.post(
            "/accounts/password_reset/", {"email": "kari@hamar.no"}, REMOTE_ADDR=f"192.0.2.{n}"
        )
        assert response.status_code == 302  # the same answer whether a mail went or not
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(
    client, django_user_model, settings, mailoutbox, fresh_cache
):
    settings.PASSWORD_RESET_PER_ADDRESS = 4
    for n in range(4):
        response = client.post("/accounts/password_reset/", {"email": f"x{n}@example.org"})
        assert response.status_code == 302
    response = client.post("/accounts/password_reset/", {"email": "y@example.org"})
    assert response.status_code == 429
    assert "Too many password reset requests" in response.content.decode()
