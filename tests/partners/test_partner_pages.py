from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Partner
from tests.factories import ActionFactory, GoalAreaFactory, PartnerFactory
from tests.pages import shows_word, visible_text


def test_registry_lists_partners_and_twin_towns_with_action_counts(client, users, time_kommune):
    client.force_login(users["politician"])
    page = client.get("/partners/time/").content.decode()
    assert "KS" in page and "Älmhult" in page
    assert not shows_word(page, "ARKO")


def test_partner_detail_shows_cooperation_and_the_actions_involving_them(
    client, users, time_kommune
):
    client.force_login(users["politician"])
    page = client.get("/partners/time/partner/ks/").content.decode()
    assert "Samarbeid om EØS-prosjekt" in page
    assert "Nytta KS sine internasjonale nettverk" in page


def test_coordinator_adds_a_partner(client, users, time_kommune):
    client.force_login(users["coordinator"])
    response = client.post(
        "/partners/time/partner/new/",
        {"name": "Greater Stavanger", "kind": "region", "cooperation": "Studieturar"},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(name="Greater Stavanger")
    assert partner.municipality == time_kommune
    assert partner.key == "greater-stavanger"


def test_partner_text_with_script_is_shown_escaped(client, users, time_kommune):
    client.force_login(users["coordinator"])
    client.post(
        "/partners/time/partner/new/",
        {"name": "<script>alert(1)</script>", "kind": "network"},
    )
    page = client.get("/partners/time/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_oversized_name_is_refused_and_nothing_saved(client, users, time_kommune):
    client.force_login(users["coordinator"])
    before = Partner.objects.count()
    response = client.post("/partners/time/partner/new/", {"name": "x" * 201, "kind": "network"})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert Partner.objects.count() == before


def test_change_history_shows_who_changed_what(client, users, time_kommune):
    client.force_login(users["coordinator"])
    partner = Partner.objects.get(key="ks")
    client.post(
        "/partners/time/partner/ks/edit/",
        {
            "name": "KS – Kommunesektorens organisasjon",
            "kind": "organisation",
            "cooperation": partner.cooperation,
            "is_active": "on",
            "loaded_version": partner.version,
        },
    )
    page = client.get("/partners/time/partner/ks/").content.decode()
    history = page.split("Change history")[1]
    assert "koordinator" in history
    assert "KS – Kommunesektorens organisasjon" in history


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


PAGES = [
    "/partners/time/",
    "/partners/time/partner/ks/",
    "/partners/time/twin-town/almhult/",
    # Filtered, as the dashboard's counts lead here.
    "/partners/time/?partner_active=true",
    "/partners/time/?twin_town_status=active&twin_town_country=Sverige",
]


def test_registry_and_detail_pages_cost_the_same_queries_at_two_sizes(client, users, time_kommune):
    area = GoalAreaFactory(strategy=time_kommune.strategies.get())
    ks = Partner.objects.get(key="ks")

    def grow(n):
        for _ in range(n):
            PartnerFactory(municipality=time_kommune)
            ActionFactory(goal_area=area).partners.add(ks)

    client.force_login(users["coordinator"])
    grow(2)
    small = [_queries(client, url) for url in PAGES]
    client.get("/partners/time/partner/ks/edit/")
    grow(20)
    assert [_queries(client, url) for url in PAGES] == small


def test_partner_pages_link_actions_only_for_the_municipalitys_members(client, users, time_kommune):
    time_kommune.is_published = True
    time_kommune.save()
    action = time_kommune.strategies.get().actions.get()
    for user in (None, users["other_coordinator"]):
        if user:
            client.force_login(user)
        for url in ("/partners/time/partner/ks/", "/partners/time/twin-town/almhult/"):
            page = client.get(url).content.decode()
            assert "Nytta KS sine internasjonale nettverk" in page
            assert action.get_absolute_url() not in page
    client.force_login(users["politician"])
    page = client.get("/partners/time/partner/ks/").content.decode()
    assert f'href="{action.get_absolute_url()}"' in page


def test_a_filter_with_no_match_says_so_rather_than_that_nothing_is_registered(
    client, users, time_kommune
):
    """The dashboard's "0" cells lead to filtered registries: Time has twin towns and
    partners, just none ended and none inactive."""
    client.force_login(users["politician"])
    filters = [("twin_town_status=ended", "twin towns"), ("partner_active=false", "partners")]
    for query, kind in filters:
        page = client.get(f"/partners/time/?{query}", HTTP_ACCEPT_LANGUAGE="en")
        text = " ".join(visible_text(page).split())
        assert f"No {kind} match this filter. Show all" in text
        assert f"No {kind} registered" not in text
        assert text.count("Show all") == 2  # the filter notice and the empty table
    unfiltered = " ".join(visible_text(client.get("/partners/time/")).split())
    assert "match this filter" not in unfiltered
