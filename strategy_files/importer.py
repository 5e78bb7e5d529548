"""Import a strategy file (docs/import-format.md): read, check everything, then write.

Guarantees: every problem in the file is reported at once, each naming its place
(`strategy.goal_areas[2].actions[4].responsible: unknown responsible party 'x'`), and
nothing is written unless the whole file is valid; the writing itself is one
transaction, so a database error leaves nothing behind either.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import import_checks, import_writer
from .import_errors import StrategyFileError
from .import_messages import label_warnings, with_locations
from .import_yaml_errors import yaml_message

# libyaml's parser (C) where PyYAML was built with it: the pure-Python one takes half a
# minute on a 2 MB file, long enough for a web worker to be killed mid-request.
_SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoaderBase):
    """YAML as people write it in 2026 (YAML 1.2 core schema), not YAML 1.1.

    `country: NO` stays the text "NO" (not false), `code: 010` stays "010" (not 8), and
    dates stay text until checked, so "2019-13-45" is reported, not a crash. A key given
    twice is an error: the first value would otherwise be silently lost.
    """

    yaml_implicit_resolvers = {}

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *defaults` merges; a key it brings may be overridden
            if key_node.tag == "tag:yaml.org,2002:str":
                key = key_node.value  # what constructing it gives, at a fraction of the cost
            else:
                key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    _("a key must be a plain value, not a list or mapping"),
                    key_node.start_mark,
                ) from None
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    _("the key %(key)r is given twice") % {"key": key},
                    key_node.start_mark,
                )
            seen[key] = True
        # Named, not super(): the benchmark builds the same loader on the pure-Python base.
        return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)


def _int(loader, node):
    return int(loader.construct_scalar(node))


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


# A file's data, expanded: YAML aliases may repeat a part many times ("billion laughs"),
# and every check walks the expansion. No real strategy comes near these.
MAX_NODES = 200_000
MAX_DEPTH = 40


def _check_shape(data):
    """Refuse data that refers to itself, nests too deep or expands too far (aliases)."""
    sizes = {}  # id -> expanded size: each shared part is measured once
    in_progress = set()
    too_big = _("The file expands to too much data (YAML aliases repeating parts): refused.")

    def size(value, depth):
        if not isinstance(value, (dict, list, set, tuple)):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise StrategyFileError(
                [_("The file refers to itself (a YAML alias inside its anchor).")]
            )
        if depth > MAX_DEPTH:
            raise StrategyFileError(
                [_("The file nests more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}]
            )
        in_progress.add(key)
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        total = 1
        for item_key, item in items:
            total += size(item_key, depth + 1) + size(item, depth + 1)
            if total > MAX_NODES:
                raise StrategyFileError([too_big])
        in_progress.discard(key)
        sizes[key] = total
        return total

    size(data, 0)


def _read(path_or_bytes, filename):
    if isinstance(path_or_bytes, (bytes, bytearray)):
        return bytes(path_or_bytes), filename
    if hasattr(path_or_bytes, "read"):
        return path_or_bytes.read(), filename or getattr(path_or_bytes, "name", None)
    path = Path(path_or_bytes)
    try:
        return path.read_bytes(), filename or path.name
    except OSError as exc:
        raise StrategyFileError(
            [_("Cannot read the file %(path)s: %(error)s") % {"path": path, "error": exc.strerror}]
        ) from exc


def _line_and_column(raw, position):
    line_start = raw.rfind(b"\n", 0, position) + 1
    column = len(raw[line_start:position].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, position) + 1, column


def _decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark, as Notepad writes
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(raw, exc.start)
        try:
            raw.decode("cp1252")
            hint = _(
                "It looks saved as Windows-1252 (ANSI): in the editor choose "
                "“Save as” with the encoding UTF-8, then import again."
            )
        except UnicodeDecodeError:
            hint = _("Save it as UTF-8 and try again.")
        raise StrategyFileError(
            [
                _(
                    "The file is not UTF-8 text: line %(line)d, column %(column)d holds a "
                    "character that cannot be read as UTF-8. %(hint)s"
                )
                % {"line": line, "column": column, "hint": hint}
            ]
        ) from exc
    if "\x00" in text:  # UTF-16 text without a byte-order mark
        raise StrategyFileError(
            [
                _(
                    "The file is not UTF-8 text (byte %(position)d is a NUL byte, as in "
                    "UTF-16): save it as UTF-8 and try again."
                )
                % {"position": text.index("\x00")}
            ]
        )
    return text


SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def _refuse_spreadsheet(raw, filename):
    """A workbook or CSV is an action list, not a strategy file: say where it goes."""
    suffix = Path(filename).suffix.lower() if filename else ""
    zipped = raw[:4] == b"PK\x03\x04"  # .xlsx/.ods are zip files
    old_excel = raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    if suffix in SPREADSHEET_SUFFIXES or zipped or old_excel:
        raise StrategyFileError(
            [
                _(
                    "This is a spreadsheet (%(name)s), not a strategy file. An action plan "
                    "kept in Excel or CSV is imported on the plan's page: Action plan → "
                    "Spreadsheet → Import. A strategy file is YAML or JSON "
                    "(docs/import-format.md)."
                )
                % {"name": filename or suffix or "xlsx"}
            ]
        )


def _json_pairs(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(_("the key %(key)r is given twice") % {"key": key})
        result[key] = value
    return result


def parse_file(path_or_bytes, filename=None):
    """The file's data as a dict: JSON for *.json (or text starting with "{"), else YAML.

    Anything that is not a strategy file raises StrategyFileError, never another error:
    too large, not UTF-8, not valid YAML/JSON, nested too deep, or YAML aliases that
    expand to too much data.
    """
    raw, filename = _read(path_or_bytes, filename)
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > settings.IMPORT_MAX_BYTES:
        raise StrategyFileError(
            [
                _("The file is %(size)s; at most %(max)s can be imported.")
                % {
                    "size": filesizeformat(len(raw)),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            ]
        )
    _refuse_spreadsheet(raw, filename)
    text = _decode(raw)
    suffix = Path(filename).suffix.lower() if filename else ""
    as_json = suffix == ".json" or (suffix not in {".yaml", ".yml"} and text.lstrip()[:1] == "{")
    if as_json:
        try:
            data = json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as exc:
            raise StrategyFileError(
                [
                    _("The file is not valid JSON: line %(line)d, column %(column)d: %(error)s")
                    % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
                ]
            ) from exc
        except ValueError as exc:
            raise StrategyFileError(
                [_("The file is not valid JSON: %(error)s") % {"error": exc}]
            ) from exc
        except RecursionError as exc:
            raise StrategyFileError([_too_deep()]) from exc
    else:
        try:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            if "nesting depth" in str(exc):  # libyaml's own limit (1000 levels)
                raise StrategyFileError([_too_deep()]) from exc
            raise StrategyFileError([yaml_message(exc, text)]) from exc
        except RecursionError as exc:
            raise StrategyFileError([_too_deep()]) from exc
        except Exception as exc:  # noqa: BLE001 - parsing only, nothing to leave half-done
            # PyYAML's constructors raise what they meet for an explicit tag with a value
            # it cannot hold (`!!int abc`, `!!bool maybe`, `!!float ''`,
            # `!!timestamp 2019-13-45`) or a number of thousands of digits.
            raise StrategyFileError(
                [_("The file is not valid YAML: %(problem)s") % {"problem": _short(exc)}]
            ) from exc
    _check_shape(data)
    if not isinstance(data, dict):
        raise StrategyFileError(
            [_("The file must hold a mapping with the keys format, municipality, strategy…")]
        )
    return data


def _too_deep():
    return _("The file nests more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}


def _short(exc):
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def validate(data):
    """Every problem in the file, each as "path: message — where, in words"; empty when
    it can be imported."""
    return with_locations(data, import_checks.check(data)[1])


def normalise(data):
    """The file's data with defaults filled in, as the exporter writes it."""
    result, errors = import_checks.check(data)
    if errors:
        raise StrategyFileError(with_locations(data, errors))
    return result


