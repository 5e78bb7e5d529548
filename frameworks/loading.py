"""Loads a framework's data file (frameworks/data/*.yaml) into the database."""

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = ("sdg.yaml", "eu2020.yaml")


def read(name):
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _names(data):
    return {f"name_{code}": data.get("name", {}).get(code, "") for code in ("nb", "nn", "sv", "en")}


def load(data, Framework, FrameworkItem):
    """Creates or updates the framework and its items by code (models passed in, so a
    migration can use its historical ones). Items not in the file are kept."""
    framework, _ = Framework.objects.update_or_create(
        code=data["code"],
        municipality=None,
        defaults={
            **_names(data),
            "source": data.get("source", ""),
            "url": data.get("url", ""),
            "order": data.get("order", 0),
        },
    )
    for order, item in enumerate(data["items"], start=1):
        FrameworkItem.objects.update_or_create(
            framework=framework,
            code=str(item["code"]),
            defaults={**_names(item), "colour": item.get("colour", ""), "order": order},
        )
    return framework


def ensure_shipped(sender=None, using="default", apps=None, **kwargs):
    """Loads the shipped frameworks where none of them is in the database: after
    migrate (a post_migrate receiver) and after `flush`, which empties the tables the
    data migration filled and then sends post_migrate again. One query when present."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Framework = apps.get_model("frameworks", "Framework")
        FrameworkItem = apps.get_model("frameworks", "FrameworkItem")
    except LookupError:
        return
    from django.db import connections

    if Framework._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated only part of the way, before the frameworks app
    shipped = [read(name) for name in SHIPPED]
    present = set(
        Framework.objects.using(using)
        .filter(municipality=None, code__in=[data["code"] for data in shipped])
        .values_list("code", flat=True)
    )
    for data in shipped:
        if data["code"] not in present:
            load(data, Framework, FrameworkItem)
