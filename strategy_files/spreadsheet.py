"""The action plan as a spreadsheet (.xlsx): one row per action, for coordinators who keep
their plan in Excel (docs/spreadsheet.md).

The workbook is the strategy file's actions (`exporter.export_strategy`) laid out as rows,
and an upload is turned back into a strategy file (`spreadsheet_import`), so both ways go
through the one importer with all its rules. Every text cell goes through `safe_cell`,
the neutraliser the CSV export uses.
"""

import hashlib
import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from actions.export import safe_cell
from actions.models import Action
from goals.models import Currency

from .exporter import dump_json, export_strategy
from .spreadsheet_figures import (
    add_follow_up_sheets,
    add_indicator_sheet,
    follow_ups_for,
    money_format,
)

SPREADSHEET_FORMAT = "strategy-portal-xlsx/1"
PLAN_SHEET = "plan"  # the sheet's title is translated; the import finds it by position
META_SHEET = "portal"
LISTS_SHEET = "lists"
SEPARATOR = "; "  # between the codes or names of a list cell (goals, partners…)
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    key: str  # the action's key in the strategy file, or a made-up one for the goal area
    width: int = 16


COLUMNS = [
    Column("goal_area", 12),
    Column("code", 10),
    Column("title", 40),
    Column("description", 50),
    Column("goals", 14),
    Column("strategy_points", 14),
    Column("responsible", 24),
    Column("responsible_note", 24),
    Column("partners", 24),
    Column("twin_towns", 24),
    Column("recurrence", 16),
    Column("planned_start", 13),
    Column("planned_end", 13),
    Column("cost_amount", 16),
    Column("cost_currency", 10),
    Column("estimated_hours", 12),
    Column("status", 14),
    Column("archived", 10),
    # Last, and optional on upload: a sheet from before it keeps its actions' links.
    Column("frameworks", 18),
]
# Columns an uploaded sheet may lack; the actions then keep what they have.
OPTIONAL_COLUMNS = {"frameworks"}


def headers(municipality):
    """The column headings in the active language, with the municipality's level names."""
    code = _("code")
    return {
        "goal_area": f"{municipality.label_goal_area} ({code})",
        "code": f"{municipality.label_action} ({code})",
        "title": _("Title"),
        "description": _("Description"),
        "goals": f"{municipality.label_goal} ({code})",
        "strategy_points": f"{municipality.label_strategy_point} ({code})",
        "responsible": _("Responsible"),
        "responsible_note": str(capfirst(Action._meta.get_field("responsible_note").verbose_name)),
        "partners": _("Partners"),
        "twin_towns": _("Twin towns"),
        "recurrence": _("Recurrence"),
        "planned_start": _("Planned start"),
        "planned_end": _("Planned end"),
        "cost_amount": _("Estimated cost"),
        "cost_currency": _("Currency"),
        "estimated_hours": _("Estimated hours"),
        "status": _("Status"),
        "archived": _("Archived"),
        "frameworks": f"{_('Frameworks')} ({code})",
    }


def choice_labels():
    """Recurrence, status and yes/no as the sheet shows them (active language) -> value."""
    return {
        "recurrence": {str(label): value for value, label in Action.Recurrence.choices},
        "status": {str(label): value for value, label in Action.Status.choices},
        "archived": {_("yes"): True, _("no"): False},
    }


def plan_fingerprint(data):
    """A short digest of a strategy file's data: differs as soon as the plan changed."""
    return hashlib.sha256(dump_json(data).encode()).hexdigest()[:20]


def all_actions(plan):
    """(goal-area code or None, action dict) for every action of the strategy file's plan,
    in the file's order."""
    for area in plan["goal_areas"]:
        for action in area["actions"]:
            yield area["code"], action
    for action in plan["actions"]:
        yield None, action


def action_cells(area_code, action, names, labels):
    """One action as the plan sheet's row, keyed like COLUMNS."""
    by_value = {kind: {v: k for k, v in mapping.items()} for kind, mapping in labels.items()}
    return {
        "goal_area": area_code or "",
        "code": action["code"],
        "title": action["title"],
        "description": action["description"],
        "goals": SEPARATOR.join(action["goals"]),
        "strategy_points": SEPARATOR.join(action["strategy_points"]),
        "responsible": names["responsible"].get(action["responsible"], ""),
        "responsible_note": action["responsible_note"],
        "partners": SEPARATOR.join(names["partners"].get(k, k) for k in action["partners"]),
        "twin_towns": SEPARATOR.join(names["twin_towns"].get(k, k) for k in action["twin_towns"]),
        "recurrence": by_value["recurrence"][action["recurrence"]],
        "planned_start": _partial_cell(action["planned_start"]),
        "planned_end": _partial_cell(action["planned_end"]),
        "cost_amount": action["cost"]["amount"],
        "cost_currency": action["cost"]["currency"] or "",
        "estimated_hours": action["estimated_hours"],
        "status": by_value["status"][action["status"]],
        "archived": by_value["archived"][action["archived"]],
        # The framework items' codes, as in the strategy file (sdg-11; eu2020-3).
        "frameworks": SEPARATOR.join(action.get("frameworks") or []),
    }


def _partial_cell(value):
    """A day stays a date cell; "2027-05" (a month) and 2028 (a year) are text, as written,
    so that no spreadsheet turns the year into a day in 1905."""
    if isinstance(value, int):
        return str(value)
    return value


