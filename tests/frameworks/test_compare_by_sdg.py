"""Which municipalities work on SDG 4 (with twin towns)? Across municipalities, each
reader seeing only what they may read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from frameworks.models import FrameworkItem
from frameworks.services import set_links
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)

pytestmark = pytest.mark.django_db
URL = reverse("frameworks:compare")


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def working_on(name, code="4", *, twin=False, published=True, status=Strategy.Status.ADOPTED):
    municipality = MunicipalityFactory(name=name, is_published=published)
    strategy = StrategyFactory(municipality=municipality, status=status)
    action = ActionFactory(goal_area=GoalAreaFactory(strategy=strategy))
    set_links(action, [sdg(code)])
    if twin:
        action.twin_towns.add(TwinTownFactory(municipality=municipality))
    return municipality


def names(response):
    assert response.status_code == 200
    text = response.content.decode()
    if 'id="framework-compare-table"' not in text:
        return []
    table = text[text.index('id="framework-compare-table"') : text.index("</table>")]
    return [n for n in ("Arvika", "Hamar", "Time", "Tranås", "Løyndal") if n in table]


def test_the_municipalities_linking_actions_to_sdg_4_are_listed_and_lead_to_their_page(client):
    arvika = working_on("Arvika", twin=True)
    working_on("Hamar")
    working_on("Time", code="11")
    response = client.get(URL, {"item": "sdg-4"})
    assert names(response) == ["Arvika", "Hamar"]
    sdg_page = reverse("frameworks:item", args=[arvika.slug, "sdg", "4"])
    assert sdg_page in response.content.decode()


def test_with_twin_towns_only_those_whose_actions_involve_one(client):
    working_on("Arvika", twin=True)
    working_on("Hamar")
    assert names(client.get(URL, {"item": "sdg-4", "twin_towns": "1"})) == ["Arvika"]


def test_unpublished_municipalities_and_drafts_are_for_their_members_only(client):
    hidden = working_on("Løyndal", published=False)
    draft = working_on("Tranås", status=Strategy.Status.DRAFT)
    assert names(client.get(URL, {"item": "sdg-4"})) == []
    client.force_login(member(Role.POLITICIAN, MunicipalityFactory()))
    assert names(client.get(URL, {"item": "sdg-4"})) == []
    client.force_login(member(Role.POLITICIAN, hidden))
    assert names(client.get(URL, {"item": "sdg-4"})) == ["Løyndal"]
    client.force_login(member(Role.EDITOR, draft))
    assert names(client.get(URL, {"item": "sdg-4"})) == ["Tranås"]


def test_a_made_up_goal_is_a_clear_400_and_a_municipalitys_own_framework_is_not_offered(client):
    response = client.get(URL, {"item": "sdg-99"})
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    text = client.get(URL).content.decode()
    assert 'value="sdg-4"' in text and 'value="eu2020-3"' in text


def test_the_page_costs_the_same_queries_with_two_and_with_eight_municipalities(client):
    def count():
        client.get(URL, {"item": "sdg-4", "twin_towns": "1"})
        with CaptureQueriesContext(connection) as ctx:
            client.get(URL, {"item": "sdg-4", "twin_towns": "1"})
        return len(ctx.captured_queries)

    for n in range(2):
        working_on(f"Kommune {n}", twin=True)
    small = count()
    for n in range(2, 8):
        working_on(f"Kommune {n}", twin=True)
    assert count() == small


def test_the_compare_page_leads_to_it(client):
    assert f'href="{URL}"' in client.get(reverse("dashboards:compare")).content.decode()
