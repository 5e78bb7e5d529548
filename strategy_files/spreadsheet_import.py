"""A filled-in plan spreadsheet as a strategy file: the strategy's current export with its
actions replaced by the sheet's rows, imported by the one strategy importer (its checks,
all-or-nothing writing and history included).

Every problem names its row and column in the sheet's own headings; an importer error on
an action's field is traced back to the row and column it came from.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .exporter import export_strategy
from .importer import StrategyFileError, run_import
from .spreadsheet import (
    COLUMNS,
    SPREADSHEET_FORMAT,
    action_cells,
    all_actions,
    plan_fingerprint,
)
from .spreadsheet_read import FormulaCells, SpreadsheetError, read_upload
from .spreadsheet_rows import SheetRows

ERROR_PATH = re.compile(
    r"^strategy\.(?:goal_areas\[(?P<area>\d+)\]\.)?actions\[(?P<action>\d+)\]"
    r"(?:\.(?P<field>[\w.]+?))?(?:\[\d+\])?: (?P<message>.*)$",
    re.S,
)
FIELD_COLUMN = {"cost.amount": "cost_amount", "cost.currency": "cost_currency"}


@dataclass
class Change:
    row: int | None
    code: str
    title: str
    kind: str  # added | changed | removed
    fields: list = field(default_factory=list)  # [(heading, old, new)]


@dataclass
class Preview:
    strategy: object
    version: str  # the plan's fingerprint when the preview was made
    actions: list  # [(goal-area code or None, action dict)], for the confirm step
    changes: list
    summary_lines: list
    errors: list

    @property
    def has_changes(self):
        return bool(self.changes)


def preview(strategy, upload, *, user=None):
    """What importing the uploaded sheet would change, or every problem it has. Writes
    nothing (the importer's dry run)."""
    data = export_strategy(strategy)
    version = plan_fingerprint(data)
    rows = SheetRows(strategy, data)
    empty = Preview(strategy, version, [], [], [], [])
    try:
        sheet, meta = read_upload(upload)
    except FormulaCells as formulas:
        columns = rows.columns(formulas.rows[0]) if formulas.rows else {}
        for number, index in formulas.cells:
            key = columns.get(index)
            if key:
                rows.error(number, key, _("a formula — type the value instead."))
            else:
                rows.errors.append(
                    _("Row %(row)d: a formula — type the value instead.") % {"row": number}
                )
        empty.errors = rows.errors
        return empty
    except SpreadsheetError as exc:
        empty.errors = exc.errors
        return empty
    empty.errors = _check_meta(meta, strategy, version)
    if empty.errors:
        return empty
    if not sheet:
        empty.errors = [_("The sheet is empty.")]
        return empty
    columns = rows.columns(sheet[0])
    if rows.errors:
        empty.errors = rows.errors
        return empty
    actions, row_of = [], {}
    for number, values in sheet[1:]:
        cells = {key: (values[i] if i < len(values) else None) for i, key in columns.items()}
        area, action = rows.action(number, cells)
        actions.append((area, action))
        row_of[action["code"]] = number
    result = Preview(strategy, version, actions, [], [], rows.errors)
    if rows.errors:
        return result
    try:
        outcome = run_import(with_actions(data, actions), user=user, dry_run=True)
    except StrategyFileError as exc:
        result.errors = _locate(exc.errors, data, actions, row_of, rows)
        return result
    result.changes = _changes(data, actions, row_of, rows)
    result.summary_lines = outcome.summary.lines() if result.changes else []
    return result


def _check_meta(meta, strategy, version):
    if not meta:
        return []  # a CSV, or a workbook made elsewhere: nothing to compare
    if meta.get("format") != SPREADSHEET_FORMAT or meta.get("strategy") != strategy.slug:
        return [_("This workbook belongs to another strategy: download this plan's template.")]
    if meta.get("version") != version:
        return [
            _(
                "The plan has changed since this workbook was downloaded: download it again "
                "and make your changes there, so that no one else's changes are undone."
            )
        ]
    return []


def with_actions(data, actions):
    """The strategy file `data` with its actions replaced by `actions`."""
    plan = data["strategy"]
    by_area = {area["code"]: [] for area in plan["goal_areas"]}
    plan_wide = []
    for area, action in actions:
        (by_area[area] if area is not None else plan_wide).append(action)
    goal_areas = [{**area, "actions": by_area[area["code"]]} for area in plan["goal_areas"]]
    return {**data, "strategy": {**plan, "goal_areas": goal_areas, "actions": plan_wide}}


def _locate(errors, data, actions, row_of, rows):
    """Importer errors on an action's field, as "Row n, column x: …"."""
    placed = with_actions(data, actions)["strategy"]
    result = []
    for error in errors:
        match = ERROR_PATH.match(error)
        if not match:
            result.append(error)
            continue
        area = match["area"]
        listed = placed["goal_areas"][int(area)]["actions"] if area else placed["actions"]
        index = int(match["action"])
        number = row_of.get(listed[index]["code"]) if index < len(listed) else None
        key = FIELD_COLUMN.get(match["field"] or "", match["field"] or "code")
        if number is None or key not in rows.heading:
            result.append(error)
            continue
        rows.errors = []
        rows.error(number, key, match["message"])
        result.extend(rows.errors)
    return result


def _changes(data, actions, row_of, rows):
    """Per action: added, changed (heading, old, new) or removed, as the sheet shows them."""
    old = {action["code"]: (area, action) for area, action in all_actions(data["strategy"])}
    show = {}
    changes = []
    for area, action in actions:
        code = action["code"]
        new_cells = action_cells(area, action, rows.names, rows.labels)
        show[code] = new_cells
        if code not in old:
            changes.append(Change(row_of.get(code), code, action["title"], "added"))
            continue
        old_cells = action_cells(*old[code], rows.names, rows.labels)
        diff = [
            (rows.heading[c.key], _shown(old_cells[c.key]), _shown(new_cells[c.key]))
            for c in COLUMNS
            if _shown(old_cells[c.key]) != _shown(new_cells[c.key])
        ]
        if diff:
            changes.append(Change(row_of.get(code), code, action["title"], "changed", diff))
    for code, (_area, action) in old.items():
        if code not in show:
            changes.append(Change(None, code, action["title"], "removed"))
    return changes


def _shown(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def apply(strategy, actions, version, *, user):
    """Import the previewed actions, unless the plan changed since the preview."""
    data = export_strategy(strategy)
    if plan_fingerprint(data) != version:
        raise StrategyFileError(
            [
                _(
                    "The plan has changed since the preview: upload the file again to see "
                    "what it would change now."
                )
            ]
        )
    return run_import(
        with_actions(data, actions), user=user, reason=_("Imported from a spreadsheet")
    )
