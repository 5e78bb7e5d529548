"""Partner and twin-town pages lead the public on to the actions behind them."""

import html
import re
from urllib.parse import urldefrag

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.dashboard.scenario import build_time_like
from tests.factories import PartnerFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = build_time_like(published=True)
    partner = PartnerFactory(municipality=plan["municipality"], name="Nordic Network")
    partner.actions.add(plan["actions"][0])
    town = plan["municipality"].twin_towns.get(name="Ljungby")
    slug = plan["municipality"].slug
    plan["pages"] = [
        reverse("partners:partner", args=[slug, partner.key]),
        reverse("partners:twin_town", args=[slug, town.key]),
    ]
    return plan


def _action_links(body, action):
    start = body.index('id="actions-h"')
    section = body[start : body.index("</section>", start)]
    return [
        html.unescape(url)
        for url, title in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section)
        if title == action.title
    ]


def test_anonymous_visitors_follow_an_action_to_its_public_entry(client, plan):
    a1 = plan["actions"][0]
    for page in plan["pages"]:
        [url] = _action_links(client.get(page).content.decode(), a1)
        path, anchor = urldefrag(url)
        assert path.startswith(reverse("dashboards:public", args=[plan["municipality"].slug]))
        assert anchor == f"action-{a1.pk}"
        target = client.get(path)
        assert target.status_code == 200
        assert f'id="{anchor}"' in target.content.decode()
        assert a1.title in target.content.decode()


def test_members_keep_their_staff_links(client, plan):
    a1 = plan["actions"][0]
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    for page in plan["pages"]:
        assert _action_links(client.get(page).content.decode(), a1) == [a1.get_absolute_url()]
