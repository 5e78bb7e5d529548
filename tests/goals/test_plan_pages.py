"""The first pages: municipalities → a strategy shown in the municipality's own words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    GoalFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)


@pytest.fixture
def arvika(db):
    municipality = MunicipalityFactory(
        slug="arvika",
        name="Arvika kommun",
        country="SE",
        language="sv",
        currency="SEK",
        label_goal_area="Målområde",
        label_goal_area_plural="Målområden",
        label_action_plural="Aktiviteter",
        is_published=True,
    )
    strategy = StrategyFactory(
        municipality=municipality,
        slug="arvika-2012",
        title="Program för internationellt arbete",
        adopted_by="Kommunstyrelsen",
        decision_reference="§ 258",
    )
    area = GoalAreaFactory(strategy=strategy, code="3", title="Norge och vänorterna")
    GoalFactory(goal_area=area, text="Samarbetet med vänorterna ska utvärderas")
    ActionFactory(goal_area=area, title="Utvärdera vänortssamarbetet")
    return strategy


@pytest.fixture
def hidden(db):
    municipality = MunicipalityFactory(slug="hemmelig", name="Hemmelig kommune")
    return StrategyFactory(municipality=municipality, slug="hemmelig-2024", title="Skjult plan")


def test_strategy_page_uses_the_municipalitys_own_labels(client, arvika):
    page = client.get("/strategy/arvika-2012/").content.decode()
    assert "Målområden" in page
    assert "Målområde 3" in page
    assert "Norge och vänorterna" in page
    assert "Utvärdera vänortssamarbetet" in page
    assert "§ 258" in page
    assert 'lang="sv"' in page


def test_front_page_lists_published_municipalities_only_to_anonymous(client, arvika, hidden):
    page = client.get("/").content.decode()
    assert "Arvika kommun" in page
    assert "Hemmelig kommune" not in page


def test_unpublished_strategy_is_404_for_anonymous_and_other_municipalities(client, arvika, hidden):
    assert client.get("/strategy/hemmelig-2024/").status_code == 404
    client.force_login(member(Role.POLITICIAN, arvika.municipality))
    assert client.get("/strategy/hemmelig-2024/").status_code == 404
    assert client.get("/m/hemmelig/").status_code == 404


def test_members_see_their_own_unpublished_plan(client, hidden):
    client.force_login(member(Role.POLITICIAN, hidden.municipality))
    assert "Skjult plan" in client.get("/strategy/hemmelig-2024/").content.decode()
    assert "Hemmelig kommune" in client.get("/").content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _grow(strategy, size):
    start = strategy.goal_areas.count()
    for n in range(start, start + size):
        area = GoalAreaFactory(strategy=strategy, code=f"extra-{n}")
        GoalFactory(goal_area=area)
        ActionFactory(goal_area=area)


def test_strategy_page_costs_the_same_queries_for_3_and_30_goal_areas(client, arvika):
    _grow(arvika, 3)
    small = (_queries(client, "/strategy/arvika-2012/"), _queries(client, "/"))
    _grow(arvika, 27)
    assert (_queries(client, "/strategy/arvika-2012/"), _queries(client, "/")) == small


def test_plan_wide_actions_are_listed_on_their_own(client, arvika):
    ActionFactory(
        strategy=arvika,
        goal_area=None,
        title="Årlig återrapportering av det internationella arbetet",
    )
    page = client.get("/strategy/arvika-2012/").content.decode()
    section = page.split('id="plan-wide-actions"')[1]
    assert "Årlig återrapportering av det internationella arbetet" in section
    assert "Utvärdera vänortssamarbetet" not in section


def test_strategy_page_links_actions_only_for_those_who_may_open_them(client, arvika):
    # The action page is a staff screen: a link there would be a dead end for others.
    action = arvika.actions.get()
    assert action.get_absolute_url() not in client.get("/strategy/arvika-2012/").content.decode()
    stranger = member(Role.COORDINATOR, MunicipalityFactory(slug="time"), username="time-c")
    client.force_login(stranger)
    page = client.get("/strategy/arvika-2012/").content.decode()
    assert "Utvärdera vänortssamarbetet" in page
    assert action.get_absolute_url() not in page
    client.force_login(member(Role.POLITICIAN, arvika.municipality, username="arvika-p"))
    page = client.get("/strategy/arvika-2012/").content.decode()
    assert f'href="{action.get_absolute_url()}"' in page
    assert client.get(action.get_absolute_url()).status_code == 200