@dataclass
class ImportResult:
    strategy: object  # after a dry run: as it would be, not saved
    summary: object  # import_summary.ChangeSummary
    dry_run: bool = False
    warnings: list = field(default_factory=list)  # worth a look, but not wrong


def run_import(data, *, user=None, dry_run=False, reason=None):
    """Create or replace the strategy in `data`. All or nothing; returns an ImportResult.

    Re-importing a slug replaces its plan: rows are matched by code (statements,
    amendments and milestones by position) and updated in place, so an action whose code
    is unchanged keeps its follow-ups, and an unchanged file changes nothing. Responsible
    parties, partners and twin towns are upserted by key. History rows name `user`.
    With `dry_run` everything is checked and counted the same way and nothing is kept.
    `reason` is what the history rows give as the change's reason (default: an import).
    """
    strategy, summary = import_writer.write(
        normalise(data), user=user, dry_run=dry_run, reason=reason
    )
    warnings = label_warnings(data, summary.municipality.language if summary.municipality else None)
    return ImportResult(strategy=strategy, summary=summary, dry_run=dry_run, warnings=warnings)


def import_strategy(data, *, user=None):
    """run_import, for callers that need only the strategy."""
    return run_import(data, user=user).strategy


def import_file(path_or_bytes, filename=None, *, user=None):
    return import_strategy(parse_file(path_or_bytes, filename), user=user)
