"""The bell, the list, opening a notification and the settings: each member sees and
changes their own only, at a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.models import Delivery, Kind, Notification, NotificationSetting

pytestmark = pytest.mark.django_db


def notify(user, follow_up, n=1, kind=Kind.FOLLOW_UP_SUBMITTED, actor=None):
    return [
        Notification.objects.create(
            recipient=user, kind=kind, follow_up=follow_up, action=follow_up.action, actor=actor
        )
        for _ in range(n)
    ]


def test_the_bell_shows_the_unread_count(client, users, draft):
    notify(users["coordinator"], draft, 3)
    client.force_login(users["coordinator"])
    html = client.get(reverse("actions:my_work")).content.decode()
    assert 'class="btn btn-sm btn-outline-light site-bell"' in html
    assert "site-bell-count" in html and ">\n        3<span" in html


def test_no_bell_for_visitors_and_no_count_when_all_is_read(client, users, draft):
    assert "site-bell" not in client.get(reverse("home")).content.decode()
    client.force_login(users["editor"])
    html = client.get(reverse("home")).content.decode()
    assert "site-bell" in html and "site-bell-count" not in html


def test_the_list_shows_ones_own_notifications_with_the_comment(client, users, draft):
    mine = notify(users["editor"], draft, kind=Kind.FOLLOW_UP_RETURNED, actor=users["coordinator"])
    mine[0].comment = "Kor mange deltok?"
    mine[0].save()
    notify(users["coordinator"], draft)  # someone else's
    client.force_login(users["editor"])
    html = client.get(reverse("collaboration:notifications")).content.decode()
    assert "koordinator returned your follow-up for" in html
    assert "Kor mange deltok?" in html
    assert "submitted the follow-up" not in html


def test_opening_marks_read_and_leads_to_the_follow_up(client, users, draft):
    (notification,) = notify(users["coordinator"], draft)
    client.force_login(users["coordinator"])
    response = client.get(reverse("collaboration:open", args=[notification.pk]))
    assert response.url == reverse("actions:follow_up", args=[draft.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    html = client.get(reverse("home")).content.decode()
    assert "site-bell-count" not in html


@pytest.mark.parametrize("who", ["editor", "politician", "admin"])
def test_anothers_notification_is_a_404_and_stays_unread(client, users, draft, who):
    (notification,) = notify(users["coordinator"], draft)
    client.force_login(users[who])
    response = client.get(reverse("collaboration:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_member_of_another_municipality_cannot_open_it(client, users, neighbour, draft):
    from accounts.models import Role
    from tests.factories import member

    (notification,) = notify(users["coordinator"], draft)
    client.force_login(member(Role.COORDINATOR, neighbour["municipality"]))
    assert client.get(reverse("collaboration:open", args=[notification.pk])).status_code == 404
    assert "Arrangera" not in client.get(reverse("collaboration:notifications")).content.decode()


def test_visitors_are_sent_to_sign_in(client, users, draft):
    (notification,) = notify(users["coordinator"], draft)
    for url in [
        reverse("collaboration:notifications"),
        reverse("collaboration:open", args=[notification.pk]),
        reverse("collaboration:settings"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_mark_all_read_marks_only_ones_own(client, users, draft):
    notify(users["coordinator"], draft, 2)
    (others,) = notify(users["editor"], draft, kind=Kind.FOLLOW_UP_APPROVED)
    client.force_login(users["coordinator"])
    assert client.get(reverse("collaboration:read_all")).status_code == 405
    client.post(reverse("collaboration:read_all"))
    assert not Notification.objects.filter(recipient=users["coordinator"], read_at=None)
    others.refresh_from_db()
    assert others.read_at is None


def test_settings_are_saved_per_kind_for_oneself(client, users):
    client.force_login(users["editor"])
    data = {kind.value: Delivery.IMMEDIATE for kind in Kind}
    data[Kind.FOLLOW_UP_APPROVED] = Delivery.OFF
    data[Kind.FOLLOW_UP_RETURNED] = Delivery.DIGEST
    response = client.post(reverse("collaboration:settings"), data)
    assert response.status_code == 302
    chosen = dict(
        NotificationSetting.objects.filter(user=users["editor"]).values_list("kind", "delivery")
    )
    assert chosen[Kind.FOLLOW_UP_APPROVED] == Delivery.OFF
    assert chosen[Kind.FOLLOW_UP_RETURNED] == Delivery.DIGEST
    assert not NotificationSetting.objects.exclude(user=users["editor"]).exists()
    html = client.get(reverse("collaboration:settings")).content.decode()
    assert f'value="{Delivery.OFF}" ' in html and "checked" in html


def test_a_bad_setting_is_refused_and_changes_nothing(client, users):
    client.force_login(users["editor"])
    data = {kind.value: "sometimes" for kind in Kind}
    response = client.post(reverse("collaboration:settings"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationSetting.objects.exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["collaboration:notifications", "actions:my_work"])
def test_list_and_bell_cost_the_same_queries_with_3_or_30_notifications(
    client, users, time_plan, draft, url_name
):
    from tests.factories import FollowUpFactory

    client.force_login(users["coordinator"])
    notify(users["coordinator"], draft, 3, actor=users["editor"])
    url = reverse(url_name)
    _queries(client, url)  # warm the session and caches
    few = _queries(client, url)
    for year in [time_plan["strategy"].period_start, time_plan["strategy"].period_start + 1]:
        other = FollowUpFactory(action=time_plan["school_action"], year=year)
        notify(users["coordinator"], other, 13, actor=users["editor_other_dept"])
    assert _queries(client, url) == few
