"""Every drill-down link answers for the one who sees it; the public never reaches staff screens."""

import html
import re
from urllib.parse import urldefrag

import pytest
from django.urls import reverse

from accounts.models import Role
from goals.models import Strategy
from tests.factories import ExternalFundingFactory, PartnerFactory, member

from .scenario import build_time_like

pytestmark = pytest.mark.django_db

STAFF_PREFIXES = ("/actions/", "/reports/dashboard/", "/reports/annual/", "/admin/")


def _dashboard_links(body):
    """Every link of the dashboard's own sections (not the site's navigation)."""
    start = body.index('aria-labelledby="summary-heading"')
    end = body.index("</section>", body.index('id="years-heading"'))
    return {html.unescape(url) for url in re.findall(r'<a href="([^"]+)"', body[start:end])}


@pytest.fixture
def plan():
    plan = build_time_like(published=True)
    partner = PartnerFactory(municipality=plan["municipality"], name="Nordic Network")
    partner.actions.add(plan["actions"][0])
    a2_2018 = plan["actions"][1].follow_ups.get(year=2018)
    ExternalFundingFactory(follow_up=a2_2018)
    return plan


def _pages(plan):
    slug = plan["strategy"].slug
    return [
        reverse("dashboards:dashboard", args=[slug]) + "?year=2018",
        reverse("dashboards:public", args=[plan["municipality"].slug]) + "?year=2018",
    ]


def test_anonymous_visitors_links_stay_on_public_pages_and_answer(client, plan):
    for page in _pages(plan):
        links = _dashboard_links(client.get(page).content.decode())
        assert any("#figure-actions" in url for url in links)  # figures do link somewhere
        for url in links:
            assert not url.startswith(STAFF_PREFIXES), (page, url)
            path, anchor = urldefrag(url)
            # An in-page link ("#attention-heading") points into the page itself.
            target = client.get(path or page)
            assert target.status_code == 200, (page, url)
            if anchor:  # the public page has the section the link points at
                assert f'id="{anchor}"' in target.content.decode(), (page, url)


def test_members_drill_down_links_all_answer(client, plan):
    client.force_login(member(Role.COORDINATOR, plan["municipality"]))
    links = _dashboard_links(client.get(_pages(plan)[0]).content.decode())
    assert any("spent=hours" in url for url in links)
    assert any("funding_source=" in url for url in links)
    assert any("twin_town_status=" in url for url in links)
    for url in links:
        assert client.get(urldefrag(url)[0]).status_code == 200, url


@pytest.mark.parametrize("published", [True, False])
def test_municipality_and_strategy_pages_link_to_the_public_page(client, published):
    plan = build_time_like(published=published)
    municipality, strategy = plan["municipality"], plan["strategy"]
    client.force_login(member(Role.EDITOR, municipality))
    public = reverse("dashboards:public", args=[municipality.slug])
    for page in (municipality.get_absolute_url(), strategy.get_absolute_url()):
        body = client.get(page).content.decode()
        assert ('id="public-page-link"' in body) is published, page
        assert (f'href="{public}' in body) is published, page
    if published:
        assert client.get(public).status_code == 200


def test_a_draft_strategy_page_does_not_offer_the_public_page(client):
    plan = build_time_like(published=True)
    strategy = plan["strategy"]
    strategy.status = Strategy.Status.DRAFT
    strategy.save()
    client.force_login(member(Role.EDITOR, plan["municipality"]))
    body = client.get(strategy.get_absolute_url()).content.decode()
    assert 'id="public-page-link"' not in body  # the public does not see a draft
