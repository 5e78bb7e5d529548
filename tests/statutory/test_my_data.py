"""A signed-in person sees what the portal holds about them, and downloads it as JSON."""

import json

import pytest
from django.urls import reverse

from accounts.models import Role
from collaboration.models import Comment, NotificationSetting, Watch
from tests.factories import ActionFactory, MunicipalityFactory, StrategyFactory, member

pytestmark = pytest.mark.django_db

PAGE = reverse("statutory:my_data")
DOWNLOAD = reverse("statutory:my_data_download")


@pytest.fixture
def hamar():
    return MunicipalityFactory(slug="hamar", name="Hamar")


@pytest.fixture
def kari(hamar):
    return member(
        Role.COORDINATOR,
        hamar,
        username="kari",
        first_name="Kari",
        last_name="Nordmann",
        email="kari@hamar.example",
    )


def _work(kari, hamar, actions=1):
    strategy = StrategyFactory(municipality=hamar)
    for n in range(actions):
        action = ActionFactory(goal_area__strategy=strategy)
        action.title = f"Endret av Kari {n}"
        action._history_user = kari
        action.save()
        comment = Comment(action=action, author=kari, body="Ok.")
        comment._history_user = kari
        comment.save()
        Watch.objects.create(action=action, user=kari)
    NotificationSetting.objects.update_or_create(
        user=kari, kind="comment_added", defaults={"delivery": "off"}
    )


def test_the_page_shows_the_account_role_counts_history_and_settings(client, hamar, kari):
    _work(kari, hamar, actions=2)
    client.force_login(kari)
    body = client.get(PAGE).content.decode()
    for text in ("kari@hamar.example", "Kari Nordmann", "Hamar", "Coordinator"):
        assert text in body
    counts = body[body.index('id="my-counts"') :]
    assert "Comments you wrote" in counts
    history = body[body.index('id="my-history"') :]
    assert "Actions" in history and ">2</td>" in history
    assert "Someone comments on an action I follow: off" in body
    assert f'href="{DOWNLOAD}"' in body


def test_the_download_holds_the_same_and_each_history_row(client, hamar, kari):
    _work(kari, hamar)
    client.force_login(kari)
    response = client.get(DOWNLOAD)
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "kari@hamar.example"
    assert data["membership"] == {
        "municipality": "Hamar",
        "role": "coordinator",
        "department": None,
        "interface_language": None,
    }
    assert data["counts"]["comments"] == 1 and data["counts"]["follows"] == 1
    assert data["notification_settings"]["comment_added"] == "off"
    tables = {row["table"] for row in data["history"]}
    assert "actions.Action" in tables and "collaboration.Comment" in tables


def test_it_holds_only_the_signed_in_persons_data(client, hamar, kari):
    _work(kari, hamar)
    other = member(Role.EDITOR, hamar, username="ola", email="ola@hamar.example")
    client.force_login(other)
    body = client.get(PAGE).content.decode()
    assert "kari@hamar.example" not in body and "None yet." in body
    data = json.loads(client.get(DOWNLOAD).content)
    assert data["history"] == [] and data["counts"]["comments"] == 0


@pytest.mark.parametrize("url", [PAGE, DOWNLOAD])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_footer_links_to_it_when_signed_in(client, kari):
    assert f'href="{PAGE}"' not in client.get(reverse("home")).content.decode()
    client.force_login(kari)
    assert f'href="{PAGE}"' in client.get(reverse("home")).content.decode()


def test_the_page_costs_the_same_queries_however_much_the_person_did(client, hamar, kari):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _work(kari, hamar, actions=1)
    client.force_login(kari)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    _work(kari, hamar, actions=6)
    with CaptureQueriesContext(connection) as many:
        client.get(PAGE)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_privacy_notice_points_to_it(client):
    body = client.get(reverse("statutory:privacy")).content.decode()
    assert f'href="{PAGE}"' in body
