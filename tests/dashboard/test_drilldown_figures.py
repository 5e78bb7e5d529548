"""Hours, money, funding and relation figures of the dashboard lead to what they add up."""

import html
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from accounts.models import Role
from actions.models import ExternalFunding, FollowUp
from partners.models import TwinTownStatus
from tests.factories import (
    ExternalFundingFactory,
    FollowUpFactory,
    PartnerFactory,
    TwinTownFactory,
    member,
)

from .scenario import build_time_like

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="(/[^"#]*)(?:#[^"]*)?"[^>]*>\s*([^<]*?)\s*</a>')


def _section(body, element_id, end):
    part = body[body.index(f'id="{element_id}"') :]
    return part[: part.index(end)]


def _links(fragment):
    """(url, shown figure) of every link in `fragment` whose text is a number."""
    found = []
    for url, text in LINK.findall(fragment):
        text = html.unescape(text)
        if re.fullmatch(r"[\d\s,.\u00a0\u202f]+", text):
            found.append((html.unescape(url), Decimal(re.sub(r"\D", "", text))))
    return found


def _listed(client, url):
    return {action.code for action in client.get(url).context["actions"]}


def _year_of(url):
    return int(parse_qs(urlsplit(url).query)["follow_up_year"][0])


def _spent(strategy, year, kind):
    """Per action code, what its follow-up of `year` adds to the figure (members: any state)."""
    spent = {}
    for fu in FollowUp.objects.filter(
        action__strategy=strategy, action__is_archived=False, year=year
    ).select_related("action"):
        amount = fu.hours if kind == "hours" else fu.money_spent
        if amount and (kind == "hours" or fu.currency == strategy.municipality.currency):
            spent[fu.action.code] = amount
    return spent


@pytest.fixture
def drilldown_plan(client):
    plan = build_time_like(published=False)
    a1, a2, a3, _a4, a5, _a6, _a7 = plan["actions"]
    # More than one action per cell, and a year before the dashboard's.
    FollowUpFactory(action=a3, year=2018, hours=Decimal(7), money_spent=Decimal(300))
    fu = FollowUpFactory(action=a5, year=2016, hours=Decimal(4), money_spent=Decimal(900))
    ExternalFundingFactory(follow_up=fu, source=ExternalFunding.Source.KS, amount=700)
    a2_2018 = FollowUp.objects.get(action=a2, year=2018)
    ExternalFundingFactory(follow_up=a2_2018, source=ExternalFunding.Source.KS, amount=1500)
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    url = reverse("dashboards:dashboard", args=[plan["strategy"].slug]) + "?year=2018"
    plan["body"] = client.get(url).content.decode()
    return plan


@pytest.mark.parametrize("kind", ["hours", "money"])
def test_spending_cells_lead_to_exactly_the_actions_they_add_up(client, drilldown_plan, kind):
    body, strategy = drilldown_plan["body"], drilldown_plan["strategy"]
    cells = [
        (url, figure)
        for element, end in [
            ("summary-heading", "</section>"),
            ("area-resources-table", "</table>"),
            ("department-table", "</table>"),
            ("year-table", "</table>"),
        ]
        for url, figure in _links(_section(body, element, end))
        if f"spent={kind}" in url
    ]
    # The total, three goal areas, two departments, three years (2016-2018).
    assert len(cells) == 9
    for url, figure in cells:
        spent = _spent(strategy, _year_of(url), kind)
        listed = _listed(client, url)
        assert listed <= set(spent), url
        assert figure == sum(spent[code] for code in listed), url

    area1 = next(url for url, _f in cells if f"goal_area={drilldown_plan['areas'][0].pk}&" in url)
    # A1 and A2 report both; A7 is archived; A6 spent in EUR (not added to the money).
    assert _listed(client, area1) == {"A1", "A2"}
    total = next(url for url, _f in cells if "goal_area" not in url and "responsible" not in url)
    expected = {"A1", "A2", "A3", "A4", "A6"} if kind == "hours" else {"A1", "A2", "A3"}
    assert _listed(client, total) == expected


def test_funding_rows_lead_to_the_actions_funded_from_that_source(client, drilldown_plan):
    rows = _links(_section(drilldown_plan["body"], "funding-table", "</table>"))
    assert len(rows) == 2  # KS in NOK, EU / Interreg in EUR
    for url, figure in rows:
        query = parse_qs(urlsplit(url).query)
        funding = ExternalFunding.objects.filter(
            follow_up__action__code__in=_listed(client, url),
            follow_up__action__strategy=drilldown_plan["strategy"],
            follow_up__year=2018,
            source=query["funding_source"][0],
            currency=query["funding_currency"][0],
        )
        assert figure == sum(f.amount for f in funding), url
    ks = next(url for url, _f in rows if "funding_source=ks" in url)
    assert _listed(client, ks) == {"A1", "A2"}  # not A5, funded by KS in 2016
    interreg = next(url for url, _f in rows if "funding_source=eu_interreg" in url)
    assert _listed(client, interreg) == {"A6"}


