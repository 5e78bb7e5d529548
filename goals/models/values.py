"""The plan's plain values: the years it may speak of, municipality numbers, countries,
languages and currencies, and dates as precise as the document gives them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The years a plan may speak of. The strategy file's importer accepts the same
# (strategy_files.import_fields.Year), so whatever the admin saves exports and imports back;
# a typo such as 20190 would otherwise stretch every yearly page over eighteen millennia.
FIRST_YEAR, LAST_YEAR = 1800, 2200


def validate_year(value):
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(
            _("%(value)s is not a year: give a year from %(first)s to %(last)s."),
            code="year_out_of_range",
            params={"value": value, "first": FIRST_YEAR, "last": LAST_YEAR},
        )


def validate_municipality_number(value):
    if value and not (len(value) == 4 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("%(value)s is not a municipality number: give its four digits, such as 0301."),
            code="municipality_number",
            params={"value": value},
        )


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    SWEDEN = "SE", _("Sweden")


class Language(models.TextChoices):
    BOKMAAL = "nb", _("Norwegian Bokmål")
    NYNORSK = "nn", _("Norwegian Nynorsk")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class DatePrecision(models.TextChoices):
    """How much of a date the document gives: "april 2012" is a month, not 1 April."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def date_as_written(value, precision, day_format="SHORT_DATE_FORMAT"):
    """A date shown as precisely as the document gives it: "2012", "april 2012" or a day."""
    from django.utils.formats import date_format

    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "F Y")
    return date_format(value, day_format)


def iso_as_written(value, precision):
    """A date as precise as the document, for machines (API, CSV): "2027-05-03", "2027-05"
    (a month) or "2027" (a year); None for no date."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class Currency(models.TextChoices):
    NOK = "NOK", "NOK"
    SEK = "SEK", "SEK"
    EUR = "EUR", "EUR"
