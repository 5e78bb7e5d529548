"""Search results ranked (an exact name first, then PostgreSQL's ts_rank) and with the
matched words marked — markup the portal builds itself from escaped text, so a plan's
text never reaches the page as HTML."""

import pytest
from django.db import connection

from search.highlight import START, STOP, marked
from tests.factories import ActionFactory, GoalFactory, PartnerFactory, TwinTownFactory

from .test_search_index import plan, results

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ts_rank and ts_headline need PostgreSQL"
)


def test_matched_words_are_marked_in_every_kind_of_hit(client):
    municipality, strategy, area = plan("hamar", "Hamar", "nb")
    ActionFactory(strategy=strategy, goal_area=area, title="Utveksling med Rättvik")
    GoalFactory(goal_area=area, text="Flere elever på utveksling i Europa")
    PartnerFactory(municipality=municipality, name="Utvekslingsnettverket")
    section = results(client, "utveksling", marks=True)
    assert "<mark>Utveksling</mark> med Rättvik" in section
    assert "Flere elever på <mark>utveksling</mark> i Europa" in section
    assert "<mark>Utveksling</mark>snettverket" in section or (
        "<mark>Utvekslingsnettverket</mark>" in section
    )


def test_a_plans_text_is_shown_as_text_with_its_marks(client):
    _m, strategy, area = plan("hamar", "Hamar", "nb")
    ActionFactory(
        strategy=strategy,
        goal_area=area,
        title=f'Utveksling <script>alert(1)</script> <mark x="1"> {START}ok{STOP}',
    )
    section = results(client, "utveksling", marks=True)
    assert "<script>" not in section and '<mark x="1">' not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "&lt;mark x=&quot;1&quot;&gt;" in section


def test_marked_escapes_everything_but_its_own_marks():
    # As ts_headline returns it: the matches between the markers, the rest raw text.
    html = marked("", ["x"], f"<b>{START}vänort{STOP}</b> & {STOP}{START}")
    assert html == "&lt;b&gt;<mark>vänort</mark>&lt;/b&gt; &amp; <mark></mark>"
    # Without a headline: the words marked case-blind inside the escaped text.
    assert marked("<i>ÄLMHULT</i>", ["älmhult"]) == "&lt;i&gt;<mark>ÄLMHULT</mark>&lt;/i&gt;"


def test_an_exact_name_comes_first(client):
    _m, strategy, area = plan("hamar", "Hamar", "nb")
    ActionFactory(strategy=strategy, goal_area=area, code="A1", title="Europa i skolen")
    ActionFactory(strategy=strategy, goal_area=area, code="A2", title="Europa")
    section = results(client, "europa")
    assert section.index("A2 Europa") < section.index("A1 Europa i skolen")


def test_a_municipality_named_by_the_query_comes_before_others(client):
    # By name alone, Alta would come first; the query names Hamar.
    alta, *_ = plan("alta", "Alta", "nb")
    hamar, *_ = plan("hamar", "Hamar", "nb")
    TwinTownFactory(municipality=alta, name="Hamarøy vennskapsby")
    TwinTownFactory(municipality=hamar, name="Skövde")
    section = results(client, "hamar")
    assert section.index("<h3>Hamar</h3>") < section.index("<h3>Alta</h3>")


@on_postgresql
def test_postgresql_ranks_the_closer_match_first(client):
    _m, strategy, area = plan("hamar", "Hamar", "nb")
    ActionFactory(
        strategy=strategy,
        goal_area=area,
        code="A1",
        title="Kulturdager",
        description="Et år med konserter og en tur til vennskapsbyen.",
    )
    ActionFactory(
        strategy=strategy,
        goal_area=area,
        code="A2",
        title="Vennskapsbyer i Norden",
        description="Besøk hos vennskapsbyene, vennskapsbyenes skoler og vennskapsbyens ungdom.",
    )
    section = results(client, "vennskapsbyer")
    assert section.index("A2 Vennskapsbyer") < section.index("A1 Kulturdager")


@on_postgresql
@pytest.mark.parametrize(
    "language, title, query, mark",
    [
        ("nb", "Samarbeid med vennskapsbyene i Norden", "vennskapsbyer", "vennskapsbyene"),
        ("nn", "Vi held fram samarbeidet med venskapsbyane", "venskapsby", "venskapsbyane"),
        ("sv", "Utbyte med vänorterna i Finland", "vänort", "vänorterna"),
    ],
)
def test_postgresql_marks_the_stemmed_word_in_the_municipalitys_language(
    client, language, title, query, mark
):
    _m, strategy, area = plan("m", "Kommune", language)
    ActionFactory(strategy=strategy, goal_area=area, title=title)
    assert f"<mark>{mark}</mark>" in results(client, query, marks=True)
