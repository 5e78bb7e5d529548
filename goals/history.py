"""Change history of any plan record from django-simple-history: who, when, what.

`diff_against` compares plain fields in memory; for many-to-many fields it would run
queries per record, so those are read here in one query per field instead, and related
objects are named with one query per related model: a bounded number of queries
whatever the length of the history.
"""

from collections import defaultdict

from django.db.models import ForeignKey
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

SKIPPED = {"version"}


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


def history_entries(instance, limit=50):
    """Newest first: [{"record", "changes": [(label, before, after), ...]}]."""
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
    return [
        {
            "record": record,
            "changes": [
                (field.verbose_name, _shown(field, old, names), _shown(field, new, names))
                for field, old, new in changes
            ],
        }
        for record, changes in raw[:limit]
    ]


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
    return value


def what_they_changed(current, mine, loaded_version, fields):
    """After a refused save: (field, their value, your value) for each field someone else
    changed since the user loaded `loaded_version`, read from the history. Falls back
    to every field where the saved row and the user's input differ."""
    loaded = (
        current.history.filter(version=loaded_version).order_by("-history_date").first()
        if loaded_version is not None
        else None
    )
    rows = []
    for name in fields:
        field = current._meta.get_field(name)
        if field.many_to_many:
            continue
        theirs, yours = field.value_from_object(current), field.value_from_object(mine)
        if loaded is not None:
            if field.value_from_object(loaded) == theirs:
                continue  # they did not touch it
        elif theirs == yours:
            continue
        rows.append((field.verbose_name, _display(current, name), _display(mine, name)))
    return rows


def _display(instance, name):
    field = instance._meta.get_field(name)
    if field.choices:
        return getattr(instance, f"get_{name}_display")()
    value = getattr(instance, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value
