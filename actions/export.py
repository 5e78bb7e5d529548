"""CSV export of the plan screen's filtered list, safe to open in a spreadsheet."""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from goals.models import iso_as_written

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV
# injection); a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# A plain number ("-1500", "-12,5") is read as a number, not run: it stays as it is.
PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def safe_cell(value):
    """The one neutraliser for every cell a spreadsheet will open, headings included."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


class SafeWriter:
    """csv.writer whose every row (headings too: a goal-area label is set by the
    municipality, or by an import file) goes through `safe_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])


# Norwegian and Swedish Excel use the decimal comma, so their list separator (what a
# double-clicked CSV is split on) is the semicolon; English keeps comma and point.
DECIMAL_COMMA_LANGUAGES = ("nb", "nn", "sv")


def spreadsheet_dialect(language):
    """(column separator, decimal mark) a spreadsheet in `language` opens cleanly."""
    if (language or "").split("-")[0] in DECIMAL_COMMA_LANGUAGES:
        return ";", ","
    return ",", "."


def number_cell(value, decimal_mark):
    if value is None:
        return ""
    return str(value).replace(".", decimal_mark) if isinstance(value, Decimal) else str(value)


def actions_csv(actions, strategy):
    municipality = strategy.municipality
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{strategy.slug}-actions.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    delimiter, decimal_mark = spreadsheet_dialect(get_language())
    writer = SafeWriter(response, delimiter=delimiter)
    writer.writerow(
        [
            _("Code"),
            municipality.label_goal_area,
            _("Title"),
            _("Responsible"),
            _("Status"),
            _("Recurrence"),
            _("Planned start"),
            _("Planned end"),
            _("Estimated cost"),
            _("Currency"),
            _("Partners"),
            _("Twin towns"),
            _("Late"),
            _("Archived"),
        ]
    )
    for action in actions:
        writer.writerow(
            [
                action.code,
                # Plan-wide actions (Tranås) belong to no goal area.
                action.goal_area.title if action.goal_area else _("Whole plan"),
                action.title,
                action.responsible.name if action.responsible else action.responsible_note,
                action.get_status_display(),
                action.get_recurrence_display(),
                # As precise as the plan: 2027-05-03, 2027-05 or 2027.
                iso_as_written(action.planned_start, action.planned_start_precision) or "",
                iso_as_written(action.planned_end, action.planned_end_precision) or "",
                number_cell(action.cost_amount, decimal_mark),
                action.cost_currency,
                "; ".join(p.name for p in action.partners.all()),
                "; ".join(t.name for t in action.twin_towns.all()),
                _("yes") if action.is_late else _("no"),
                _("yes") if action.is_archived else _("no"),
            ]
        )
    return response
