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
