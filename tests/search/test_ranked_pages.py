"""Results ranked and paged inside the index (search.query.ranked): the best hit of all
that match is on the first page whatever its code, a page never repeats or skips a hit,
and what the reader may not see (a draft, an archived action, an unpublished
municipality's rows) is never among them, whoever asks."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from dashboards.compare import RESULT_LIMIT
from goals.models import Strategy
from search.models import SearchEntry
from tests.factories import (
    ActionFactory,
    GoalFactory,
    MunicipalityFactory,
    PartnerFactory,
    TwinTownFactory,
    member,
)

from .test_search_index import plan

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ts_rank needs PostgreSQL's full-text search"
)


def page_of(client, query, number=1):
    body = client.get(reverse("dashboards:compare"), {"q": query, "rpage": number})
    body = body.content.decode().replace("<mark>", "").replace("</mark>", "")
    return body[body.index('id="results-heading"') : body.index('id="strategies-heading"')]


def codes(section, prefix):
    return re.findall(rf"\b({prefix}\d+)\b", section)


@on_postgresql
def test_the_best_ranked_hit_of_all_is_first_on_the_first_page(client):
    _m, strategy, area = plan("hamar", "Hamar", "nb")
    for n in range(RESULT_LIMIT + 5):
        ActionFactory(
            strategy=strategy,
            goal_area=area,
            code=f"A{n:02d}",
            title=f"Kulturdag {n}",
            description="Med en tur til vennskapsbyen.",
        )
    # Last by code, so a ranking of the first page's rows only would never show it first.
    ActionFactory(
        strategy=strategy,
        goal_area=area,
        code="Z99",
        title="Vennskapsbyer i Norden",
        description="Besøk hos vennskapsbyene, vennskapsbyenes skoler og vennskapsbyens ungdom.",
    )
    first = page_of(client, "vennskapsbyer")
    assert codes(first, "[AZ]")[0] == "Z99"
    assert len(codes(first, "[AZ]")) == RESULT_LIMIT


def test_pages_follow_each_other_without_a_hit_repeated_or_left_out(client):
    _m, strategy, area = plan("mange", "Mange", "nb")
    count = 2 * RESULT_LIMIT + 3
    for n in range(count):
        ActionFactory(strategy=strategy, goal_area=area, code=f"T{n:03d}", title=f"Utveksling {n}")
    shown = []
    for number in (1, 2, 3):
        shown += codes(page_of(client, "utveksling", number), "T")
    assert shown == [f"T{n:03d}" for n in range(count)]  # by code within the municipality
    assert "rpage=4" not in page_of(client, "utveksling", 3)


def test_twin_towns_come_a_page_at_a_time_too(client):
    municipality, _s, _a = plan("nes", "Nes", "nb")
    for n in range(RESULT_LIMIT + 2):
        TwinTownFactory(municipality=municipality, key=f"by-{n}", name=f"Vänort {n:02d}")
    first, second = page_of(client, "Nes vennskapsby"), page_of(client, "Nes vennskapsby", 2)
    assert first.count("Vänort ") == RESULT_LIMIT and "Vänort 00" in first
    assert second.count("Vänort ") == 2 and f"Vänort {RESULT_LIMIT + 1:02d}" in second


def test_what_the_reader_may_not_see_is_never_found_in_the_index(client):
    _m, _s, area = plan("open", "Åpen", "nb")
    live = ActionFactory(strategy=area.strategy, goal_area=area, title="Ungdomsutveksling åpen")
    archived = ActionFactory(
        strategy=area.strategy, goal_area=area, title="Ungdomsutveksling arkivert"
    )
    archived.is_archived = True
    archived.save()
    # A published municipality's draft strategy: its members' working paper.
    owner, draft, draft_area = plan("kladd", "Kladd", "nb", status=Strategy.Status.DRAFT)
    ActionFactory(strategy=draft, goal_area=draft_area, title="Ungdomsutveksling i kladden")
    GoalFactory(goal_area=draft_area, text="Ungdomsutveksling som mål i kladden")
    # An unpublished municipality's twin towns and partners.
    hidden, _s, _a = plan("skjult", "Skjult", "nb", published=False)
    TwinTownFactory(municipality=hidden, name="Ungdomsutvekslingsby")
    PartnerFactory(municipality=hidden, name="Ungdomsutvekslingsnettverket")

    other = MunicipalityFactory(slug="annen", name="Annen", is_published=True)
    readers = [None, member(Role.COORDINATOR, other), member(Role.POLITICIAN, other)]
    for reader in readers:
        client.logout()
        if reader is not None:
            client.force_login(reader)
        shown = page_of(client, "ungdomsutveksling")
        assert "Ungdomsutveksling åpen" in shown
        for text in ("arkivert", "kladden", "Ungdomsutvekslingsby", "nettverket"):
            assert text not in shown, (reader, text)
    # The archived action has left the index; brought back, it is found again.
    assert not SearchEntry.objects.filter(kind="action", object_id=archived.pk).exists()
    archived.is_archived = False
    archived.save()
    assert "Ungdomsutveksling arkivert" in page_of(client, "ungdomsutveksling")
    # The draft's own members find it.
    client.force_login(member(Role.EDITOR, owner))
    shown = page_of(client, "ungdomsutveksling")
    assert "Ungdomsutveksling i kladden" in shown and "mål i kladden" in shown
    assert "Ungdomsutveksling åpen" in shown and live.code in shown
