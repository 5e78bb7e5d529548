"""The checker, the field every check builds on, and the plain values: text, codes, keys,
choices, municipality numbers, true/false and amounts."""

import re
import reprlib
from decimal import Decimal

from django.utils.translation import gettext as _

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
