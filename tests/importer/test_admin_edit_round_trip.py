"""A strategy an administrator has edited in the Django admin exports to a file that
imports back to the identical plan: importing the export again writes nothing, and the
export of a copy made from it is the same file."""

import copy
import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from actions.models import Action
from partners.models import TwinTown
from strategy_files.exporter import dump_yaml, export_strategy
from strategy_files.importer import StrategyFileError, import_file, import_strategy, parse_file
from tests.goals.admin_forms import posted_back

from .conftest import row_counts

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _seed(slug):
    return import_file(FIXTURES / f"{slug}.yaml")


def _url(obj, view="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def _add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def _saved(response):
    """The admin redirects after a save; a form error shows the page again (with why)."""
    if response.status_code != 302:
        errors = [response.context["adminform"].form.errors]
        errors += [f.errors for i in response.context["inline_admin_formsets"] for f in i.formset]
        errors += [i.formset.non_form_errors() for i in response.context["inline_admin_formsets"]]
        raise AssertionError(f"not saved: {[e for e in errors if e]}")
    return response


def _add_row(data, prefix, row):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})


def _add_twin_town(admin, municipality, key, since, steps=()):
    data = posted_back(admin.get(_add_url(TwinTown)))
    data.update(
        {"municipality": municipality.pk, "key": key, "name": key.title(), "country": "Sverige"}
    )
    data.update({"since": since, "category": "project_agreement", "description": "Avtale"})
    for step in steps:
        _add_row(data, "status_changes", step)
    _saved(admin.post(_add_url(TwinTown), data))
    return TwinTown.objects.get(municipality=municipality, key=key)


def _edit_in_admin(admin, strategy, other):
    """Every kind of edit the admin offers on a whole plan, as a browser would post it."""
    municipality = strategy.municipality

    # A goal area with two goals and an action serving one of them, all on one page.
    data = posted_back(admin.get(_add_url(strategy.goal_areas.model)))
    data.update({"strategy": strategy.pk, "code": "9", "order": "9", "title": "Nytt område"})
    data["description"] = "Første linje\nAndre linje"
    _add_row(data, "goals", {"code": "9a", "order": "1", "text": "Første mål"})
    _add_row(data, "goals", {"code": "9b", "order": "2", "text": "Andre mål"})
    action_row = {"code": "9.1", "order": "1", "title": "Nytt tiltak", "recurrence": "yearly"}
    _add_row(data, "actions", {**action_row, "status": "planned"})
    _saved(admin.post(_add_url(strategy.goal_areas.model), data))
    area = strategy.goal_areas.get(code="9")

    # A plan-wide action, a strategy point and an amendment on the strategy page.
    data = posted_back(admin.get(_url(strategy)))
    _add_row(
        data,
        "actions",
        {"code": "P9", "order": "99", "title": "Planbredt tiltak", "recurrence": "ongoing"}
        | {"status": "in_progress"},
    )
    _add_row(data, "strategy_points", {"code": "9", "order": "99", "title": "Nytt punkt"})
    _add_row(
        data,
        "amendments",
        {"order": "99", "kind": "addition", "decided_by": "Bystyret"}
        | {"decided_on": "2025-03-27", "reference": "PS 25/30", "affects": "Strategi 9"}
        | {"text": "Nytt punkt om vennskapsbyer."},
    )
    _saved(admin.post(_url(strategy), data))
    point = strategy.strategy_points.get(code="9")

    # A twin town, then a later step in its relation on its own page.
    twin = _add_twin_town(
        admin,
        municipality,
        "vasteras",
        1990,
        [{"order": "0", "status": "active", "year": "1990", "decision": "Avtale"}],
    )
    data = posted_back(admin.get(_url(twin)))
    _add_row(
        data,
        "status_changes",
        {"order": "0", "status": "dormant", "changed_on": "2024-05-02", "decision": "PS 24/9"},
    )
    _saved(admin.post(_url(twin), data))

    # The new action serves both new goals, the new point, a partner and the twin town.
    action = Action.objects.get(strategy=strategy, code="9.1")
    data = posted_back(admin.get(_url(action)))
    partner = municipality.partners.order_by("pk").last()
    data.update(
        {
            "goals": [g.pk for g in area.goals.all()],
            "strategy_points": [point.pk],
            "partners": [partner.pk],
            "twin_towns": [twin.pk],
            "description": "Tiltaket\nover to linjer",
        }
    )
    # Another municipality's partner is not among this plan's choices.
    refused = {**data, "partners": [partner.pk, other.municipality.partners.first().pk]}
    response = admin.post(_url(action), refused)
    assert response.status_code == 200 and response.context["adminform"].form.errors["partners"]
    assert not action.partners.exists()
    _saved(admin.post(_url(action), data))


