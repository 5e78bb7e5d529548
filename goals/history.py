"""Change history of any plan record from django-simple-history: who, when, what.

`diff_against` compares plain fields in memory; for many-to-many fields it would run
queries per record, so those are read here in one query per field instead, and related
objects are named with one query per related model: a bounded number of queries
whatever the length of the history. Rows edited together with a record (a follow-up's
funding rows) keep their own history; a `RowHistory` merges it into the record's.
"""

import bisect
import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import ForeignKey
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

from core.history_requests import request_id_of, request_ids

SKIPPED = {"version"}
# History rows carry the request that wrote them (core.history_requests): a row change
# belongs to the record's save of the same request. Rows written before request ids were
# kept, or outside a request, fall back to a guess: a row change this soon after the
# record's own save, by the same user, was part of that save.
SAME_SAVE = datetime.timedelta(seconds=60)
ROW_RECORDS = 500  # newest row-history records read per RowHistory, a bound on the page


class RowHistory:
    """History of rows that belong to a record and are edited with it.

    `records`: a queryset of their historical records; `label(record)` names the row
    (e.g. "external funding"), `summary(record)` says what it holds ("KS 20 000 SEK").
    Each added, changed or removed row becomes a (label, before, after) change.
    """

    def __init__(self, records, label, summary):
        self.records = records
        self.label = label
        self.summary = summary

    def changes(self):
        """[(historical record, (label, before, after))], oldest first; one query."""
        newest = self.records.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:ROW_RECORDS]
        last_seen, changes = {}, []
        for record in reversed(list(newest)):
            before = last_seen.get(record.id)
            last_seen[record.id] = record
            after = self.summary(record)
            if record.history_type == "+":
                change = (self.label(record), "", after)
            elif record.history_type == "-":
                change = (self.label(record), after, "")
            else:
                shown_before = self.summary(before) if before is not None else ""
                if shown_before == after:
                    continue  # saved, nothing shown changed
                change = (self.label(record), shown_before, after)
            changes.append((record, change))
        return changes


def _m2m_sets(history_model, history_ids):
    """{field name: {history_id: set of related pks}} for the history's m2m fields."""
    sets = {}
    for field in getattr(history_model, "_history_m2m_fields", []):
        through = history_model._meta.apps.get_model(
            history_model._meta.app_label, f"{history_model.__name__}_{field.name}"
        )
        target = f"{get_m2m_reverse_field_name(field)}_id"
        by_record = defaultdict(set)
        for history_id, pk in through.objects.filter(history_id__in=history_ids).values_list(
            "history_id", target
        ):
            by_record[history_id].add(pk)
        sets[field.name] = by_record
    return sets


def _names(model, pks):
    # Queried even when empty (pk 0 never exists), so a page costs the same number of
    # queries whichever fields happened to change.
    found = model._default_manager.filter(pk__in=list(pks) or [0])
    return {obj.pk: str(obj) for obj in found}


