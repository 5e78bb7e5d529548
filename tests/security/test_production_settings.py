"""Production settings: `check --deploy` clean, CSP, HSTS, secure cookies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$k!q" + "production-grade-secret-key-with-enough-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "strategi.example.no",
    # Production has a job queue (the check does not connect to it).
    "REDIS_URL": "redis://redis.internal:6379/0",
    # Behind the documented TLS proxy.
    "TRUSTED_PROXY_COUNT": "1",
}


def manage_check(env, *args):
    env = {**env}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' harness only
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # An empty database of its own: the deploy checks read the accounts.
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' harness only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _production_start(**overrides):
    """`manage.py check` as a production server starts: the test settings' DEBUG removed."""
    env = {**os.environ, **PRODUCTION_ENV, **overrides}
    for name in ("DEBUG", "DJANGO_SETTINGS_MODULE"):
        if overrides.get(name) is None:
            env.pop(name, None)
    return manage_check(env)


def test_debug_is_off_unless_asked_for():
    # Following the README's steps without DEBUG and without a key: start-up stops.
    result = _production_start(SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert _production_start().returncode == 0


def test_the_repository_key_or_an_empty_host_list_stops_production():
    from strategy_portal.settings import LOCAL_DEVELOPMENT_KEY

    result = _production_start(SECRET_KEY=LOCAL_DEVELOPMENT_KEY)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
    result = _production_start(ALLOWED_HOSTS="")
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr


def test_error_reports_mask_the_broker_and_database_passwords(settings):
    from strategy_portal.errors import CredentialMaskingFilter

    settings.CELERY_BROKER_URL = "redis://:hemmeleg@redis.internal:6379/0"
    settings.CACHES = {"default": {"LOCATION": "redis://:hemmeleg@redis.internal:6379/1"}}
    shown = repr(CredentialMaskingFilter().get_safe_settings())
    assert "hemmeleg" not in shown


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_the_policy_would_block(client):
    page = client.get("/accounts/login/").content.decode()
    assert "<script>" not in page
    assert "onchange=" not in page and "onclick=" not in page


@pytest.mark.django_db
@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_SSL_REDIRECT=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_https_only_with_hsts_for_a_year_and_secure_cookies(client, django_user_model):
    assert client.get("/", secure=False).status_code == 301
    response = client.get("/accounts/login/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]
    django_user_model.objects.create_user("ola", password="Fjord-lys-2026")
    # The session cookie a sign-in sets is HttpOnly and secure.
    response = client.post(
        "/accounts/login/", {"username": "ola", "password": "Fjord-lys-2026"}, secure=True
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["secure"]


def test_check_deploy_warns_when_reports_would_render_inside_web_requests():
    env = {**os.environ, **PRODUCTION_ENV}
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        env.pop(name, None)
    result = manage_check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "annual_reports.W001" in result.stderr + result.stdout
    assert "render inside the web request" in result.stderr + result.stdout


def test_the_quick_start_without_a_queue_is_not_warned_about():
    env = {**os.environ, "DEBUG": "1"}
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        env.pop(name, None)
    result = manage_check(env, "--deploy")
    assert "annual_reports.W001" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "limits",
    [
        {"REPORT_TIME_LIMIT": "1000"},  # hard limit above the visibility timeout (900)
        {"REPORT_STUCK_AFTER": "600"},  # sweep before Redis re-delivers a dead worker's job
        {"REPORT_SOFT_TIME_LIMIT": "400"},  # soft limit above the hard one (360)
    ],
)
def test_report_limits_out_of_order_stop_the_check(limits):
    env = {**os.environ, **PRODUCTION_ENV, "CELERY_VISIBILITY_TIMEOUT": "900", **limits}
    result = manage_check(env)
    assert result.returncode != 0
    assert "annual_reports.E001" in result.stderr + result.stdout


@pytest.mark.django_db
def test_activity_restarts_the_idle_timeout_without_a_write_on_every_page(client, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    user = get_user_model().objects.create_user("ola", password="Fjord-lys-2026")
    client.post("/accounts/login/", {"username": "ola", "password": "Fjord-lys-2026"})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date == first  # within the minute
    settings.SESSION_REFRESH_SECONDS = 0
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > first  # activity counts
    assert user.is_authenticated
