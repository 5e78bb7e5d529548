"""Building blocks for checking a strategy file: each field checks and normalises a value.

A field never raises: it reports every problem to the Checker under the value's path
(`strategy.goal_areas[2].actions[4].responsible`) so one run lists all of them.
Normalised values are what the exporter writes, so import → export round-trips.
"""

import datetime
import re
import reprlib
from decimal import Decimal
from difflib import get_close_matches

from django.utils.translation import gettext as _

from goals.models import FIRST_YEAR, LAST_YEAR

# Marks "leave this key out of the normalised data" (optional municipality fields).
OMIT = object()
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")


def join(path, key):
    return f"{path}.{key}" if path else str(key)


def number_out(value):
    """A Decimal as the file writes it: an integer when whole, otherwise a float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# repr() of a value from a hostile file could be huge (or take minutes, for a structure
# of shared parts): a bounded repr looks at a few items of a few levels only.
_SHORT_REPR = reprlib.Repr(maxlevel=2, maxlist=4, maxdict=4, maxset=4, maxtuple=4, maxstring=60)
_SHORT_REPR.maxother = 60


def show(value):
    """A value quoted for an error message, cut short so a message stays one line."""
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Checker:
    def __init__(self):
        self.errors = []

    def error(self, path, message):
        self.errors.append(f"{path}: {message}")


class Field:
    def __init__(self, *, required=False, default=None):
        self.required = required
        self.default = default

    def check(self, ck, value, path):
        raise NotImplementedError


def _encodable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class Text(Field):
    """Text; `max_length` is the model field's, `numbers` accepts 2 for "2" (versions)."""

    def __init__(self, max_length=None, *, numbers=False, one_line=False, **kwargs):
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)
        self.max_length = max_length
        self.numbers = numbers
        self.one_line = one_line

    def check(self, ck, value, path):
        if value is None and not self.required:
            return ""
        if self.numbers and _is_int(value):
            value = str(value)
        if not isinstance(value, str):
            ck.error(path, _("must be text, not %(value)s") % {"value": show(value)})
            return None
        value = value.strip()
        if "\x00" in value:
            # PostgreSQL cannot store it, and no one means it.
            ck.error(path, _("must not contain NUL characters (\\0)"))
            return None
        if not _encodable(value):
            ck.error(path, _("contains characters that are not valid Unicode (lone surrogates)"))
            return None
        if self.required and not value:
            ck.error(path, _("must not be empty"))
            return None
        if self.one_line and "\n" in value:
            ck.error(path, _("must be one line of text"))
            return None
        if self.max_length and len(value) > self.max_length:
            ck.error(
                path,
                _("is %(length)d characters long, at most %(max)d are allowed")
                % {"length": len(value), "max": self.max_length},
            )
            return None
        return value


class Code(Text):
    """A code such as "1.1" or "H3"; an unquoted whole number is read as its digits."""

    def __init__(self, max_length=20, **kwargs):
        kwargs.setdefault("required", True)
        super().__init__(max_length, numbers=True, one_line=True, **kwargs)

    def check(self, ck, value, path):
        if isinstance(value, float):
            ck.error(path, _("write the code %(value)s in quotes") % {"value": show(value)})
            return None
        if value is None and not self.required:
            return None
        return super().check(ck, value, path)