def history_entries(instance, limit=50, rows=()):
    """Newest first: [{"record", "changes": [(label, before, after), ...]}].

    `rows`: RowHistory sources whose changes join the record's save they were part of,
    or stand as entries of their own. One more query per source.
    """
    history_model = instance.history.model
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    m2m_fields = {f.name: f for f in getattr(history_model, "_history_m2m_fields", [])}
    sets = _m2m_sets(history_model, [r.history_id for r in records])
    raw = []
    # related model -> pks to name, one query per related model
    wanted = {f.related_model: set() for f in instance._meta.fields if isinstance(f, ForeignKey)}
    wanted.update({f.related_model: set() for f in m2m_fields.values()})
    for newer, older in zip(records, records[1:] + [None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=[*SKIPPED, *m2m_fields])
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                changes.append((field, change.old, change.new))
                if isinstance(field, ForeignKey):
                    wanted[field.related_model].update(v for v in (change.old, change.new) if v)
            for name, field in m2m_fields.items():
                before = sets[name].get(older.history_id, set())
                after = sets[name].get(newer.history_id, set())
                if before != after:
                    changes.append((field, before, after))
                    wanted[field.related_model].update(before | after)
        raw.append((newer, changes))
    names = {model: _names(model, pks) for model, pks in wanted.items()}
    entries = [
        {
            "record": record,
            "changes": [
                (field.verbose_name, _shown(field, old, names), _shown(field, new, names))
                for field, old, new in changes
            ],
        }
        for record, changes in raw[:limit]
    ]
    for entry in entries:
        entry["created"] = entry["record"].history_type == "+"
    if rows:
        entries = _merge_rows(entries, rows)
    return entries[:limit]


def row_history_entries(source, limit=50):
    """History of rows edited as a list of their own (a strategy's plan goals), from one
    RowHistory: the changes of one save as one entry, newest first. One query."""
    return _merge_rows([], [source])[:limit]


def _merge_rows(entries, sources):
    """Put each row change in the entry of the save it belongs to (the same request), else
    in an entry of its own, one per request. One query for the request ids."""
    oldest_first = entries[::-1]
    dates = [entry["record"].history_date for entry in oldest_first]
    row_changes = sorted(
        (item for source in sources for item in source.changes()),
        key=lambda item: item[0].history_date,
    )
    ids = request_ids([entry["record"] for entry in oldest_first] + [r for r, _ in row_changes])
    by_request = {}  # request id -> the (newest) entry of that request
    for entry in oldest_first:
        request_id = request_id_of(entry["record"], ids)
        if request_id is not None:
            by_request[request_id] = entry
    own = []  # entries for row changes made apart from a save of the record
    for record, change in row_changes:
        request_id = request_id_of(record, ids)
        if request_id is not None:
            entry = by_request.get(request_id)
            if entry is None:
                entry = by_request[request_id] = {"record": record, "changes": [], "created": False}
                own.append(entry)
            entry["changes"].append(change)
            continue
        at = bisect.bisect_right(dates, record.history_date) - 1
        if at >= 0 and _same_save(oldest_first[at]["record"], record):
            oldest_first[at]["changes"].append(change)
        elif own and _same_save(own[-1]["record"], record):
            own[-1]["changes"].append(change)
        else:
            own.append({"record": record, "changes": [change], "created": False})
    return sorted(entries + own, key=lambda entry: entry["record"].history_date, reverse=True)


def _same_save(saved, row_record):
    return (
        saved.history_user_id == row_record.history_user_id
        and row_record.history_date - saved.history_date <= SAME_SAVE
    )


def _shown(field, value, names):
    if field.many_to_many:
        labels = names.get(field.related_model, {})
        return ", ".join(sorted(labels.get(pk, f"#{pk}") for pk in value))
    if isinstance(field, ForeignKey):
        return names.get(field.related_model, {}).get(value, value) if value else ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return str(value)  # so 0 shows as 0, not as "no value"
    return value


def what_they_changed(current, mine, loaded_version, fields, chosen=None, also=()):
    """After a refused save: (field, their value, your value) for each field someone else
    changed since the user loaded `loaded_version`, read from the history. Falls back
    to every field where the saved row and the user's input differ.

    `chosen` maps each many-to-many field to the objects the user chose (the form's
    cleaned data), since an unsaved instance does not hold them. `also` names fields
    the form does not edit but a save is refused over (a follow-up's workflow state):
    "yours" is then the value the user began from."""
    loaded = (
        current.history.filter(version=loaded_version).order_by("-history_date").first()
        if loaded_version is not None
        else None
    )
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        if field.many_to_many:
            row = _m2m_row(current, loaded, field, (chosen or {}).get(name) or [])
            if row is not None:
                rows.append(row)
            continue
        theirs, yours = field.value_from_object(current), field.value_from_object(mine)
        if loaded is not None:
            if field.value_from_object(loaded) == theirs:
                continue  # they did not touch it
        elif theirs == yours:
            continue
        rows.append((field.verbose_name, _display(current, name), _display(mine, name)))
    for name in also if loaded is not None else ():
        field = current._meta.get_field(name)
        if field.value_from_object(loaded) != field.value_from_object(current):
            rows.append((field.verbose_name, _display(current, name), _display(loaded, name)))
    return rows


def _display(instance, name):
    field = instance._meta.get_field(name)
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    value = getattr(instance, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _m2m_row(current, loaded, field, chosen):
    """(field, theirs, yours) when someone else changed this many-to-many field, else None."""
    theirs = list(getattr(current, field.name).all())
    their_pks = {obj.pk for obj in theirs}
    tracked = {f.name for f in getattr(type(loaded), "_history_m2m_fields", [])}
    if loaded is not None and field.name in tracked:
        loaded_pks = _m2m_sets(type(loaded), [loaded.history_id])[field.name][loaded.history_id]
        if loaded_pks == their_pks:
            return None  # they did not touch it
    elif their_pks == {obj.pk for obj in chosen}:
        return None
    return (field.verbose_name, _joined(theirs), _joined(chosen))


def _joined(objects):
    return ", ".join(sorted(str(obj) for obj in objects))
