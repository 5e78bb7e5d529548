"""Writing the search index (search.models.SearchEntry): what each row is found by.

`index_*` keep one row current (called by the signals in search/signals.py); `rebuild`
writes the whole index (or one municipality's) in a fixed number of queries per kind,
for data written without signals (bulk inserts, SQL) and for a first install
(`manage.py rebuild_search_index`, also run after `migrate` when the index is empty).
"""

from django.db import connection, transaction
from django.db.models import F, Prefetch

from actions.models import Action
from goals.models import Goal, Municipality
from partners.models import Partner, TwinTown

from .models import SearchEntry, config_for

Kind = SearchEntry.Kind


def _join(*parts):
    return "\n".join(str(p) for p in parts if p)


def action_text(action):
    """An action is also found by its partners' and twin towns' names ("who works with ICLD?")."""
    return _join(
        action.code,
        action.title,
        action.description,
        action.funding_note,
        action.responsible_note,
        *(p.name for p in action.partners.all()),
        *(f"{t.name} {t.country}" for t in action.twin_towns.all()),
    )


def goal_text(goal):
    return _join(goal.code, goal.text)


def partner_text(partner):
    # Also by its municipality's name: "Hamar" lists Hamar's partners.
    return _join(partner.name, partner.cooperation, partner.municipality.name)


def twin_town_text(twin_town):
    return _join(twin_town.name, twin_town.country, twin_town.municipality.name)


def _set_vectors(entries):
    """The stored tsvector, in each row's own configuration (PostgreSQL only)."""
    if connection.vendor != "postgresql" or not entries:
        return
    from django.contrib.postgres.search import SearchVector

    SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        vector=SearchVector("text", config=F("config"))
    )


def _write(kind, rows):
    """Upsert entries for `rows`: (object_id, municipality_id, language, text, strategy_id,
    name, code)."""
    rows = list(rows)
    if not rows:
        return
    existing = {
        e.object_id: e
        for e in SearchEntry.objects.filter(kind=kind, object_id__in=[r[0] for r in rows])
    }
    new, changed = [], []
    for object_id, municipality_id, language, text, strategy_id, name, code in rows:
        entry = existing.get(object_id) or SearchEntry(kind=kind, object_id=object_id)
        entry.municipality_id, entry.text, entry.config = (
            municipality_id,
            text,
            config_for(language),
        )
        entry.strategy_id, entry.name, entry.code = strategy_id, name, code or ""
        (changed if entry.pk else new).append(entry)
    SearchEntry.objects.bulk_create(new, batch_size=1000)
    SearchEntry.objects.bulk_update(
        changed, ["municipality", "text", "config", "strategy", "name", "code"], batch_size=1000
    )
    # bulk_create leaves pk unset on SQLite < 3.35 only; read them back by key to be sure.
    written = SearchEntry.objects.filter(kind=kind, object_id__in=[r[0] for r in rows])
    _set_vectors(list(written.only("pk")))


def _actions(queryset):
    return queryset.select_related("strategy__municipality").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.only("pk", "name")),
        Prefetch("twin_towns", queryset=TwinTown.objects.only("pk", "name", "country")),
    )


def index_actions(queryset):
    """Live actions are indexed; an archived one is out of the plan, and out of the index."""
    for chunk in _chunks(_actions(queryset)):
        archived = [a.pk for a in chunk if a.is_archived]
        if archived:
            SearchEntry.objects.filter(kind=Kind.ACTION, object_id__in=archived).delete()
        _write(
            Kind.ACTION,
            (
                (
                    a.pk,
                    a.strategy.municipality_id,
                    a.strategy.municipality.language,
                    action_text(a),
                    a.strategy_id,
                    a.title,
                    a.code,
                )
                for a in chunk
                if not a.is_archived
            ),
        )


def index_goals(queryset):
    for chunk in _chunks(queryset.select_related("goal_area__strategy__municipality")):
        _write(
            Kind.GOAL,
            (
                (
                    g.pk,
                    g.goal_area.strategy.municipality_id,
                    g.goal_area.strategy.municipality.language,
                    goal_text(g),
                    g.goal_area.strategy_id,
                    g.text,
                    g.code,
                )
                for g in chunk
            ),
        )


def index_partners(queryset):
    for chunk in _chunks(queryset.select_related("municipality")):
        _write(
            Kind.PARTNER,
            (
                (p.pk, p.municipality_id, p.municipality.language, partner_text(p))
                + (None, p.name, "")
                for p in chunk
            ),
        )


def index_twin_towns(queryset):
    for chunk in _chunks(queryset.select_related("municipality")):
        _write(
            Kind.TWIN_TOWN,
            (
                (t.pk, t.municipality_id, t.municipality.language, twin_town_text(t))
                + (None, t.name, "")
                for t in chunk
            ),
        )


def _chunks(queryset, size=2000):
    """Rows in chunks by primary key, so a rebuild of a million rows stays in memory."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def unindex(kind, object_id):
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


@transaction.atomic
def rebuild(municipality=None):
    """The whole index anew (or `municipality`'s rows). Returns the number of rows."""
    entries = SearchEntry.objects.all()
    actions, goals = Action.objects.all(), Goal.objects.all()
    partners, twin_towns = Partner.objects.all(), TwinTown.objects.all()
    if municipality is not None:
        entries = entries.filter(municipality=municipality)
        actions = actions.filter(strategy__municipality=municipality)
        goals = goals.filter(goal_area__strategy__municipality=municipality)
        partners = partners.filter(municipality=municipality)
        twin_towns = twin_towns.filter(municipality=municipality)
    entries.delete()
    index_actions(actions)
    index_goals(goals)
    index_partners(partners)
    index_twin_towns(twin_towns)
    return SearchEntry.objects.filter(
        **({"municipality": municipality} if municipality is not None else {})
    ).count()


def is_empty_but_data_exists():
    return (
        not SearchEntry.objects.exists()
        and Municipality.objects.exists()
        and (Action.objects.exists() or Partner.objects.exists() or TwinTown.objects.exists())
    )
