"""Comments and evidence files are in the change history of their action or follow-up:
who wrote, edited or removed a comment and who added or removed a file, and when; the
history costs the same queries however many there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.models import Comment, Evidence

from .test_evidence import upload

pytestmark = pytest.mark.django_db


def history_panel(client, url):
    html = client.get(url).content.decode()
    return html.split('id="history-h"', 1)[1]


def test_an_actions_comment_written_and_removed_is_in_its_history(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(
        reverse("collaboration:action_comment", args=[day.pk]), {"body": "Kven har nøkkelen?"}
    )
    comment = Comment.objects.get()
    client.force_login(users["coordinator"])
    client.post(reverse("collaboration:comment_remove", args=[comment.pk]))
    panel = history_panel(client, reverse("actions:detail", args=[day.pk]))
    # Its text is gone from the page's history as from the thread (the admin keeps it).
    assert "Kven har nøkkelen?" not in panel
    assert "(a comment since removed)" in panel and "Comment removed" in panel
    assert "redaktor" in panel and "koordinator" in panel  # who wrote, who removed


def test_a_follow_ups_comments_and_files_are_in_its_history_not_the_actions(client, users, draft):
    client.force_login(users["coordinator"])
    client.post(
        reverse("collaboration:follow_up_comment", args=[draft.pk]),
        {"body": "Legg ved reiserapporten"},
    )
    upload(client, users["editor"], draft, name="reiserapport.pdf")
    evidence = Evidence.objects.get()
    client.post(reverse("collaboration:evidence_remove", args=[evidence.pk]))
    panel = history_panel(client, reverse("actions:follow_up", args=[draft.pk]))
    assert "Legg ved reiserapporten" in panel
    assert panel.count("reiserapport.pdf") == 2  # added, then removed
    assert "evidence file" in panel.lower()
    action_panel = history_panel(client, reverse("actions:detail", args=[draft.action_id]))
    assert "Legg ved reiserapporten" not in action_panel
    assert "reiserapport.pdf" not in action_panel


def test_the_follow_up_history_costs_the_same_queries_with_2_or_20_comments_and_files(
    client, users, draft
):
    url = reverse("actions:follow_up", args=[draft.pk])

    def add(n):
        for i in range(n):
            Comment.objects.create(
                action=draft.action, follow_up=draft, author=users["editor"], body=f"Nr. {i}"
            )
            upload(client, users["editor"], draft, name=f"bilete-{i}.pdf")

    def count():
        client.force_login(users["coordinator"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(2)
    count()
    few = count()
    add(18)
    assert count() == few
