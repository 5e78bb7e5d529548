"""Years and dates as precise as the document gives them (a day, a month or a year), and
the year a twin-town relation began (exact, or "about 1950"); with their conversions to
the database's (date, precision) and back to the file."""

import datetime
import re

from django.utils.translation import gettext as _

from goals.models import FIRST_YEAR, LAST_YEAR

from .base import Field, _is_int, show


class Year(Field):
    def check(self, ck, value, path):
        if value is None and not self.required:
            return None
        if not _is_int(value) or not FIRST_YEAR <= value <= LAST_YEAR:
            ck.error(
                path,
                _("%(value)s is not a year: give a year from %(first)s to %(last)s.")
                % {"value": show(value), "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return None
        return value


class Date(Field):
    def check(self, ck, value, path):
        if value is None and not self.required:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        ck.error(path, _("%(value)s is not a valid date (YYYY-MM-DD)") % {"value": show(value)})
        return None


class PartialDate(Field):
    """A date as precise as the document: `2012-04-23`, `2012-04` (a month) or `2012` (a
    year). Normalised to a date, "YYYY-MM" text or a year, as the exporter writes them."""

    def check(self, ck, value, path):
        if value is None and not self.required:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if _is_int(value) and FIRST_YEAR <= value <= LAST_YEAR:
            return value
        if isinstance(value, str):
            if re.fullmatch(r"\d{4}", value) and FIRST_YEAR <= int(value) <= LAST_YEAR:
                return int(value)
            match = re.fullmatch(r"(\d{4})-(\d{2})", value)
            if match and FIRST_YEAR <= int(match[1]) <= LAST_YEAR and 1 <= int(match[2]) <= 12:
                return value
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                try:
                    return datetime.date.fromisoformat(value)
                except ValueError:
                    pass
        ck.error(
            path,
            _("%(value)s is not a valid date (YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)")
            % {"value": show(value)},
        )
        return None


def partial_date(value):
    """(date, precision) for the database from a checked PartialDate value."""
    if value is None:
        return None, "day"
    if isinstance(value, int):
        return datetime.date(value, 1, 1), "year"
    if isinstance(value, str):
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1), "month"
    return value, "day"


def partial_deadline(value):
    """(date, precision) for a deadline: "2027-05" is due by the end of May 2027, so its
    stored day is the last of the period it names (never late before that)."""
    date, precision = partial_date(value)
    if precision == "year":
        return datetime.date(date.year, 12, 31), precision
    if precision == "month":
        next_month = (date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return next_month - datetime.timedelta(days=1), precision
    return date, precision


def partial_out(date, precision):
    """A stored date as the file writes it: the inverse of `partial_date`."""
    if date is None:
        return None
    if precision == "year":
        return date.year
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return date


ABOUT = "about"


class Since(Field):
    """The year a twin-town relation began: `1986`, or `about 1950` where the document is
    vague ("over 70 years ago"). Normalised to the year or the text "about YYYY"."""

    def check(self, ck, value, path):
        if value is None and not self.required:
            return None
        if _is_int(value) and FIRST_YEAR <= value <= LAST_YEAR:
            return value
        if isinstance(value, str):
            match = re.fullmatch(rf"{ABOUT}\s+(\d{{4}})", value.strip())
            if match and FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
                return f"{ABOUT} {match[1]}"
        ck.error(
            path,
            _(
                '%(value)s is not a year (a whole number such as 1986, or "about 1950" '
                "where the document gives no exact year)"
            )
            % {"value": show(value)},
        )
        return None


def since_fields(value):
    """(since, since_approximate) for the database from a checked Since value."""
    if isinstance(value, str):
        return int(value.split()[-1]), True
    return value, False


def since_out(year, approximate):
    if year is None:
        return None
    return f"{ABOUT} {year}" if approximate else year
