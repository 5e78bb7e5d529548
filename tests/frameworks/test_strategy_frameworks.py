"""A strategy names the frameworks it relates to (Tranås's programme: Europa 2020): only
their items are offered for its links in the action's links screen, the admin, the
strategy file and the spreadsheet. A strategy that names none is offered every shared
framework's items, as before. Named in the admin and the strategy file, exported back."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from frameworks.models import ActionLink, Framework, FrameworkItem, StrategyFramework
from frameworks.services import items_offered, set_frameworks, set_links
from goals.models import Strategy
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file
from tests.factories import ActionFactory, GoalAreaFactory, StrategyFactory, member
from tests.goals.admin_forms import posted_back

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def item(reference):
    framework, code = reference.split("-", 1)
    return FrameworkItem.objects.get(framework__code=framework, code=code)


def eu2020():
    return Framework.objects.get(code="eu2020")


@pytest.fixture
def plan():
    strategy = StrategyFactory()
    action = ActionFactory(goal_area=GoalAreaFactory(strategy=strategy, code="1"), code="1.1")
    return strategy, action


def test_a_strategy_naming_europa_2020_is_offered_its_items_only(plan):
    strategy, _action = plan
    everything = {i.reference for i in items_offered(strategy.municipality, strategy)}
    assert {"sdg-11", "eu2020-3"} <= everything
    set_frameworks(strategy, [eu2020()])
    offered = {i.reference for i in items_offered(strategy.municipality, strategy)}
    assert offered == {f"eu2020-{n}" for n in range(1, 6)}
    assert StrategyFramework.objects.get(strategy=strategy).history.count() == 1


def test_the_links_screen_offers_the_named_frameworks_and_refuses_another(client, plan):
    strategy, action = plan
    set_frameworks(strategy, [eu2020()])
    client.force_login(member(Role.COORDINATOR, strategy.municipality))
    url = reverse("frameworks:action_links", args=[action.pk])
    page = client.get(url).content.decode()
    assert "Europa 2020" in page or "Europe 2020" in page
    assert f'value="{item("sdg-11").pk}"' not in page
    field = f"framework_{eu2020().pk}"
    refused = client.post(url, {field: [item("sdg-11").pk]})
    assert refused.status_code == 400
    assert not ActionLink.objects.filter(action=action).exists()
    made = client.post(url, {field: [item("eu2020-3").pk]})
    assert made.status_code == 302
    assert [i.reference for i in action.framework_items.all()] == ["eu2020-3"]


def test_the_admin_names_frameworks_on_the_strategy_page_and_checks_links(client, plan):
    strategy, action = plan
    user = member(Role.COORDINATOR, strategy.municipality, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["frameworks", "goals"])
    )
    client.force_login(user)
    url = reverse("admin:goals_strategy_change", args=[strategy.pk])
    data = posted_back(client.get(url))
    prefix = "framework_choices"
    data[f"{prefix}-TOTAL_FORMS"] = 1
    data[f"{prefix}-0-framework"] = eu2020().pk
    data[f"{prefix}-0-strategy"] = strategy.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"][-1].formset.forms
    ]
    assert [f.code for f in strategy.frameworks.all()] == ["eu2020"]
    assert StrategyFramework.objects.get(strategy=strategy).history.count() == 1

    add = reverse("admin:frameworks_actionlink_add")
    refused = client.post(add, {"action": action.pk, "item": item("sdg-11").pk, "note": ""})
    assert refused.status_code == 200
    assert "Europa 2020" in refused.content.decode() or "Europe 2020" in refused.content.decode()
    assert not ActionLink.objects.filter(action=action).exists()
    made = client.post(add, {"action": action.pk, "item": item("eu2020-3").pk, "note": ""})
    assert made.status_code == 302
    assert ActionLink.objects.filter(action=action, item=item("eu2020-3")).exists()


def test_the_strategy_file_names_frameworks_and_round_trips_them(plan):
    strategy, action = plan
    set_frameworks(strategy, [eu2020()])
    set_links(action, [item("eu2020-3")])
    data = export_strategy(strategy)
    assert data["strategy"]["frameworks"] == ["eu2020"]
    text = dump_yaml(data)
    set_frameworks(strategy, [])

    again = import_file(text.encode(), "export.yaml")

    assert [f.code for f in again.frameworks.all()] == ["eu2020"]
    assert dump_yaml(export_strategy(again)) == text
    # Without the key, the named frameworks stay; an empty list names none.
    del data["strategy"]["frameworks"]
    import_file(dump_yaml(data).encode(), "plan.yaml")
    assert [f.code for f in strategy.frameworks.all()] == ["eu2020"]
    data["strategy"]["frameworks"] = []
    import_file(dump_yaml(data).encode(), "plan.yaml")
    assert not strategy.frameworks.exists()
    assert "frameworks" not in export_strategy(strategy)["strategy"]


def test_the_strategy_file_refuses_an_item_of_a_framework_not_named(plan):
    strategy, action = plan
    data = export_strategy(strategy)
    data["strategy"]["frameworks"] = ["eu2020"]
    data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"] = ["sdg-11"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any(
        "strategy.goal_areas[0].actions[0].frameworks[0]" in e and "sdg-11" in e and "eu2020" in e
        for e in error.value.errors
    ), error.value.errors
    assert not strategy.frameworks.exists() and not action.framework_items.exists()

    data["strategy"]["frameworks"] = ["agenda2063"]
    data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"] = []
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any("strategy.frameworks[0]" in e and "agenda2063" in e for e in error.value.errors)


def test_the_seeds_name_what_their_documents_name():
    for seed in ("tranas", "time", "hamar", "trondheim", "arvika"):
        import_file(FIXTURES / f"{seed}.yaml")
    named = [[f.code for f in s.frameworks.all()] for s in Strategy.objects.all()]
    assert Strategy.objects.count() == 5
    assert [codes for codes in named if codes] == [["eu2020"]]
    tranas = Strategy.objects.get(frameworks__code="eu2020")
    assert "tran" in tranas.municipality.slug
    offered = {i.framework.code for i in items_offered(tranas.municipality, tranas)}
    assert offered == {"eu2020"}


def test_naming_a_framework_that_would_strand_links_is_refused(client, plan):
    strategy, action = plan
    set_links(action, [item("sdg-11")])
    # In the strategy file: the action's entry keeps its links (no key), the strategy
    # names Europa 2020 only: refused as a whole, naming the link.
    data = export_strategy(strategy)
    del data["strategy"]["goal_areas"][0]["actions"][0]["frameworks"]
    data["strategy"]["frameworks"] = ["eu2020"]
    with pytest.raises(StrategyFileError) as error:
        import_file(dump_yaml(data).encode(), "plan.yaml")
    assert any("sdg-11" in e and "strategy.frameworks" in e for e in error.value.errors)
    assert not strategy.frameworks.exists()
    assert [i.reference for i in action.framework_items.all()] == ["sdg-11"]

    # On the strategy's admin page: the same, said on the page.
    user = member(Role.COORDINATOR, strategy.municipality, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["frameworks", "goals"])
    )
    client.force_login(user)
    url = reverse("admin:goals_strategy_change", args=[strategy.pk])
    data = posted_back(client.get(url))
    data["framework_choices-TOTAL_FORMS"] = 1
    data["framework_choices-0-framework"] = eu2020().pk
    data["framework_choices-0-strategy"] = strategy.pk
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sdg-11" in response.content.decode()
    assert not strategy.frameworks.exists()
