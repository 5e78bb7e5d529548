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
