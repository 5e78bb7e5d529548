"""The 169 SDG targets ship as a data file with its source named, load on migrate under
their goals (English only: no official text in the other languages is invented), come
back where missing, and are offered for a plan's links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from frameworks.loading import DATA, ensure_shipped, read
from frameworks.models import FrameworkItem
from frameworks.services import items_offered
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import import_file
from tests.factories import ActionFactory, member

pytestmark = pytest.mark.django_db

# Targets per goal in the UN's list (A/RES/70/1): 169 in all.
PER_GOAL = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]


def target(code):
    return FrameworkItem.objects.select_related("parent").get(framework__code="sdg", code=code)


def test_the_data_file_names_its_source_and_holds_the_169_targets():
    text = (DATA / "sdg_targets.yaml").read_text(encoding="utf-8")
    assert "https://unstats.un.org/sdgs/indicators/indicators-list/" in text
    assert "A/RES/70/1" in text and "English only" in text
    data = read("sdg_targets.yaml")
    assert [len(data["targets"][str(n)]) for n in range(1, 18)] == PER_GOAL


def test_the_targets_load_under_their_goals_in_english_only():
    targets = FrameworkItem.objects.filter(framework__code="sdg", parent__isnull=False)
    assert targets.count() == 169
    eleven_one = target("11.1")
    assert eleven_one.parent.code == "11"
    assert eleven_one.name_en.startswith("By 2030, ensure access for all to adequate, safe")
    assert (eleven_one.name_nb, eleven_one.name_nn, eleven_one.name_sv) == ("", "", "")
    with translation.override("nb"):
        assert eleven_one.name == eleven_one.name_en
        assert eleven_one.label == "SDG 11.1"
    assert target("17.19").parent.code == "17" and target("11.a").parent.code == "11"
    # In order: each goal's targets after all the goals, together and in the UN's order.
    codes = list(targets.order_by("order").values_list("code", flat=True))
    assert codes[:8] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b", "2.1"]
    assert codes.index("16.10") == codes.index("16.9") + 1


def test_ensure_shipped_is_one_query_when_present_and_brings_missing_targets_back():
    with CaptureQueriesContext(connection) as queries:
        ensure_shipped()
    # Besides the look at which tables exist (a migrate stopped before the app): one.
    reads = [q["sql"] for q in queries if "frameworks_framework" in q["sql"]]
    assert len(reads) == 1 and len(queries) <= 2
    FrameworkItem.objects.filter(framework__code="sdg", parent__code="11").delete()
    ensure_shipped()
    assert FrameworkItem.objects.filter(framework__code="sdg", parent__code="11").count() == 10


def test_the_targets_are_offered_and_linked_in_the_links_screen_and_the_file(client):
    action = ActionFactory(code="1.1")
    offered = {i.reference for i in items_offered(action.strategy.municipality)}
    assert {"sdg-11", "sdg-11.1", "sdg-11.a", "sdg-17.19"} <= offered
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    url = reverse("frameworks:action_links", args=[action.pk])
    page = client.get(url).content.decode()
    assert "SDG 11.1 By 2030, ensure access for all to adequate" in page
    field = f"framework_{target('11.1').framework_id}_targets"
    response = client.post(url, {field: [target("11.1").pk]})
    assert response.status_code == 302
    assert [i.reference for i in action.framework_items.all()] == ["sdg-11.1"]
    # Its note field is there once linked; the note is saved and shown on the target's page.
    response = client.post(
        url, {field: [target("11.1").pk], f"note_{target('11.1').pk}": "Nye bustader"}
    )
    assert response.status_code == 302
    assert action.framework_links.get().note == "Nye bustader"

    data = export_strategy(action.strategy)
    assert data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"] == ["sdg-11.1"]
    text = dump_yaml(data)
    action.framework_links.all().delete()
    import_file(text.encode(), "plan.yaml")
    assert [i.reference for i in action.framework_items.all()] == ["sdg-11.1"]


def test_an_action_linked_to_a_target_counts_once_under_its_goal(client):
    from frameworks.services import set_links
    from tests.factories import (
        FollowUpFactory,
        GoalAreaFactory,
        MunicipalityFactory,
        StrategyFactory,
    )
    from tests.frameworks.test_contribution_figures import sdg_row

    strategy = StrategyFactory(municipality=MunicipalityFactory(is_published=True))
    housing = ActionFactory(goal_area=GoalAreaFactory(strategy=strategy), title="Bustadprogram")
    set_links(
        housing,
        [target("11.1"), target("11.1").parent],
        notes={
            target("11.1").pk: "Nye bustader",
        },
    )
    FollowUpFactory(action=housing, year=2025, state="approved", hours=10, money_spent=100)
    html = client.get(
        reverse("dashboards:dashboard", args=[strategy.slug]), {"year": 2025}
    ).content.decode()
    # Goal areas, goals, actions, follow-ups, hours, money: once, not twice.
    assert sdg_row(html, "11") == ["0", "0", "1", "1", "10", "100"]
    page = client.get(
        reverse("frameworks:item", args=[strategy.municipality.slug, "sdg", "11"])
    ).content.decode()
    assert page.count("Bustadprogram") == 1
    target_page = client.get(
        reverse("frameworks:item", args=[strategy.municipality.slug, "sdg", "11.1"])
    ).content.decode()
    assert "Bustadprogram" in target_page and "Nye bustader" in target_page


def test_a_targets_chip_has_its_goals_colour_and_a_short_text(client):
    from frameworks.services import set_links

    action = ActionFactory(title="Bustadprogram")
    set_links(action, [target("3.b")])
    client.force_login(member(Role.COORDINATOR, action.strategy.municipality))
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "border-left: .6rem solid #4C9F38" in page  # SDG 3's green
    assert "SDG 3.b Support the research and development of vaccines" in page
    assert "provide access to medicines for all</a>" not in page  # 564 characters, cut
    assert f'title="{target("3.b").name_en}"' in page


def test_a_targets_page_offers_to_compare_municipalities_by_its_goal(client):
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory(is_published=True)
    page = client.get(reverse("frameworks:item", args=[municipality.slug, "sdg", "11.1"]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "/frameworks/compare/?item=sdg-11" in text
    assert "/frameworks/compare/?item=sdg-11.1" not in text
    assert client.get(reverse("frameworks:compare"), {"item": "sdg-11"}).status_code == 200


def test_bringing_a_missing_target_back_keeps_the_names_given_to_the_others():
    named = FrameworkItem.objects.get(framework__code="sdg", code="11.1")
    named.name_nb = "Trygge og rimelige boliger for alle"
    named.save()
    FrameworkItem.objects.get(framework__code="sdg", code="4.7").delete()
    ensure_shipped()
    named.refresh_from_db()
    assert named.name_nb == "Trygge og rimelige boliger for alle"
    restored = FrameworkItem.objects.get(framework__code="sdg", code="4.7")
    assert restored.name_en and restored.name_nb == ""
