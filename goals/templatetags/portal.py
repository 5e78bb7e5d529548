"""Formatting shared by every app's templates: money and numbers in the local format, long
plain texts as paragraphs and lists."""

from django import template
from django.utils.formats import number_format

from goals.plain_text import to_html

register = template.Library()

# Norwegian and Swedish write their crowns the same way: "1 234,50 kr".
SYMBOLS = {"NOK": "kr", "SEK": "kr", "EUR": "€"}


@register.filter
def money(amount, currency=""):
    """1 234,50 kr in nb/nn/sv (thousands grouped, decimal comma), 1,234.50 kr in en."""
    if amount is None or amount == "":
        return "–"
    text = number_format(amount, decimal_pos=2, force_grouping=True)
    symbol = SYMBOLS.get(currency, currency)
    return f"{text}\u00a0{symbol}" if symbol else text


@register.filter
def amount(value, decimals=0):
    """A grouped number (hours, counts): 1 480 or 1 480,5."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=int(decimals), force_grouping=True)


@register.filter(is_safe=False)
def plain_text(text):
    """A long plain text as paragraphs, line breaks and simple lists, always escaped
    (goals.plain_text: the same reading the annual report and its Word version use)."""
    return to_html("" if text is None else str(text))