def test_twin_town_and_partner_counts_lead_to_the_registry_filtered(client, drilldown_plan):
    municipality = drilldown_plan["municipality"]
    PartnerFactory(municipality=municipality, name="Nordic Network", is_active=True)
    PartnerFactory(municipality=municipality, name="Old Partner", is_active=False)
    TwinTownFactory(
        municipality=municipality, name="Kalmar", country="Sverige", status=TwinTownStatus.ACTIVE
    )
    url = reverse("dashboards:dashboard", args=[drilldown_plan["strategy"].slug]) + "?year=2018"
    body = client.get(url).content.decode()
    counts = _links(_section(body, "twin-town-table", "</table>"))
    # Rows for Polen and Sverige and the totals, four statuses each.
    assert len(counts) == 3 * 4
    for link, figure in counts:
        page = client.get(link)
        assert page.status_code == 200
        assert len(page.context["twin_towns"]) == figure, link
        assert page.context["partners"] == []
    sweden_active = next(
        link for link, _f in counts if "Sverige" in link and "status=active" in link
    )
    names = {town.name for town in client.get(sweden_active).context["twin_towns"]}
    assert names == {"Ljungby", "Kalmar"}

    partner_counts = _links_with_words(_section(body, "partner-counts", "</p>"))
    assert len(partner_counts) == 2
    active, inactive = (client.get(link).context["partners"] for link in partner_counts)
    assert [p.name for p in active] == ["Nordic Network"]
    assert [p.name for p in inactive] == ["Old Partner"]


def _links_with_words(fragment):
    return [html.unescape(url) for url, _text in LINK.findall(fragment)]


def test_each_twin_town_and_partner_links_to_its_page(client, drilldown_plan):
    municipality = drilldown_plan["municipality"]
    PartnerFactory(municipality=municipality, name="Nordic Network")
    url = reverse("dashboards:dashboard", args=[drilldown_plan["strategy"].slug]) + "?year=2018"
    body = client.get(url).content.decode()
    named = dict(
        (html.unescape(text), link)
        for link, text in LINK.findall(_section(body, "relation-list", "</ul>"))
    )
    for name in ("Ljungby", "Krotoszyn", "Växjö", "Nordic Network"):
        page = client.get(named[name])
        assert page.status_code == 200
        assert name in page.content.decode()


def test_registry_filter_narrows_the_list_and_says_so(client):
    plan = build_time_like(published=True)
    registry = reverse("partners:registry", args=[plan["municipality"].slug])
    page = client.get(registry + "?twin_town_status=dormant")
    assert [t.name for t in page.context["twin_towns"]] == ["Krotoszyn"]
    assert "Show all" in page.content.decode()
    everything = client.get(registry)
    assert len(everything.context["twin_towns"]) == 3
    assert "Show all" not in everything.content.decode()


def test_each_years_funding_leads_to_the_actions_funded_that_year(client, drilldown_plan):
    """The year table shows the external funding of every year, per currency and from
    any source, each amount leading to the actions whose funding adds up to it."""
    cells = [
        (url, figure)
        for url, figure in _links(_section(drilldown_plan["body"], "year-table", "</table>"))
        if "funding_source=" in url
    ]
    shown = {
        (_year_of(url), parse_qs(urlsplit(url).query)["funding_currency"][0]): figure
        for url, figure in cells
    }
    # 2016: KS 700 for A5; 2018: KS 20 000 (A1) + 1 500 (A2), EU / Interreg 500 EUR (A6).
    assert shown == {(2016, "NOK"): 700, (2018, "NOK"): 21500, (2018, "EUR"): 500}
    for url, figure in cells:
        year = _year_of(url)
        currency = parse_qs(urlsplit(url).query)["funding_currency"][0]
        funding = ExternalFunding.objects.filter(
            follow_up__action__strategy=drilldown_plan["strategy"],
            follow_up__year=year,
            currency=currency,
        )
        listed = _listed(client, url)
        assert listed == {f.follow_up.action.code for f in funding}, url
        assert figure == sum(f.amount for f in funding), url


def test_expected_follow_ups_and_progress_lead_to_the_actions_that_owe_one(client, drilldown_plan):
    """ "X / Y" follow-ups in: Y, and the average progress over those Y actions, lead to the
    Y actions owing a follow-up that year, in the goal-area and year tables."""
    body = drilldown_plan["body"]
    for table in ("goal-area-table", "year-table"):
        section = _section(body, table, "</table>")
        rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)[1:]
        assert rows
        for row in rows:
            cell = re.search(r"<td>(<a [^>]*>\d+</a> / <a [^>]*>\d+</a>)", row).group(1)
            (_in, _n), (expected_url, expected) = _links(cell)
            assert "follow_up_status=expected" in expected_url
            assert len(_listed(client, expected_url)) == expected, expected_url
            progress = [url for url, _f in _links(row) if url == expected_url]
            assert len(progress) == (2 if expected else 1), row


@pytest.mark.parametrize("kind", ["hours", "cost"])
def test_estimates_lead_to_the_actions_whose_estimates_they_add_up(client, drilldown_plan, kind):
    body, strategy = drilldown_plan["body"], drilldown_plan["strategy"]
    currency = strategy.municipality.currency
    cells = [
        (url, figure)
        for url, figure in _links(_section(body, "department-table", "</table>"))
        if f"estimated={kind}" in url
    ]
    total_id = "total-hours-estimated" if kind == "hours" else "total-cost-estimated"
    total = re.search(rf'<a href="([^"]+)" id="{total_id}">([^<]*)</a>', body)
    cells.append(
        (html.unescape(total.group(1)), Decimal(re.sub(r"\D", "", html.unescape(total.group(2)))))
    )
    assert len(cells) == 3  # two departments and the total
    for url, figure in cells:
        actions = client.get(url).context["actions"]
        assert actions, url
        if kind == "hours":
            amounts = [a.estimated_hours for a in actions]
        else:  # only estimates in the municipality's currency (A6's EUR is not added)
            assert all(a.cost_currency in (currency, "") for a in actions), url
            amounts = [a.cost_amount for a in actions]
        assert all(amount > 0 for amount in amounts), url
        assert figure == sum(amounts), url
