"""A follow-up's change history groups exactly what one save changed: the history rows
written in one request carry its id (core.history_requests), not "the same user within
a minute"."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from tests.actions.helpers import follow_up_data
from tests.factories import ExternalFundingFactory

pytestmark = pytest.mark.django_db


def history_rows(client, follow_up):
    """The history table's rows, newest first, as the text of each row."""
    html = client.get(reverse("actions:follow_up", args=[follow_up.pk])).content.decode()
    panel = html.split('id="history-h"', 1)[1]
    body = panel[panel.index("<tbody>") : panel.index("</tbody>")]
    return [re.sub(r"\s+", " ", row) for row in body.split("<tr>")[1:]]


def edit(client, follow_up, **post):
    follow_up.refresh_from_db()
    data = follow_up_data(loaded_version=follow_up.version, **post)
    response = client.post(reverse("actions:follow_up_edit", args=[follow_up.pk]), data)
    assert response.status_code == 302, response.content[:2000]


def test_a_save_and_a_comment_by_the_same_user_seconds_apart_are_two_changes(client, users, draft):
    client.force_login(users["editor"])
    edit(client, draft, hours="120")
    client.post(
        reverse("collaboration:follow_up_comment", args=[draft.pk]),
        {"body": "Reiserapporten kjem på fredag"},
    )
    client.post(
        reverse("collaboration:follow_up_comment", args=[draft.pk]),
        {"body": "No er han lagd ved"},
    )
    newest, comment, save, *_older = history_rows(client, draft)
    assert "No er han lagd ved" in newest and "Reiserapporten" not in newest
    assert "Reiserapporten kjem på fredag" in comment and "120" not in comment
    assert "<ins>120.0</ins>" in save and "Reiserapporten" not in save
    assert all("redaktor" in row for row in (newest, comment, save))


def test_one_saves_funding_and_indicator_value_are_one_change_even_when_slow(
    client, users, time_plan, draft
):
    row = ExternalFundingFactory(
        follow_up=draft, source="eu_interreg", source_detail="", amount=20000, currency="NOK"
    )
    saving_values = services.save_indicator_values

    def a_minute_and_more_later(*args, **kwargs):
        # A slow request: its indicator value is recorded two minutes after the follow-up.
        later = timezone.now() + timedelta(minutes=2)
        with mock.patch("simple_history.models.timezone.now", return_value=later):
            return saving_values(*args, **kwargs)

    client.force_login(users["editor"])
    with mock.patch.object(services, "save_indicator_values", a_minute_and_more_later):
        edit(
            client,
            draft,
            hours="120",
            **{f"indicator_{time_plan['indicator'].pk}": "300"},
            **{
                "funding-TOTAL_FORMS": "1",
                "funding-INITIAL_FORMS": "1",
                "funding-0-id": row.pk,
                "funding-0-source": row.source,
                "funding-0-source_detail": row.source_detail,
                "funding-0-amount": "999999",
                "funding-0-currency": row.currency,
            },
        )
    rows = history_rows(client, draft)
    saved = [r for r in rows if "redaktor" in r]
    assert len(saved) == 1, rows
    assert "<ins>120.0</ins>" in saved[0]
    assert "<ins>EU / Interreg: 999,999.00 NOK</ins>" in saved[0]
    assert "<strong>Besøkande (personar)</strong>: <del>–</del> → <ins>300</ins>" in saved[0]
