"""Hours and money per SDG: the dashboard's and public page's Agenda 2030 table and the
SDG page count the year's follow-ups as the dashboard does (every state for members,
approved only for the public), at a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from actions.models import FollowUp
from frameworks.models import FrameworkItem
from frameworks.services import set_links
from tests.factories import (
    ActionFactory,
    FollowUpFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

pytestmark = pytest.mark.django_db
YEAR = 2025


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def linked_plan(n_actions=1):
    """Per pair of actions linked to SDG 11: one approved follow-up (30 h, 300 NOK) and
    one draft (120 h, 500 NOK)."""
    strategy = StrategyFactory(municipality=MunicipalityFactory(is_published=True))
    area = GoalAreaFactory(strategy=strategy)
    for n in range(n_actions):
        approved = ActionFactory(goal_area=area, title=f"Byvandring {n}")
        draft = ActionFactory(goal_area=area, title=f"Grønn skole {n}")
        set_links(approved, [sdg("11")])
        set_links(draft, [sdg("11"), sdg("4")])
        FollowUpFactory(
            action=approved,
            year=YEAR,
            state=FollowUp.State.APPROVED,
            status=FollowUp.Status.ON_TRACK,
            hours=30,
            money_spent=300,
        )
        FollowUpFactory(action=draft, year=YEAR, hours=120, money_spent=500)
    return strategy


def sdg_row(html, code):
    """The cells of the Agenda 2030 table's row of SDG `code`."""
    table = html[html.index('id="agenda-2030-table"') :]
    table = table[: table.index("</table>")]
    row = next(r for r in table.split("<tr>") if f"SDG {code} " in r)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_the_dashboard_shows_every_follow_ups_hours_and_money_per_sdg_to_members(client):
    strategy = linked_plan()
    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    html = client.get(reverse("dashboards:dashboard", args=[strategy.slug]), {"year": YEAR})
    goal_areas, goals, actions, follow_ups, hours, money = sdg_row(html.content.decode(), "11")
    assert (goal_areas, goals) == ("0", "0")
    assert (actions, follow_ups, hours, money) == ("2", "2", "150", "800")
    assert sdg_row(html.content.decode(), "4") == ["0", "0", "1", "1", "120", "500"]


def test_the_public_page_counts_approved_follow_ups_only(client):
    strategy = linked_plan()
    for page in (
        reverse("dashboards:public", args=[strategy.municipality.slug]),
        reverse("dashboards:dashboard", args=[strategy.slug]),
    ):
        html = client.get(page, {"year": YEAR}).content.decode()
        assert sdg_row(html, "11") == ["0", "0", "2", "1", "30", "300"]
        assert sdg_row(html, "4") == ["0", "0", "1", "0", "0", "0"]
        assert (
            "Approved follow-ups only" in html
            or "Berre godkjende" in html
            or "Bare godkjente" in html
        )


def item_html(client, strategy, code="11"):
    page = reverse("frameworks:item", args=[strategy.municipality.slug, "sdg", code])
    response = client.get(page, {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('id="linked-actions-table"') :]


def test_the_sdg_page_gives_each_actions_follow_up_hours_and_money_with_totals(client):
    strategy = linked_plan()
    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    table = item_html(client, strategy)
    foot = table[table.index("<tfoot>") :]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", foot)[1:] == ["150", "800"]
    assert "På sporet" in table or "On track" in table


def test_the_sdg_page_shows_the_public_the_approved_follow_ups_only(client):
    strategy = linked_plan()
    table = item_html(client, strategy)
    foot = table[table.index("<tfoot>") :]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", foot)[1:] == ["30", "300"]


def count(client, address, **query):
    client.get(address, query)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address, query).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", [None, Role.POLITICIAN])
def test_the_figures_cost_the_same_queries_with_one_and_with_six_linked_pairs(client, role):
    small, large = linked_plan(1), linked_plan(6)
    pages = (
        lambda s: reverse("dashboards:dashboard", args=[s.slug]),
        lambda s: reverse("dashboards:public", args=[s.municipality.slug]),
        lambda s: reverse("frameworks:item", args=[s.municipality.slug, "sdg", "11"]),
    )
    for page in pages:
        counts = []
        for strategy in (small, large):
            if role:
                client.force_login(member(role, strategy.municipality))
            counts.append(count(client, page(strategy), year=YEAR))
        assert counts[0] == counts[1]


def test_each_sdgs_count_leads_to_its_actions(client):
    strategy = linked_plan()
    ActionFactory(goal_area=strategy.goal_areas.get(), title="Ulenka")  # linked to none
    public = reverse("dashboards:public", args=[strategy.municipality.slug])
    html = client.get(public, {"year": YEAR}).content.decode()
    href = re.search(r'href="([^"]*framework_item=sdg-4[^"]*)"', html).group(1)
    listed = client.get(href.replace("&amp;", "&")).content.decode()
    section = listed[listed.index('id="figure-actions"') :]
    section = section[: section.index("</section>")]
    assert "Grønn skole 0" in section
    assert "Byvandring 0" not in section and "Ulenka" not in section

    client.force_login(member(Role.POLITICIAN, strategy.municipality))
    html = client.get(reverse("dashboards:dashboard", args=[strategy.slug]), {"year": YEAR})
    plan = reverse("actions:plan", args=[strategy.slug])
    assert f'href="{plan}?framework_item=sdg-11"' in html.content.decode()