def key_names(data):
    """key -> name of the municipality's responsible parties, partners and twin towns."""
    return {
        "responsible": {p["key"]: p["name"] for p in data["responsible_parties"]},
        "partners": {p["key"]: p["name"] for p in data["partners"]},
        "twin_towns": {t["key"]: t["name"] for t in data["twin_towns"]},
    }


def _text(value):
    """A cell value: text neutralised (a title "=HYPERLINK(…)" stays text), numbers and
    dates as themselves, so the spreadsheet can sum and sort them."""
    if isinstance(value, str):
        return safe_cell(value)
    return value


def plan_workbook(strategy, *, public=False):
    """The action plan of `strategy` as .xlsx bytes, in the municipality's language, with a
    sheet per year of follow-ups and one of indicators. Constant queries.

    `public`: what the public page shows — no archived action, approved real follow-ups
    only, and no version sheet (the public workbook is for reading, not for uploading)."""
    municipality = strategy.municipality
    data = export_strategy(strategy)
    version = plan_fingerprint(data)
    if public:
        data = _without_archived(data)
    with translation.override(municipality.language):
        workbook = Workbook()
        plan = workbook.active
        plan.title = _("Action plan")[:31]
        lists = workbook.create_sheet(LISTS_SHEET)
        _fill_plan(plan, lists, data, municipality)
        _fill_instructions(workbook.create_sheet(_("Instructions")[:31]), data, municipality)
        follow_ups = follow_ups_for(strategy, public=public)
        add_follow_up_sheets(workbook, follow_ups, municipality, public=public)
        add_indicator_sheet(workbook, strategy, public=public)
        if not public:
            meta = workbook.create_sheet(META_SHEET)
            meta.append(["format", SPREADSHEET_FORMAT])
            meta.append(["strategy", strategy.slug])
            meta.append(["version", version])
            meta.sheet_state = "hidden"
        lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _without_archived(data):
    plan = data["strategy"]
    areas = [
        {**area, "actions": [a for a in area["actions"] if not a["archived"]]}
        for area in plan["goal_areas"]
    ]
    plan_wide = [a for a in plan["actions"] if not a["archived"]]
    return {**data, "strategy": {**plan, "goal_areas": areas, "actions": plan_wide}}


def _fill_plan(sheet, lists, data, municipality):
    heading = headers(municipality)
    labels = choice_labels()
    names = key_names(data)
    sheet.append([safe_cell(heading[c.key]) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = 1
    for area_code, action in all_actions(data["strategy"]):
        cells = action_cells(area_code, action, names, labels)
        sheet.append([_text(cells[c.key]) for c in COLUMNS])
        rows += 1
    position = {c.key: index + 1 for index, c in enumerate(COLUMNS)}
    money = money_format(municipality.currency)
    for key, number_format in [
        ("planned_start", DATE_FORMAT),
        ("planned_end", DATE_FORMAT),
        ("cost_amount", money),
        ("estimated_hours", "0.0"),
    ]:
        for (cell,) in sheet.iter_rows(
            min_row=2, max_row=rows, min_col=position[key], max_col=position[key]
        ):
            # A month or year written as text stays text when it is edited.
            cell.number_format = "@" if isinstance(cell.value, str) else number_format
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{rows}"
    choices = {
        "goal_area": [a["code"] for a in data["strategy"]["goal_areas"]],
        "responsible": list(names["responsible"].values()),
        "recurrence": list(labels["recurrence"]),
        "status": list(labels["status"]),
        "cost_currency": [c.value for c in Currency],
        "archived": list(labels["archived"]),
    }
    _validations(sheet, lists, choices, position)


# Room for rows a coordinator adds below the exported ones: validations cover them too.
VALIDATED_ROWS = 2000


def _validations(sheet, lists, choices, position):
    """Drop-downs reading their values from the hidden lists sheet (an inline list is
    limited to 255 characters, too few for a municipality's departments)."""
    for index, (key, values) in enumerate(choices.items(), start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=index, value=safe_cell(value))
        if not values:
            continue
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.error = _("Choose a value from the list.")
        validation.showErrorMessage = True
        column = get_column_letter(position[key])
        validation.add(f"{column}2:{column}{VALIDATED_ROWS}")
        sheet.add_data_validation(validation)


def _fill_instructions(sheet, data, municipality):
    heading = headers(municipality)
    lines = [
        _("How to fill in this workbook"),
        "",
        _(
            "One row per action. Change cells, add rows or remove rows, then upload the "
            "workbook on the action plan page: you see every change before it is saved."
        ),
        _(
            "An action is known by its code: a row with a new code adds an action; an action "
            "whose row is removed is deleted, or archived if it has follow-ups."
        ),
        _(
            "Lists (goals, strategy points, partners, twin towns) are separated by "
            "semicolons. Dates as dates (YYYY-MM-DD), amounts as plain numbers."
        ),
        _(
            "Planned start and end: a date, or where the plan gives no day a month (2027-05) "
            "or a year (2028) as text; a start counts from the period's first day, an end "
            "until its last."
        ),
        _("Formulas are not read: type values."),
        _(
            "Frameworks: the codes of the goals an action contributes to, separated by "
            "semicolons, e.g. sdg-11; sdg-17 (the UN Sustainable Development Goals) or "
            "eu2020-3 (Europa 2020). An empty cell removes the action's links."
        ),
        "",
        heading["goal_area"],
    ]
    lines += [f"{area['code']}: {area['title']}" for area in data["strategy"]["goal_areas"]]
    for line in lines:
        sheet.append([safe_cell(line)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    # A guard against slips, not security: there is no password.
    sheet.protection.sheet = True
