"""The file's shape: lists of text and codes, values by year, mappings (remembering the
keys the file left out), lists of mappings, and codes unique within a list."""

from difflib import get_close_matches

from django.utils.translation import gettext as _

from .base import OMIT, Code, Field, Number, Text, join, show
from .dates import Year


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
