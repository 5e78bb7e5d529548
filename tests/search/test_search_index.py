"""Search through the index (search app): kept current on every write, in each
municipality's language on PostgreSQL (stemming), a case-blind LIKE on SQLite, and never
finding what the reader may not see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from goals.models import Strategy
from search import index
from search.models import SearchEntry
from tests.factories import (
    ActionFactory,
    GoalAreaFactory,
    GoalFactory,
    MunicipalityFactory,
    PartnerFactory,
    StrategyFactory,
    TwinTownFactory,
    member,
)

from ..registry.bulk import many_municipalities

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL's full-text search"
)


def plan(slug, name, language, *, published=True, status=Strategy.Status.ADOPTED):
    municipality = MunicipalityFactory(
        slug=slug, name=name, language=language, is_published=published
    )
    strategy = StrategyFactory(municipality=municipality, slug=f"{slug}-plan", status=status)
    area = GoalAreaFactory(strategy=strategy)
    return municipality, strategy, area


def results(client, query, *, marks=False):
    """The results section; without the <mark>s of matched words unless `marks`."""
    body = client.get(reverse("dashboards:compare"), {"q": query}).content.decode()
    section = body[body.index('id="results-heading"') : body.index('id="strategies-heading"')]
    return section if marks else section.replace("<mark>", "").replace("</mark>", "")


def test_saving_deleting_and_linking_keep_the_index_current(client):
    municipality, strategy, area = plan("hamar", "Hamar", "nb")
    action = ActionFactory(strategy=strategy, goal_area=area, title="Elevutveksling")
    assert "Elevutveksling" in results(client, "elevutveksling")
    action.title = "Kulturdager"
    action.save()
    assert "Kulturdager" in results(client, "kulturdager")
    assert "Kulturdager" not in results(client, "elevutveksling")
    # An action is found by its partners' names, also after a partner is renamed.
    partner = PartnerFactory(municipality=municipality, name="Europakontoret")
    action.partners.add(partner)
    assert "Kulturdager" in results(client, "europakontoret")
    partner.name = "Innlandet Europakontor"
    partner.save()
    assert "Kulturdager" in results(client, "innlandet")
    action.delete()
    assert not SearchEntry.objects.filter(kind="action", object_id=action.pk).exists()


def test_rebuild_indexes_rows_written_without_signals(client):
    many_municipalities(3)  # bulk inserts: no signals
    assert "Vennskapsby 1" not in results(client, "Bulk")
    assert index.rebuild() == 3 * 3  # two twin towns and a partner each
    assert "Vennskapsby 1" in results(client, "Bulk")


def test_unpublished_municipalities_and_drafts_are_never_found(client):
    _m, _s, area = plan("hemmelig", "Hemmelig", "nb", published=False)
    ActionFactory(strategy=area.strategy, goal_area=area, title="Ungdomsutveksling hemmelig")
    _m, draft, draft_area = plan("utkast", "Utkast", "nb", status=Strategy.Status.DRAFT)
    GoalFactory(goal_area=draft_area, text="Ungdomsutveksling i utkastet")
    shown = results(client, "ungdomsutveksling")
    assert "hemmelig" not in shown and "utkastet" not in shown
    assert "Nothing found." in shown


def test_a_word_is_found_inside_a_compound_whatever_its_case(client):
    _m, strategy, area = plan("tranas", "Tranås", "sv")
    ActionFactory(strategy=strategy, goal_area=area, title="Kulturutbyte med ÄLMHULT")
    assert "Kulturutbyte" in results(client, "utbyte")
    assert "Kulturutbyte" in results(client, "älmhult")


@on_postgresql
@pytest.mark.parametrize(
    "language, text, query",
    [
        ("nb", "Samarbeid med vennskapsbyene i Norden", "vennskapsbyer"),
        ("nn", "Vi held fram samarbeidet med venskapsbyane", "venskapsby"),
        ("sv", "Utbyte med vänorterna i Finland", "vänort"),
        ("sv", "Ett nytt avtal med vänorten", "vänorterna"),
    ],
)
def test_postgresql_stems_in_the_municipalitys_language(client, language, text, query):
    _m, strategy, area = plan("kommune", "Kommunen", language)
    ActionFactory(strategy=strategy, goal_area=area, title="Tiltaket", description=text)
    assert "Tiltaket" in results(client, query)


@on_postgresql
def test_postgresql_uses_the_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"search_entry_vector_gin", "search_entry_text_trgm"} <= names


def test_search_costs_the_same_queries_with_3_and_with_60_municipalities(client):
    many_municipalities(3)
    index.rebuild()
    url = reverse("dashboards:compare") + "?q=vennskapsby"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    many_municipalities(57, first=3)
    index.rebuild()
    client.get(url)  # warm too: the compare table's rows are cached (dashboards.views)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_member_finds_their_own_draft(client):
    municipality, _s, area = plan("egen", "Egen", "nb", status=Strategy.Status.DRAFT)
    ActionFactory(strategy=area.strategy, goal_area=area, title="Utkasttiltak")
    client.force_login(member(Role.EDITOR, municipality))
    assert "Utkasttiltak" in results(client, "utkasttiltak")
    TwinTownFactory(municipality=municipality, name="Skövde")
    assert "Skövde" in results(client, "Egen vennskapsby")


def test_the_rebuild_command_indexes_bulk_loaded_data(client):
    from io import StringIO

    from django.core.management import CommandError, call_command

    many_municipalities(2)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "6 rows" in out.getvalue()
    assert "Vennskapsby 1" in results(client, "Bulk")
    with pytest.raises(CommandError):
        call_command("rebuild_search_index", municipality="nowhere")


def _municipalities_found(client, query):
    body = client.get(reverse("dashboards:compare"), {"q": query}).content.decode()
    if 'id="municipalities-found"' not in body:
        return ""
    found = body[body.index('id="municipalities-found"') :]
    return found[: found.index("</p>")]


def test_a_municipalitys_name_leads_to_its_page_and_never_to_an_unpublished_one(client):
    trondheim = MunicipalityFactory(slug="trondheim", name="Trondheim", is_published=True)
    MunicipalityFactory(slug="trondenes", name="Trondenes", is_published=False)
    found = _municipalities_found(client, "trondheim")
    assert f'href="{trondheim.get_absolute_url()}"' in found
    assert "Trondenes" not in _municipalities_found(client, "Tronde")


@on_postgresql
def test_postgresql_finds_a_misspelt_municipality_name(client):
    trondheim = MunicipalityFactory(slug="trondheim", name="Trondheim", is_published=True)
    MunicipalityFactory(slug="arvika", name="Arvika", is_published=True)
    found = _municipalities_found(client, "Trondhiem")
    assert f'href="{trondheim.get_absolute_url()}"' in found and "Arvika" not in found


def test_results_come_a_page_at_a_time(client):
    from dashboards.compare import RESULT_LIMIT

    _m, strategy, area = plan("mange", "Mange", "nb")
    for n in range(RESULT_LIMIT + 2):
        ActionFactory(strategy=strategy, goal_area=area, code=f"T{n:03d}", title=f"Utveksling {n}")
    first = results(client, "utveksling")
    assert first.count("Utveksling ") == RESULT_LIMIT
    assert "rpage=2" in first and "rpage=0" not in first
    second = client.get(reverse("dashboards:compare"), {"q": "utveksling", "rpage": 2})
    second = second.content.decode().replace("<mark>", "").replace("</mark>", "")
    second = second[second.index('id="results-heading"') : second.index('id="strategies-heading"')]
    assert f"Utveksling {RESULT_LIMIT + 1}<" in second and "Utveksling 0<" not in second
    assert client.get(reverse("dashboards:compare"), {"q": "x", "rpage": "-3"}).status_code == 200


def test_renaming_a_municipality_finds_its_twin_towns_by_the_new_name(client):
    municipality, _s, _a = plan("nes", "Nes", "nb")
    TwinTownFactory(municipality=municipality, key="ystad", name="Ystad", country="Sverige")
    municipality.name = "Nesbyen"
    municipality.save()
    assert "Ystad" in results(client, "Nesbyen vennskapsby")
    # Publishing alone (update_fields) leaves the index as it is.
    municipality.is_published = False
    municipality.save(update_fields=["is_published"])
    assert SearchEntry.objects.filter(municipality=municipality, kind="twin_town").count() == 1
