"""Hostile posts to the annual report's generate form and to the sign-in page, and
bodies no form expects (JSON, nested structures) to every form endpoint."""

import json

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from annual_reports import services as report_services
from annual_reports.models import AnnualReport

from .conftest import attempt, changed, row_counts
from .strategies import FUZZ, field_value, file_value, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_render(monkeypatch):
    # A valid year queues a report; rendering it is the report tests' business.
    monkeypatch.setattr(report_services, "enqueue", lambda report: None)


@FUZZ
@given(year=field_value)
def test_generate_report_never_fails_and_writes_only_for_a_year_of_the_plan(
    client, plan, no_render, year
):
    client.force_login(plan["coordinator"])
    strategy = plan["strategy"]
    before = row_counts()
    url = reverse("annual_reports:annual_generate", args=[strategy.slug])
    response, _ = attempt(client, url, {"year": year}, success=(302,))
    assert response.status_code == 302
    valid = isinstance(year, str) and year in {str(y) for y in strategy.years}
    if not valid:
        assert changed(before, row_counts()) == {}
    AnnualReport.objects.all().delete()  # the next example starts with no report queued


@FUZZ
@given(data=st.data())
def test_sign_in_never_fails_and_writes_nothing(client, plan, settings, data):
    # With login throttling on, as in production.
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.MemberBackend",
    ]
    post = data.draw(form_data({"username": "redaktor", "password": "wrong-password"}))
    response, _ = attempt(client, reverse("login"), post, success=())
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session


def _form_urls(plan):
    slug, m = plan["strategy"].slug, plan["municipality"].slug
    return [
        reverse("actions:new", args=[slug]),
        reverse("actions:edit", args=[plan["action"].pk]),
        reverse("actions:status", args=[plan["action"].pk]),
        reverse("actions:follow_up_new", args=[plan["action"].pk]),
        reverse("actions:follow_up_edit", args=[plan["follow_up"].pk]),
        reverse("actions:follow_up_review", args=[plan["follow_up"].pk]),
        reverse("partners:partner_new", args=[m]),
        reverse("partners:partner_edit", args=[m, plan["partner"].key]),
        reverse("partners:twin_town_new", args=[m]),
        reverse("partners:twin_town_edit", args=[m, plan["twin_town"].key]),
        reverse("partners:twin_town_status", args=[m, plan["twin_town"].key]),
        reverse("annual_reports:annual_generate", args=[slug]),
        reverse("admin:goals_strategy_import"),
    ]


@FUZZ
@given(body=file_value, index=st.integers(0, 12))
def test_a_json_body_is_no_form_post_anywhere(client, plan, superuser, body, index):
    client.force_login(superuser)
    url = _form_urls(plan)[index]
    before = row_counts()
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code < 500
    assert changed(before, row_counts()) == {}


@pytest.mark.parametrize("index", range(13))
def test_a_broken_multipart_body_gets_no_server_error(client, plan, superuser, index):
    client.force_login(superuser)
    url = _form_urls(plan)[index]
    before = row_counts()
    response = client.post(
        url,
        b"--x\r\nContent-Disposition: form-data; name=\x00\r\n\r\n",
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code < 500
    assert changed(before, row_counts()) == {}


def test_a_very_long_username_is_a_form_error_not_a_server_error(client, plan, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.backends.MemberBackend",
    ]
    response, _ = attempt(
        client, reverse("login"), {"username": "x" * 10_000, "password": "p"}, success=()
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
