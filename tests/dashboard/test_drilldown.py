"""Every count of the goal-area table leads to exactly the actions it counts."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from accounts.models import Role
from dashboards.selectors import STATUS_KEYS
from tests.factories import member

from .scenario import build_time_like

pytestmark = pytest.mark.django_db


def _cell_links(body, table_id):
    """(url, count) of each count in the table. A row's progress comes after its expected
    count and leads to the same actions, but is a percentage: only a URL's first link is
    a count."""
    table = body[body.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    links = {}
    for url, count in re.findall(r'<a href="(/[^"]+)"[^>]*>\s*(\d+)\s*</a>', table):
        links.setdefault(html.unescape(url), int(count))
    return list(links.items())


def test_each_status_cell_leads_to_exactly_the_actions_counted(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    dashboard = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2018"
    links = _cell_links(client.get(dashboard).content.decode(), "goal-area-table")
    assert any("follow_up_status=missing" in url for url, _n in links)
    assert any("follow_up_status=on_track" in url for url, _n in links)
    for url, count in links:
        actions = client.get(url).context["actions"]
        assert len(actions) == count, url


def test_year_over_year_counts_lead_to_the_actions_of_that_year(client):
    plan = build_time_like(published=False)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    dashboard = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2018"
    links = _cell_links(client.get(dashboard).content.decode(), "year-table")
    # Hours, money and funding lead to actions too, but their figure is a sum
    # (test_drilldown_figures).
    links = [(url, n) for url, n in links if "spent=" not in url and "funding_" not in url]
    statuses = {parse_qs(urlsplit(url).query)["follow_up_status"][0] for url, _n in links}
    assert statuses == {"due", "in", "expected", *STATUS_KEYS}
    for url, count in links:
        assert len(client.get(url).context["actions"]) == count, url


def test_public_links_go_to_the_public_page(client):
    plan = build_time_like(published=True)
    dashboard = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2018"
    links = _cell_links(client.get(dashboard).content.decode(), "goal-area-table")
    public = reverse("dashboards:public", args=[plan["municipality"].slug])
    assert links and all(url.startswith(public) and "#figure-actions" in url for url, _n in links)
