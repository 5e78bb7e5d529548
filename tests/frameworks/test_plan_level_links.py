"""Links from goal areas and strategy points (not only goals and actions) to framework
items, with a note: recorded in history, edited in the admin (scoped to the staff member's
municipality), round-tripped by the strategy file, on the open-data API, and shown on the
SDG page and under the SDG on the dashboard and the public page."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from dashboards.cache import plan_version
from frameworks.models import FrameworkItem, GoalAreaLink, StrategyPointLink
from frameworks.services import set_frameworks, set_links
from goals.models import Strategy
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file
from tests.factories import (
    GoalAreaFactory,
    GoalFactory,
    MunicipalityFactory,
    StrategyFactory,
    StrategyPointFactory,
    member,
)
from tests.frameworks.test_contribution_figures import sdg_row

pytestmark = pytest.mark.django_db


def sdg(code):
    return FrameworkItem.objects.get(framework__code="sdg", code=code)


def linked_plan(status=Strategy.Status.ADOPTED, published=True):
    strategy = StrategyFactory(
        municipality=MunicipalityFactory(is_published=published), status=status
    )
    area = GoalAreaFactory(strategy=strategy, code="2", title="Grøn by")
    GoalFactory(goal_area=area, code="2.1", text="Trygge gater")
    main = StrategyPointFactory(strategy=strategy, code="S1", title="Vennskapsbyar")
    sub = StrategyPointFactory(
        strategy=strategy, code="S1a", title="Ungdomsutveksling", parent=main
    )
    set_links(area, [sdg("11")], notes={sdg("11").pk: "Heile området byggjer berekraftig by"})
    set_links(sub, [sdg("11"), sdg("4")], notes={sdg("4").pk: "Elevar på utveksling"})
    return strategy, area, main, sub


def item_url(strategy, code="11"):
    return reverse("frameworks:item", args=[strategy.municipality.slug, "sdg", code])


def test_each_link_has_its_history_and_makes_the_cached_pages_stale():
    strategy, area, _main, sub = linked_plan()
    assert GoalAreaLink.objects.get(goal_area=area).history.count() == 1
    before = plan_version(strategy.municipality_id)
    set_links(sub, [sdg("4")], reason="Endra")
    assert plan_version(strategy.municipality_id) != before
    removed = StrategyPointLink.history.filter(strategy_point=sub, history_type="-").get()
    assert removed.history_change_reason == "Endra" and removed.item_id == sdg("11").pk


def test_the_sdg_page_lists_the_linked_goal_areas_and_strategy_points_with_notes(client):
    strategy, *_ = linked_plan()
    text = client.get(item_url(strategy)).content.decode()
    assert "2. Grøn by" in text and "Heile området byggjer berekraftig by" in text
    assert "S1a Ungdomsutveksling" in text
    four = client.get(item_url(strategy, "4")).content.decode()
    assert "Elevar på utveksling" in four and "Grøn by" not in four


def test_a_drafts_and_another_municipalitys_plan_level_links_stay_hidden(client):
    draft, *_ = linked_plan(status=Strategy.Status.DRAFT)
    assert "Grøn by" not in client.get(item_url(draft)).content.decode()
    client.force_login(member(Role.EDITOR, draft.municipality))
    assert "Grøn by" in client.get(item_url(draft)).content.decode()
    ours = StrategyFactory(municipality=MunicipalityFactory(is_published=True))
    text = client.get(item_url(ours)).content.decode()
    assert "Grøn by" not in text and "Ungdomsutveksling" not in text


def test_the_dashboard_and_public_page_count_linked_goal_areas_and_goals_under_the_sdg(client):
    strategy, area, _main, _sub = linked_plan()
    set_links(area.goals.get(), [sdg("11"), sdg("5")])
    for page in (
        reverse("dashboards:dashboard", args=[strategy.slug]),
        reverse("dashboards:public", args=[strategy.municipality.slug]),
    ):
        html = client.get(page).content.decode()
        assert sdg_row(html, "11")[:3] == ["1", "1", "0"]
        # An SDG only a goal is linked to still has its row.
        assert sdg_row(html, "5")[:3] == ["0", "1", "0"]


def test_the_sdg_page_costs_the_same_queries_at_two_sizes(client):
    def cost(strategy):
        client.get(item_url(strategy))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(item_url(strategy)).status_code == 200
        return len(queries)

    small, *_ = linked_plan()
    large, *_ = linked_plan()
    for n in range(6):
        area = GoalAreaFactory(strategy=large, code=f"L{n}")
        set_links(area, [sdg("11")], notes={sdg("11").pk: f"Notat {n}"})
        point = StrategyPointFactory(strategy=large, code=f"P{n}")
        set_links(point, [sdg("11")])
    assert cost(small) == cost(large)


def test_the_strategy_file_round_trips_goal_area_and_strategy_point_links():
    strategy, area, main, sub = linked_plan()
    data = export_strategy(strategy)
    exported_area = data["strategy"]["goal_areas"][0]
    assert exported_area["frameworks"] == ["sdg-11"]
    assert exported_area["framework_notes"] == [
        {"item": "sdg-11", "note": "Heile området byggjer berekraftig by"}
    ]
    (exported_main,) = data["strategy"]["strategy_points"]
    assert "frameworks" not in exported_main
    assert exported_main["points"][0]["frameworks"] == ["sdg-4", "sdg-11"]
    text = dump_yaml(data)
    set_links(area, [])
    set_links(sub, [sdg("1")])

    again = import_file(text.encode(), "export.yaml")

    assert [i.reference for i in area.framework_items.all()] == ["sdg-11"]
    assert GoalAreaLink.objects.get(goal_area=area).note == "Heile området byggjer berekraftig by"
    assert sorted(i.reference for i in sub.framework_items.all()) == ["sdg-11", "sdg-4"]
    assert StrategyPointLink.objects.get(strategy_point=sub, item=sdg("4")).note == (
        "Elevar på utveksling"
    )
    assert not main.framework_items.exists()
    assert dump_yaml(export_strategy(again)) == text
    # A row without the key keeps its links (a file from before links loses nothing).
    set_links(main, [sdg("2")])
    import_file(text.encode(), "export.yaml")
    assert [i.reference for i in main.framework_items.all()] == ["sdg-2"]


def test_the_strategy_file_names_a_wrong_item_of_a_strategy_point_by_its_place():
    strategy, *_ = linked_plan()
    data = export_strategy(strategy)
    data["strategy"]["strategy_points"][0]["points"][0]["frameworks"] = ["sdg-18"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any(
        "strategy.strategy_points[0].points[0].frameworks[0]" in e and "sdg-18" in e
        for e in error.value.errors
    ), error.value.errors
    # A strategy naming Europa 2020 only: the goal area's SDG link is refused.
    data = export_strategy(strategy)
    data["strategy"]["frameworks"] = ["eu2020"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any("strategy.goal_areas[0].frameworks[0]" in e for e in error.value.errors)


def test_the_open_data_api_lists_goal_area_and_strategy_point_links(client):
    strategy, *_ = linked_plan()
    areas = client.get(reverse("api:goal_areas"), {"strategy": strategy.slug}).json()
    assert [link["reference"] for link in areas["results"][0]["frameworks"]] == ["sdg-11"]
    points = client.get(reverse("api:strategy_points"), {"strategy": strategy.slug}).json()
    by_code = {p["code"]: p["frameworks"] for p in points["results"]}
    assert by_code["S1"] == []
    assert [(f["item"], f["note"]) for f in by_code["S1a"]] == [
        ("4", "Elevar på utveksling"),
        ("11", ""),
    ]
    hidden, *_ = linked_plan(published=False)
    body = client.get(reverse("api:strategy_points"), {"format": "csv"}).content.decode()
    assert body.count("Elevar på utveksling") == 1


def test_the_admin_links_a_goal_area_of_ones_own_municipality_only(client):
    strategy, area, *_ = linked_plan()
    neighbour, neighbour_area, *_ = linked_plan()
    user = member(Role.COORDINATOR, strategy.municipality, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="frameworks"))
    client.force_login(user)
    listing = client.get(reverse("admin:frameworks_goalarealink_changelist")).content.decode()
    assert listing.count("Grøn by") == 1
    add = reverse("admin:frameworks_goalarealink_add")
    refused = client.post(add, {"goal_area": neighbour_area.pk, "item": sdg("4").pk})
    assert refused.status_code == 200
    assert not GoalAreaLink.objects.filter(goal_area=neighbour_area, item=sdg("4")).exists()
    made = client.post(add, {"goal_area": area.pk, "item": sdg("4").pk, "note": "Skule"})
    assert made.status_code == 302
    assert GoalAreaLink.objects.get(goal_area=area, item=sdg("4")).history.count() == 1
    # The strategy names Europa 2020 only: an SDG is refused with the framework named.
    set_frameworks(strategy, [sdg("4").framework.__class__.objects.get(code="eu2020")])
    point_add = reverse("admin:frameworks_strategypointlink_add")
    point = strategy.strategy_points.get(code="S1")
    refused = client.post(point_add, {"strategy_point": point.pk, "item": sdg("4").pk})
    assert refused.status_code == 200 and not point.framework_items.exists()