class Key(Field):
    """A key or slug: letters, digits, hyphens and underscores."""

    def __init__(self, max_length=50, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def check(self, ck, value, path):
        if value is None and not self.required:
            return None
        # fullmatch: `$` alone would let a trailing newline through.
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
            ck.error(
                path,
                _("%(value)s is not a valid key (use letters, digits, - and _)")
                % {"value": show(value)},
            )
            return None
        if len(value) > self.max_length:
            ck.error(path, _("is longer than %(max)d characters") % {"max": self.max_length})
            return None
        return value


class Choice(Field):
    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = [value for value, _label in choices]
        self.nullable = kwargs.get("default", "x") is None

    def check(self, ck, value, path):
        if value is None and self.nullable:
            return None
        if value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            ck.error(
                path,
                _("%(value)s is not one of %(allowed)s")
                % {"value": show(value), "allowed": allowed},
            )
            return None
        return value


class MunicipalityNumber(Field):
    """The official four-digit number (kommunenummer, kommunkod) in quotes, or "" for none:
    an unquoted 0301 is an octal or a number to YAML, and its leading zero would be lost."""

    def check(self, ck, value, path):
        if value is None or value == "":
            return ""
        if _is_int(value):
            ck.error(path, _('write the municipality number in quotes, such as "0301"'))
            return None
        if not (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()):
            ck.error(
                path,
                _("%(value)s is not a municipality number: give its four digits, such as 0301.")
                % {"value": show(value)},
            )
            return None
        return value


class Bool(Field):
    def check(self, ck, value, path):
        if not isinstance(value, bool):
            ck.error(path, _("must be true or false, not %(value)s") % {"value": show(value)})
            return None
        return value


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


class Number(Field):
    """A decimal amount: a number, or a string of digits with a decimal point."""

    def __init__(self, max_digits=14, decimal_places=2, *, minimum=None, **kwargs):
        super().__init__(**kwargs)
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self.minimum = minimum

    def parse(self, ck, value, path):
        if value is None and not self.required:
            return None
        amount = None
        if _is_int(value) or isinstance(value, float):
            amount = Decimal(str(value))
        elif isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
            amount = Decimal(value.strip())
        if amount is None or not amount.is_finite():
            ck.error(
                path,
                _("%(value)s is not an amount (digits and a decimal point, no spaces)")
                % {"value": show(value)},
            )
            return None
        if self.minimum is not None and amount < self.minimum:
            ck.error(path, _("must not be negative"))
            return None
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimal_places:
            ck.error(
                path,
                _("has more than %(places)d decimals") % {"places": self.decimal_places},
            )
            return None
        if abs(amount) >= Decimal(10) ** (self.max_digits - self.decimal_places):
            ck.error(path, _("%(value)s is too large") % {"value": show(value)})
            return None
        return amount

    def check(self, ck, value, path):
        return number_out(self.parse(ck, value, path))


class TextList(Field):
    """Lines (duties, cooperation): a list of one-line texts, stored one per line.

    `max_length` is the model field's, for the lines joined as they are stored."""

    def __init__(self, max_length=None, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(**kwargs)
        self.max_length = max_length

    def check(self, ck, value, path):
        if value is None:
            return []
        if not isinstance(value, list):
            ck.error(path, _("must be a list of texts"))
            return None
        lines = []
        for index, item in enumerate(value):
            line = Text(required=True, one_line=True).check(ck, item, f"{path}[{index}]")
            if line is not None:
                lines.append(line)
        length = len("\n".join(lines))
        if self.max_length and length > self.max_length:
            ck.error(
                path,
                _("is %(length)d characters long, at most %(max)d are allowed")
                % {"length": length, "max": self.max_length},
            )
            return None
        return lines


class CodeList(Field):
    """References by code or key: `goals: ["1.1", "1.2"]`."""

    def __init__(self, item=None, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(**kwargs)
        self.item = item or Code()

    def check(self, ck, value, path):
        if value is None:
            return []
        if not isinstance(value, list):
            ck.error(path, _("must be a list"))
            return None
        codes = []
        for index, item in enumerate(value):
            code = self.item.check(ck, item, f"{path}[{index}]")
            if code is None:
                continue
            if code in codes:
                ck.error(f"{path}[{index}]", _("%(code)s is listed twice") % {"code": show(code)})
                continue
            codes.append(code)
        return codes


class YearValues(Field):
    """Indicator values by year: `{2017: 2, 2018: 3}`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", {})
        super().__init__(**kwargs)

    def check(self, ck, value, path):
        if value is None:
            return {}
        if not isinstance(value, dict):
            ck.error(path, _("must be a mapping of year to value"))
            return None
        values = {}
        for raw_year, raw in value.items():
            year = int(raw_year) if isinstance(raw_year, str) and raw_year.isdigit() else raw_year
            item_path = f"{path}.{raw_year}"
            year = Year(required=True).check(ck, year, item_path)
            number = Number(required=True).check(ck, raw, item_path)
            if year is not None and number is not None:
                if year in values:
                    ck.error(item_path, _("the year %(year)d is given twice") % {"year": year})
                values[year] = number
        return dict(sorted(values.items()))


class Stated(dict):
    """A mapping's normalised data that remembers the keys the file left out.

    Defaults are filled in (the export writes every key), but a re-import must not
    overwrite what the file is silent about: the writer skips the keys in `omitted`.
    Compares equal to a plain dict with the same items."""

    def __init__(self, items=(), omitted=()):
        super().__init__(items)
        self.omitted = set(omitted)


def omitted(data):
    """The keys a file left out of `data` (none for data not read by a tracking Mapping)."""
    return getattr(data, "omitted", set())


class Mapping(Field):
    """A mapping with known keys; unknown keys are errors, so a typo never loses data.

    With `track_omitted` the result is a `Stated`, naming the keys the file left out."""

    def __init__(self, fields, *, track_omitted=False, **kwargs):
        super().__init__(**kwargs)
        self.fields = fields
        self.track_omitted = track_omitted

    def check(self, ck, value, path):
        if not isinstance(value, dict):
            ck.error(path or "file", _("must be a mapping of keys to values"))
            return None
        for key in value:
            if key not in self.fields:
                message = _("unknown key %(key)s") % {"key": show(key)}
                close = get_close_matches(str(key), list(self.fields), n=1)
                if close:
                    message += " " + _("(did you mean %(key)r?)") % {"key": close[0]}
                ck.error(join(path, key), message)
        result = {}
        for key, field in self.fields.items():
            if key not in value:
                if field.required:
                    ck.error(join(path, key), _("is required"))
                    result[key] = None
                elif field.default is not OMIT:
                    default = field.default
                    result[key] = list(default) if isinstance(default, list) else default
                    if isinstance(default, dict):
                        result[key] = dict(default)
                continue
            result[key] = field.check(ck, value[key], join(path, key))
        if self.track_omitted:
            return Stated(result, omitted=[key for key in self.fields if key not in value])
        return result


class ListOf(Field):
    def __init__(self, item, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(**kwargs)
        self.item = item

    def check(self, ck, value, path):
        if value is None:
            return []
        if not isinstance(value, list):
            ck.error(path, _("must be a list"))
            return []
        items = []
        for index, raw in enumerate(value):
            item = self.item.check(ck, raw, f"{path}[{index}]")
            items.append(item if item is not None else {})
        return items


def check_unique(ck, items, path, key="code", label=None):
    """Report each repeated code or key in a list, naming both places."""
    seen = {}
    for index, item in enumerate(items):
        value = item.get(key)
        if value is None:
            continue
        where = f"{path}[{index}].{key}"
        if value in seen:
            ck.error(
                where,
                _("duplicate %(what)s %(value)s (also at %(other)s)")
                % {"what": label or key, "value": show(value), "other": seen[value]},
            )
        else:
            seen[value] = where
    return seen