def _renamed(data, slug):
    data = copy.deepcopy(data)
    data["municipality"]["slug"] = slug
    data["municipality"]["name"] += " (kopi)"
    data["strategy"]["slug"] += "-kopi"
    return data


@pytest.mark.parametrize("slug", ["trondheim", "tranas"])
def test_a_strategy_edited_in_the_admin_round_trips_exactly(admin, slug):
    strategy, other = _seed(slug), _seed("time")
    _edit_in_admin(admin, strategy, other)

    first = export_strategy(strategy)
    text = dump_yaml(first)
    exported = first["strategy"]
    area = next(a for a in exported["goal_areas"] if a["code"] == "9")
    assert [g["code"] for g in area["goals"]] == ["9a", "9b"]
    action = area["actions"][0]
    assert action["goals"] == ["9a", "9b"] and action["twin_towns"] == ["vasteras"]
    assert action["strategy_points"] == ["9"]
    assert exported["actions"][-1]["code"] == "P9"
    assert exported["amendments"][-1]["reference"] == "PS 25/30"
    twin = next(t for t in first["twin_towns"] if t["key"] == "vasteras")
    # The step added later is the last one, and the relation's current status.
    assert [s["status"] for s in twin["status_history"]] == ["active", "dormant"]
    assert twin["status_history"][1]["date"] == datetime.date(2024, 5, 2)
    assert twin["status"] == "dormant"

    # Importing the export over the plan it came from: nothing to change, nothing written.
    before = row_counts()
    again = import_file(text.encode(), "export.yaml")
    assert row_counts() == before
    assert again.pk == strategy.pk
    assert dump_yaml(export_strategy(again)) == text

    # Imported as a new municipality, the copy exports to the same file.
    copy_slug = f"{slug}-kopi"
    fresh = import_strategy(_renamed(parse_file(text.encode(), "export.yaml"), copy_slug))
    assert fresh.pk != strategy.pk
    assert export_strategy(fresh) == _renamed(first, copy_slug)


def test_a_twin_town_step_dated_before_the_relation_began_is_refused_with_where():
    strategy = _seed("time")
    data = export_strategy(strategy)
    town = data["twin_towns"][0]
    town["since"] = 1986
    town["status_history"].append(
        {"status": "dormant", "year": 1985, "date": None, "decision": "", "note": ""}
    )
    town["status_history"].append(
        {
            "status": "dormant",
            "year": None,
            "date": datetime.date(1980, 1, 2),
            "decision": "",
            "note": "",
        }
    )
    before = row_counts()
    with pytest.raises(StrategyFileError) as raised:
        import_file(dump_yaml(data).encode(), "time.yaml")
    errors = "\n".join(str(e) for e in raised.value.errors)
    assert "twin_towns[0].status_history[1].year" in errors
    assert "twin_towns[0].status_history[2].date" in errors
    assert "1985" in errors and "1986" in errors
    assert row_counts() == before
    with translation.override("nb"), pytest.raises(StrategyFileError) as raised:
        import_file(dump_yaml(data).encode(), "time.yaml")
    assert "før forbindelsen begynte (siden 1986)" in "\n".join(map(str, raised.value.errors))


def test_a_file_that_reorders_rows_reorders_them_in_the_portal(small_data):
    strategy = import_strategy(small_data)
    plan = small_data["strategy"]
    plan["goal_areas"].reverse()
    plan["goal_areas"][1]["actions"].reverse()
    import_strategy(small_data)
    exported = export_strategy(strategy)["strategy"]
    assert [a["code"] for a in exported["goal_areas"]] == [a["code"] for a in plan["goal_areas"]]
    first_area_actions = [a["code"] for a in exported["goal_areas"][1]["actions"]]
    assert first_area_actions == [a["code"] for a in plan["goal_areas"][1]["actions"]]
