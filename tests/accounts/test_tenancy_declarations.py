"""Each model and each page says once which municipality it belongs to (core.tenancy).

A new model or page that declares nothing fails here, before the admin crashes on a
filter of nothing or a page silently falls back to the browser's language."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.core.exceptions import FieldDoesNotExist
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.admin_scope import ScopedMixin
from actions.models import Action
from core.tenancy import page_owner, plan_path, strategy_prefix

ROOT = Path(__file__).resolve().parents[2]
# Not pages in a language: the open-data API answers JSON for any visitor and checks
# each row's visibility itself; the admin has its own scoping (ScopedMixin, tested below).
NOT_PAGES = {"api", "admin"}


def project_models():
    for model in apps.get_models():
        path = Path(apps.get_app_config(model._meta.app_label).path)
        if ROOT in path.parents and ".venv" not in path.parts:
            if not model.__name__.startswith("Historical"):
                yield model


def walk(patterns, route="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from walk(pattern.url_patterns, route + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            yield route + str(pattern.pattern), namespace, pattern


def ends_at_municipality(model, path):
    if path == "pk":
        return model._meta.label == "goals.Municipality"
    for part in path.split("__"):
        try:
            model = model._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return False
        if model is None:
            return False
    return model._meta.label == "goals.Municipality"


def test_every_model_declares_its_way_to_a_municipality_and_the_way_leads_there():
    undeclared, wrong = [], []
    for model in project_models():
        if not hasattr(model, "municipality_path"):
            undeclared.append(model._meta.label)
        elif model.municipality_path is not None and not ends_at_municipality(
            model, model.municipality_path
        ):
            wrong.append(f"{model._meta.label}: {model.municipality_path}")
    assert not undeclared, f"declare municipality_path (or None) on: {undeclared}"
    assert not wrong, f"these paths do not lead to goals.Municipality: {wrong}"


def test_every_municipality_scoped_admin_is_of_a_model_with_a_path():
    scoped = [m for m, a in site._registry.items() if isinstance(a, ScopedMixin)]
    assert scoped
    assert [m._meta.label for m in scoped if m.municipality_path is None] == []


def test_every_page_whose_address_names_a_row_declares_whose_page_it_is():
    undeclared, wrong = [], []
    ours = {config.name for config in apps.get_app_configs() if ROOT in Path(config.path).parents}
    for route, namespace, pattern in walk(get_resolver().url_patterns):
        module = pattern.callback.__module__
        if route.startswith("admin/") or namespace.split(":")[0] in NOT_PAGES:
            continue
        if module.split(".")[0] not in ours:
            continue
        arguments = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if not arguments:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        try:
            owner = page_owner(pattern.callback)
        except AttributeError:
            undeclared.append(f"{name} ({route})")
            continue
        if owner is not None and owner.argument not in arguments:
            wrong.append(f"{name}: no URL argument {owner.argument!r}")
        elif owner is not None:
            model = apps.get_model(owner.model)
            if model.municipality_path is None:
                wrong.append(f"{name}: {owner.model} belongs to no municipality")
    assert not undeclared, f"declare @municipality_page or @no_municipality_page: {undeclared}"
    assert not wrong, wrong


@pytest.mark.parametrize(
    "field, expected",
    [
        ("goal_area", "strategy"),
        ("goals", "goal_area__strategy"),
        ("strategy_points", "strategy"),
        ("responsible", "municipality"),
        ("partners", "municipality"),
        ("twin_towns", "municipality"),
    ],
)
def test_an_actions_links_come_from_its_strategy_or_municipality_as_the_linked_model_says(
    field, expected
):
    assert Action.plan_link_path(field) == expected
    assert plan_path(Action._meta.get_field(field).related_model) == expected


def test_the_strategy_of_a_row_is_found_from_its_declaration():
    assert strategy_prefix(apps.get_model("actions", "FollowUp")) == "action__strategy__"
    assert strategy_prefix(apps.get_model("goals", "Strategy")) == ""
    assert strategy_prefix(apps.get_model("goals", "Municipality")) is None
