"""Read an uploaded plan spreadsheet (.xlsx or .csv) into rows of raw cell values.

Guarantees: anything that is not a plain spreadsheet of reasonable size raises
SpreadsheetError with a message in the user's language, never another error. A workbook
is checked as a zip archive before openpyxl opens it (size, compression ratio, macros,
external links), and formulas are refused, never evaluated.
"""

import csv
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 2000
# Empty rows are skipped, but each costs reading: a sheet of a million blank formatted
# rows must not keep a web worker busy.
MAX_SCANNED_ROWS = 20 * MAX_ROWS
MAX_COLUMNS = 60
# A real plan workbook unpacks to well under 2 MB; a zip bomb unpacks to gigabytes.
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_RATIO = 100


class SpreadsheetError(Exception):
    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__(self.errors)


def max_bytes():
    return getattr(settings, "SPREADSHEET_MAX_BYTES", 2 * 1024 * 1024)


def read_upload(upload):
    """(rows, meta): rows as [(row number, [cell values])], the header first; meta the
    workbook's hidden portal sheet as a dict ({} for a CSV)."""
    if upload.size > max_bytes():
        raise SpreadsheetError(
            [
                _("The file is %(size)s; at most %(max)s can be uploaded.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes())}
            ]
        )
    raw = upload.read()
    if raw.startswith(b"PK\x03\x04"):
        return _read_xlsx(raw)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        # The old binary container: an .xls, or an .xlsx saved with a password.
        raise SpreadsheetError(
            [
                _(
                    "The file is an encrypted workbook or an old .xls file: save it as an "
                    "Excel workbook (.xlsx) without a password and try again."
                )
            ]
        )
    return _read_csv(raw), {}


def _not_a_spreadsheet():
    return SpreadsheetError(
        [_("The file is not a spreadsheet: upload the .xlsx workbook or a .csv file.")]
    )


def _read_xlsx(raw):
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _not_a_spreadsheet() from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise _not_a_spreadsheet()
    if "xl/vbaProject.bin" in names:
        raise SpreadsheetError(
            [_("The workbook contains macros (.xlsm): save it as a plain .xlsx and try again.")]
        )
    if any(name.startswith("xl/externalLinks/") for name in names):
        raise SpreadsheetError(
            [
                _(
                    "The workbook links to other files (external links): copy the values in "
                    "and remove the links, then try again."
                )
            ]
        )
    unpacked = sum(m.file_size for m in members)
    too_packed = any(m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
    if unpacked > MAX_UNPACKED_BYTES or too_packed:
        raise SpreadsheetError([_("The workbook unpacks to too much data: refused.")])
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        meta = {}
        if "portal" in workbook.sheetnames:
            for row in workbook["portal"].iter_rows(max_row=10, max_col=2, values_only=True):
                if row and row[0]:
                    meta[str(row[0])] = None if len(row) < 2 else row[1]
        rows = _sheet_rows(workbook.worksheets[0])
        workbook.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise _not_a_spreadsheet() from exc
    return rows, meta


def _sheet_rows(sheet):
    rows, formulas = [], []
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        values = []
        for column, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                formulas.append((number, column))
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        if any(v not in (None, "") for v in values):
            rows.append((number, values))
            if len(rows) > MAX_ROWS + 1:
                raise _too_many_rows()
    if formulas:
        raise FormulaCells(formulas, rows)
    return rows


class FormulaCells(SpreadsheetError):
    """Formula cells at (row, column index): named with their column by the caller."""

    def __init__(self, cells, rows):
        self.cells = cells
        self.rows = rows
        super().__init__([])


def _too_many_rows():
    return SpreadsheetError(
        [_("The file has more than %(max)d rows; at most %(max)d can be read.") % {"max": MAX_ROWS}]
    )


def _read_csv(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
        raise SpreadsheetError(
            [
                _(
                    "The file is saved as Windows-1252 (ANSI), not UTF-8. In Excel choose "
                    'Save As → "CSV UTF-8 (comma delimited)", then upload that file.'
                )
            ]
        ) from None
    if "\x00" in text:
        raise _not_a_spreadsheet()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, values in enumerate(reader, start=1):
            if any(v.strip() for v in values):
                rows.append((number, values[:MAX_COLUMNS]))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
    except csv.Error as exc:
        raise _not_a_spreadsheet() from exc
    return rows
