"""Loads a framework's data file (frameworks/data/*.yaml) into the database."""

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = ("sdg.yaml", "eu2020.yaml")
# The targets under each goal of a shipped framework (the SDGs' 169): framework code ->
# data file. English only (see the file's header).
TARGETS = {"sdg": "sdg_targets.yaml"}


def read(name):
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _names(data):
    return {f"name_{code}": data.get("name", {}).get(code, "") for code in ("nb", "nn", "sv", "en")}


def load(data, Framework, FrameworkItem, *, targets=False):
    """Creates or updates the framework and its items by code (models passed in, so a
    migration can use its historical ones). Items not in the file are kept. With
    `targets`, also the targets under its goals (TARGETS), once the database can hold
    their long texts (frameworks/migrations/0004)."""
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
    if targets and data["code"] in TARGETS:
        load_targets(read(TARGETS[data["code"]]), framework, FrameworkItem)
    return framework


def load_targets(data, framework, FrameworkItem):
    """The targets under their goals, by code ("11.1" under "11"): ordered after all the
    goals, each goal's in the file's order (goal 11's from 1101), so a list by `order`
    keeps them together."""
    goals = {item.code: item for item in FrameworkItem.objects.filter(framework=framework)}
    for goal_code, texts in data["targets"].items():
        goal = goals[str(goal_code)]
        for number, (code, text) in enumerate(texts.items(), start=1):
            FrameworkItem.objects.update_or_create(
                framework=framework,
                code=str(code),
                defaults={"parent": goal, "name_en": text, "order": goal.order * 100 + number},
                # English only: no other language's name is invented. A reload (after a
                # target was deleted) keeps the names an administrator has given since.
                create_defaults={
                    "parent": goal,
                    "name_en": text,
                    "order": goal.order * 100 + number,
                    "name_nb": "",
                    "name_nn": "",
                    "name_sv": "",
                },
            )


def expected_items(data):
    """How many items the shipped file and its targets give the framework."""
    count = len(data["items"])
    if data["code"] in TARGETS:
        count += sum(len(texts) for texts in read(TARGETS[data["code"]])["targets"].values())
    return count


def ensure_shipped(sender=None, using="default", apps=None, **kwargs):
    """Loads the shipped frameworks where they are missing or have fewer items than
    shipped (the SDGs' targets, added later; a restored archive made before them): after
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
    from django.db.models import Count

    shipped = [read(name) for name in SHIPPED]
    present = dict(
        Framework.objects.using(using)
        .filter(municipality=None, code__in=[data["code"] for data in shipped])
        .annotate(n=Count("items"))
        .values_list("code", "n")
    )
    for data in shipped:
        if present.get(data["code"], 0) < expected_items(data):
            load(data, Framework, FrameworkItem, targets=True)
