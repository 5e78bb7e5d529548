"""The row-level steps of writing a strategy file, below the writer (import_writer, which
walks the plan) and the framework links (framework_links) that both use them: match rows
by key, save a row only when a value differs, count it in the import's summary and give
its history row the import's reason.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as _

from actions.models import Action
from partners.models import Partner, TwinTown

# The summary of the import being written, if any: `upsert` and the deletes count into it.
_summary = ContextVar("import_summary", default=None)
# Why the rows change, as their history rows say it ("Imported from a strategy file").
_reason = ContextVar("import_reason", default=None)

# Models whose `version` counts saves for optimistic locking: an import bumps it, so an
# edit form opened before the import notices that the row changed.
LOCKED = (Partner, TwinTown, Action)


@contextmanager
def recording(summary, reason):
    """Rows written inside count into `summary`; their history rows give `reason` (None:
    "Imported from a strategy file")."""
    token, reason_token = _summary.set(summary), _reason.set(reason)
    try:
        yield
    finally:
        _summary.reset(token)
        _reason.reset(reason_token)


def change_reason():
    return _reason.get() or _("Imported from a strategy file")


def tally(model, outcome, number=1):
    summary = _summary.get()
    if summary is not None and number:
        summary.count(model, outcome, number)


def upsert(obj, fields, *, outcome=None):
    """Set `fields` on `obj` and save it only if it is new or a value differs.

    Counted in the summary as added, changed or unchanged (or as `outcome` when it
    changes, e.g. "archived")."""
    new = obj.pk is None
    changed = new
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if new:
        tally(type(obj), "added")
    elif changed:
        tally(type(obj), outcome or "changed")
    else:
        tally(type(obj), "unchanged")
    obj._import_changed = changed
    if changed:
        if obj.pk is not None and isinstance(obj, LOCKED):
            obj.version += 1
        obj._change_reason = change_reason()
        obj.save()
    return obj


def sync(existing, desired, make):
    """Match `desired` [(key, fields)] to `existing` {key: obj}; returns (kept, leftovers)."""
    kept = {}
    for key, fields in desired:
        obj = existing.pop(key, None) or make()
        kept[key] = upsert(obj, fields)
    return kept, list(existing.values())


def kept_orders(groups):
    """The `order` of each row, group by group (rows in file order, None for a new one).

    An admin numbers rows freely (1, 2, 99…) and the file has no `order`, only a
    sequence: rows that already follow the file's sequence keep their numbers, so
    importing a plan's own export writes nothing. Otherwise the rows are numbered by
    their position across all groups."""
    current = [[row.order if row is not None else None for row in rows] for rows in groups]
    if all(
        None not in orders and all(a < b for a, b in zip(orders, orders[1:], strict=False))
        for orders in current
    ):
        return current
    position, numbered = 0, []
    for rows in groups:
        numbered.append(list(range(position, position + len(rows))))
        position += len(rows)
    return numbered


def match_keys(items):
    """The key each row is matched by: its code or, for a row the document gives no code,
    "#n" for the n-th such row (rows without codes are matched by their place)."""
    keys, position = [], 0
    for item in items:
        code = item.get("code") if isinstance(item, dict) else item.code
        if code:
            keys.append(code)
        else:
            keys.append(f"#{position}")
            position += 1
    return keys


def set_m2m(manager, objects):
    """Set the links; True if they changed. .all() reads the prefetch cache when the caller
    prefetched the relation."""
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
        manager.set(objects)
        return True
    return False


def links_changed(obj):
    """Count a row whose own fields were unchanged as changed: its links changed."""
    if not getattr(obj, "_import_changed", True):
        obj._import_changed = True
        tally(type(obj), "unchanged", -1)
        tally(type(obj), "changed")
