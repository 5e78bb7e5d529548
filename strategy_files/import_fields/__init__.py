"""Building blocks for checking a strategy file: each field checks and normalises a value.

A field never raises: it reports every problem to the Checker under the value's path
(`strategy.goal_areas[2].actions[4].responsible`) so one run lists all of them.
Normalised values are what the exporter writes, so import → export round-trips.

One module per kind (plain values, dates, the file's structure), all importable from
`strategy_files.import_fields` as before.
"""

from .base import (
    OMIT,
    SLUG_RE,
    Bool,
    Checker,
    Choice,
    Code,
    Field,
    Key,
    MunicipalityNumber,
    Number,
    Text,
    join,
    number_out,
    show,
)
from .dates import (
    ABOUT,
    Date,
    PartialDate,
    Since,
    Year,
    partial_date,
    partial_deadline,
    partial_out,
    since_fields,
    since_out,
)
from .structure import (
    CodeList,
    ListOf,
    Mapping,
    Stated,
    TextList,
    YearValues,
    check_unique,
    omitted,
)

__all__ = [
    "ABOUT",
    "OMIT",
    "SLUG_RE",
    "Bool",
    "Checker",
    "Choice",
    "Code",
    "CodeList",
    "Date",
    "Field",
    "Key",
    "ListOf",
    "Mapping",
    "MunicipalityNumber",
    "Number",
    "PartialDate",
    "Since",
    "Stated",
    "Text",
    "TextList",
    "Year",
    "YearValues",
    "check_unique",
    "join",
    "number_out",
    "omitted",
    "partial_date",
    "partial_deadline",
    "partial_out",
    "show",
    "since_fields",
    "since_out",
]
