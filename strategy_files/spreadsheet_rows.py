"""A plan spreadsheet's rows as strategy-file actions (strategy_files.spreadsheet_import
compares and imports them): each cell read in the municipality's words, English or the
reader's, and every cell's problem named by its row and the sheet's own heading."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from actions.export import FORMULA_START
from goals.models import FIRST_YEAR, LAST_YEAR, Currency

from .spreadsheet import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    all_actions,
    choice_labels,
    headers,
    key_names,
)

LIST_SPLIT = re.compile(r"\s*[;\n]\s*")


def unneutralise(value):
    """Undo `safe_cell`: the apostrophe it put before formula-looking text."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1] in FORMULA_START:
        return value[1:]
    return value


class SheetRows:
    """Turns sheet rows into strategy-file actions, collecting every cell's problem."""

    def __init__(self, strategy, data):
        self.municipality = strategy.municipality
        self.data = data
        self.heading = headers(self.municipality)
        # The sheet's words are the municipality's; English and the reader's are read too.
        self.accepted = choice_labels()
        for language in ("en", self.municipality.language):
            with translation.override(language):
                self.labels = choice_labels()
            for kind, mapping in self.labels.items():
                self.accepted[kind].update(mapping)
        self.names = key_names(data)
        self.errors = []
        self.area_codes = [a["code"] for a in data["strategy"]["goal_areas"]]
        self.current = {action["code"]: action for _area, action in all_actions(data["strategy"])}

    def error(self, row, key, message):
        self.errors.append(
            _("Row %(row)d, column %(column)s: %(message)s")
            % {"row": row, "column": self.heading[key], "message": message}
        )

    def columns(self, header_row):
        """column index -> key, from the header row (the municipality's language, or
        English), or record what is missing or unknown."""
        number, cells = header_row
        known = {self._fold(text): key for key, text in self.heading.items()}
        for language in ("en", self.municipality.language):
            with translation.override(language):
                known.update({self._fold(t): k for k, t in headers(self.municipality).items()})
        found = {}
        for index, cell in enumerate(cells):
            text = self._fold(unneutralise(cell))
            if not text:
                continue
            key = known.get(text)
            if key is None:
                self.errors.append(
                    _("Row %(row)d: the column %(column)s is not one of this plan's columns.")
                    % {"row": number, "column": str(cell)}
                )
            elif key in found.values():
                self.errors.append(
                    _("Row %(row)d: the column %(column)s is given twice.")
                    % {"row": number, "column": str(cell)}
                )
            else:
                found[index] = key
                # Errors name a column as the sheet heads it.
                self.heading[key] = " ".join(str(unneutralise(cell)).split())
        missing = [
            str(self.heading[c.key])
            for c in COLUMNS
            if c.key not in found.values() and c.key not in OPTIONAL_COLUMNS
        ]
        if missing:
            self.errors.append(
                _("The sheet lacks the columns: %(columns)s. Download the template again.")
                % {"columns": ", ".join(missing)}
            )
        return found

    @staticmethod
    def _fold(text):
        return " ".join(str(text or "").split()).casefold()

    def action(self, number, cells):
        """(goal-area code or None, action dict) for one row."""
        text = {key: self._text(value) for key, value in cells.items()}
        code = text["code"]
        if not code:
            self.error(number, "code", _("every row needs a code."))
        area = text["goal_area"] or None
        if area is not None and area not in self.area_codes:
            self.error(
                number,
                "goal_area",
                _("no %(level)s '%(value)s' in this plan — choose one of: %(choices)s.")
                % {
                    "level": self.municipality.label_goal_area,
                    "value": area,
                    "choices": ", ".join(self.area_codes) or "–",
                },
            )
        before = self.current.get(code) or {}
        action = {
            "code": code,
            "title": text["title"],
            "description": text["description"],
            "goals": self._list(text["goals"]),
            "strategy_points": self._list(text["strategy_points"]),
            "responsible": self._key(number, "responsible", text["responsible"]),
            "responsible_note": text["responsible_note"],
            "partners": [self._key(number, "partners", n) for n in self._list(text["partners"])],
            "twin_towns": [
                self._key(number, "twin_towns", n) for n in self._list(text["twin_towns"])
            ],
            "recurrence": self._choice(number, "recurrence", text["recurrence"], "not_stated"),
            "planned_start": self._date(number, "planned_start", cells["planned_start"]),
            "planned_end": self._date(number, "planned_end", cells["planned_end"]),
            "cost": {
                "amount": self._number(number, "cost_amount", cells["cost_amount"]),
                "currency": self._currency(number, text["cost_currency"]),
                # Not a column: kept as it was.
                "note": (before.get("cost") or {}).get("note", ""),
            },
            "estimated_hours": self._number(number, "estimated_hours", cells["estimated_hours"]),
            "status": self._choice(number, "status", text["status"], "planned"),
            "archived": self._choice(number, "archived", text["archived"], False),
            "milestones": before.get("milestones", []),  # not a column: kept
        }
        if "frameworks" in cells:
            action["frameworks"] = self._list(text["frameworks"])
        elif "frameworks" in before:
            action["frameworks"] = before["frameworks"]  # a sheet without the column: kept
        return area, action

    @staticmethod
    def _text(value):
        value = unneutralise(value)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))  # a code typed as 2 is read back as 2.0
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        return str(value).strip()

    @staticmethod
    def _list(text):
        return [part for part in LIST_SPLIT.split(text) if part]

    def _key(self, number, kind, name):
        if not name:
            return None
        names = self.names[kind]
        folded = {self._fold(n): k for k, n in names.items()}
        key = folded.get(self._fold(name)) or (name if name in names else None)
        if key is None:
            what = {
                "responsible": _("no responsible party '%(value)s'"),
                "partners": _("no partner '%(value)s'"),
                "twin_towns": _("no twin town '%(value)s'"),
            }[kind] % {"value": name}
            self.error(
                number,
                kind,
                _("%(what)s — choose one of: %(choices)s.")
                % {"what": what, "choices": ", ".join(names.values()) or "–"},
            )
        return key

    def _choice(self, number, kind, text, default):
        if not text:
            return default
        labels = self.accepted[kind]
        folded = {self._fold(label): value for label, value in labels.items()}
        if self._fold(text) in folded:
            return folded[self._fold(text)]
        if text in {str(v) for v in labels.values()}:  # the stored value, e.g. "yearly"
            return next(v for v in labels.values() if str(v) == text)
        self.error(
            number,
            kind,
            _("'%(value)s' is not a choice here — choose one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(self.labels[kind])},
        )
        return default

    def _currency(self, number, text):
        if not text:
            return None
        if text.upper() in Currency.values:
            return text.upper()
        self.error(
            number,
            "cost_currency",
            _("'%(value)s' is not a currency here — choose one of: %(choices)s.")
            % {"value": text, "choices": ", ".join(Currency.values)},
        )
        return None

    def _date(self, number, key, value):
        value = unneutralise(value)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        # As precise as the plan: a year (2028) or a month (2027-05), as the export writes.
        if re.fullmatch(r"\d{4}", text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
            return int(text)
        month = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if month and FIRST_YEAR <= int(month[1]) <= LAST_YEAR and 1 <= int(month[2]) <= 12:
            return f"{month[1]}-{int(month[2]):02d}"
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(
            number,
            key,
            _(
                "'%(value)s' is not a date — write it as YYYY-MM-DD, e.g. 2026-03-31, "
                "or YYYY-MM for a month or YYYY for a year."
            )
            % {"value": text[:40]},
        )
        return None

    def _number(self, number, key, value):
        value = unneutralise(value)
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, (int, float)):
            return value
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.error(
                number,
                key,
                _("'%(value)s' is not a number — write digits only, e.g. 1500 or 12.5.")
                % {"value": str(value)[:40]},
            )
            return None
        return float(amount) if amount != amount.to_integral_value() else int(amount)
