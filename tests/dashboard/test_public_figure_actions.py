"""Anonymous visitors' figures lead to a list of exactly the actions they count."""

import html
import re
from decimal import Decimal
from urllib.parse import urldefrag

import pytest
from django.urls import reverse

from actions.models import ExternalFunding, FollowUp
from tests.factories import ExternalFundingFactory, FollowUpFactory
from tests.pages import shows_word

from .scenario import build_time_like
from .test_query_counts import build, count

pytestmark = pytest.mark.django_db

STAFF_PREFIXES = ("/actions/", "/reports/dashboard/", "/reports/annual/", "/admin/")


@pytest.fixture
def plan():
    """Time 2018 for the public: A1 on track (KS funding, 40 h) and A4 cancelled (2 h)
    approved; A3 delayed approved (7 h, Interreg in EUR); A2 delayed but only submitted,
    A6 on track with Interreg in EUR but only a draft."""
    plan = build_time_like(published=True)
    a3 = plan["actions"][2]
    follow_up = FollowUpFactory(
        action=a3,
        year=2018,
        status=FollowUp.Status.DELAYED,
        state=FollowUp.State.APPROVED,
        hours=Decimal(7),
        money_spent=Decimal(0),
    )
    ExternalFundingFactory(
        follow_up=follow_up,
        source=ExternalFunding.Source.EU_INTERREG,
        amount=300,
        currency="EUR",
    )
    return plan


def _public(plan, query="year=2018"):
    return reverse("dashboards:public", args=[plan["municipality"].slug]) + f"?{query}"


def _link(body, cell_id):
    """The link of the figure in the element with id `cell_id`, and its number."""
    start = body.index(f'id="{cell_id}"')
    url, number = re.search(r'<a href="([^"]+)"[^>]*>\s*([\d\s.,]+?)\s*</a>', body[start:]).groups()
    return html.unescape(url), number


def _listed(client, url):
    """(action codes listed behind the figure, the list section's html) of a public link."""
    path, anchor = urldefrag(url)
    assert anchor == "figure-actions"
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index('id="figure-actions"')
    section = body[start : body.index("</section>", start)]
    ids = [int(pk) for pk in re.findall(r'href="#action-(\d+)"', section)]
    for pk in ids:  # each leads to its entry on the public page
        assert f'id="action-{pk}"' in body
    for link in re.findall(r'href="([^"]+)"', section):
        assert not link.startswith(STAFF_PREFIXES), link
    assert ids == [action.pk for action in response.context["figure_actions"]]
    return {action.code for action in response.context["figure_actions"]}, response


def _status_links(body):
    table = body[body.index('id="goal-area-table"') :]
    table = table[: table.index("</table>")]
    counts = {}  # first link of a URL: the progress (%) leads to the actions it averages
    for url, n in re.findall(r'<a href="(/[^"]+)"[^>]*>\s*(\d+)\s*</a>', table):
        counts.setdefault(html.unescape(url), int(n))
    return list(counts.items())


def test_status_counts_lead_to_exactly_the_actions_counted(client, plan):
    body = client.get(_public(plan)).content.decode()
    links = _status_links(body)
    assert any("follow_up_status=delayed" in url for url, _n in links)
    for url, n in links:
        codes, response = _listed(client, url)
        assert len(codes) == n, url
        label = plan["municipality"].label_action_plural
        assert shows_word(response, f"{label[:1].upper()}{label[1:]} behind this figure: {n}")
    area1, area2, area3 = (area.pk for area in plan["areas"])
    delayed = [u for u, _n in links if "follow_up_status=delayed" in u]
    on_track = [u for u, _n in links if "follow_up_status=on_track" in u]
    by_area = {
        area: [u for u in urls if f"goal_area={area}&" in u]
        for area, urls in ((area1, delayed), (area2, delayed), (area3, on_track))
    }
    # A2's delay is only submitted, A6's progress only a draft: the public sees neither.
    assert _listed(client, by_area[area1][0])[0] == set()
    assert _listed(client, by_area[area2][0])[0] == {"A3"}
    assert _listed(client, by_area[area3][0])[0] == set()


def test_hours_lead_to_the_actions_with_approved_hours(client, plan):
    url, hours = _link(client.get(_public(plan)).content.decode(), "total-hours")
    assert hours == "49"  # 40 + 2 + 7: approved only, the archived A7 left out
    codes, response = _listed(client, url)
    assert codes == {"A1", "A3", "A4"}
    # Headed in the municipality's own word for its actions, with the number listed.
    label = plan["municipality"].label_action_plural
    assert shows_word(response, f"{label[:1].upper()}{label[1:]} behind this figure: 3")


def test_funding_rows_lead_to_the_actions_with_that_approved_funding(client, plan):
    body = client.get(_public(plan)).content.decode()
    table = body[body.index('id="funding-table"') :]
    table = table[: table.index("</table>")]
    urls = [html.unescape(url) for url in re.findall(r'<a href="([^"]+)"', table)]
    listed = sorted(sorted(_listed(client, url)[0]) for url in urls)
    # KS in NOK is A1's; Interreg in EUR is A3's (approved), never A6's draft.
    assert listed == [["A1"], ["A3"]]


def test_without_filters_the_public_page_has_no_list(client, plan):
    response = client.get(_public(plan))
    assert response.context["figure_actions"] is None
    assert 'id="figure-actions"' not in response.content.decode()


def test_the_list_offers_the_whole_plan(client, plan):
    url, _hours = _link(client.get(_public(plan)).content.decode(), "total-hours")
    body = client.get(urldefrag(url)[0]).content.decode()
    section = body[body.index('id="figure-actions"') :]
    whole = html.unescape(re.search(r'href="(\?[^"]*#plan)"', section).group(1))
    assert "year=2018" in whole and 'id="plan"' in body


def test_an_unpublished_municipality_is_not_found(client):
    plan = build_time_like(published=False)
    area = plan["areas"][0].pk
    query = f"year=2018&goal_area={area}&follow_up_year=2018&follow_up_status=on_track"
    assert client.get(_public(plan, query)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "follow_up_year=2018&follow_up_status=on_track&goal_area={area}",
        "follow_up_year=2017&spent=hours&responsible={department}",
        "follow_up_year=2018&funding_source=ks&funding_currency=NOK&plan_wide=false",
    ],
    ids=["none", "status", "hours", "funding"],
)
def test_public_page_queries_do_not_grow_with_data_with_and_without_filters(client, query):
    def url(strategy):
        area = strategy.goal_areas.first()
        department = strategy.municipality.responsible_parties.first()
        where = query.format(area=area.pk, department=department.pk)
        return _public({"municipality": strategy.municipality}, f"year=2018&{where}")

    small = build(1, 1)[0]
    large = build(4, 6)[0]
    assert count(client, url(small)) == count(client, url(large))
    assert (client.get(url(large)).context["figure_actions"] is None) == (query == "")


def test_estimated_hours_lead_to_the_actions_whose_estimates_are_counted(client, plan):
    body = client.get(_public(plan)).content.decode()
    found = re.search(r'<a href="([^"]+)" id="total-hours-estimated">([^<]*)</a>', body)
    url, shown = html.unescape(found.group(1)), html.unescape(found.group(2))
    codes, response = _listed(client, url)
    actions = response.context["figure_actions"]
    assert codes and all(action.estimated_hours for action in actions)
    assert Decimal(re.sub(r"\D", "", shown)) == sum(a.estimated_hours for a in actions)
