"""The compare table's rows are cached per plan version and language (issue 12): a change
shows on the very next view, and who sees which row is still decided per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from goals.models import Strategy
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    MunicipalityFactory,
    StrategyFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    municipality = MunicipalityFactory(name="Time kommune", is_published=True)
    area = GoalAreaFactory(strategy=StrategyFactory(municipality=municipality), title="Ungdom")
    ActionFactory(goal_area=area, title="Utveksling")
    ActionFactory(strategy=area.strategy, goal_area=None, title="Vennskapsveke")
    return area


def test_the_second_view_reads_the_rows_from_the_cache(client, published):
    url = reverse("dashboards:compare")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        body = client.get(url).content.decode()
    assert len(second) < len(first), (len(first), len(second))
    assert "Ungdom (1)" in body and "Utveksling" in body


def test_a_renamed_goal_area_and_a_new_action_show_on_the_next_view(client, published):
    url = reverse("dashboards:compare")
    client.get(url)
    published.title = "Ungdom og skule"
    published.save()
    ActionFactory(goal_area=published, title="Elevutveksling")
    body = client.get(url).content.decode()
    assert "Ungdom og skule (2)" in body and "Elevutveksling" in body


def test_two_languages_never_share_a_row(client, published):
    url = reverse("dashboards:compare")
    norwegian = client.get(url, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Hele planen" in norwegian and "Hela planen" not in norwegian
    assert "Hela planen" in swedish


def test_a_draft_row_cached_for_a_member_is_never_shown_to_others(client, published):
    municipality = published.strategy.municipality
    draft = StrategyFactory(
        municipality=municipality, title="Kladd til ny strategi", status=Strategy.Status.DRAFT
    )
    url = reverse("dashboards:compare")
    client.force_login(member(Role.POLITICIAN, municipality))
    assert draft.title in client.get(url).content.decode()
    client.logout()
    assert draft.title not in client.get(url).content.decode()
