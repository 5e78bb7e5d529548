from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value):
    """A number as the dashboard writes it: localised, no needless decimals, – for none."""
    if value is None or value == "":
        return "–"
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
        places = 0 if number == number.to_integral_value() else 1
        return number_format(number, places, use_l10n=True, force_grouping=True)
    return value


@register.filter
def get(mapping, key):
    return mapping.get(key, 0) if mapping else 0


@register.filter
def percent_of(part, whole):
    return round(100 * part / whole) if whole else 0


@register.simple_tag
def status_segments(row, status_choices):
    """A goal area's (or year's) actions by status, for its status bar: the buckets that
    hold any, with their share in per cent and the link to the actions they count."""
    counts = row.get("by_status") or {}
    urls = row.get("status_urls") or {}
    total = sum(counts.get(key, 0) for key, _label in status_choices)
    return [
        {
            "key": key,
            "label": label,
            "count": counts.get(key, 0),
            "percent": round(100 * counts.get(key, 0) / total, 1),
            "url": urls.get(key, ""),
        }
        for key, label in status_choices
        if counts.get(key, 0)
    ]


@register.simple_tag
def late_in_area(attention, goal_area):
    """How many of the area's actions are late (from the "needs attention" rows)."""
    area_id = goal_area.pk if goal_area is not None else None
    return sum(
        1 for row in attention if "late" in row["keys"] and row["action"].goal_area_id == area_id
    )


@register.simple_tag
def funding_total(funding, currency):
    """External funding of the year in `currency`, and how many sources are in another."""
    amount = sum((row["amount"] for row in funding if row["currency"] == currency), Decimal(0))
    others = sum(1 for row in funding if row["currency"] != currency)
    return {"amount": amount, "others": others}
