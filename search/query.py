"""Reading the search index: which rows of a kind match every word of a query.

On PostgreSQL a word matches a row when
- the row's stored tsvector (stemmed in its municipality's language) matches the word as
  Norwegian, Swedish or English stems it ("vennskapsbyer" finds "vennskapsby",
  "vänorterna" finds "vänort"), or as a prefix ("utveks" finds "utveksling"); or
- for words of INFIX_MIN_LENGTH letters or more, the word is inside the text, because
  Norwegian and Swedish compounds often end in it ("kulturutveksling" for "utveksling").
Both are served by GIN indexes (search/migrations/0001). Elsewhere (the SQLite quick
start) a word matches when it is inside the text, whatever its case: no stemming.
"""

from django.db import connection
from django.db.models import Q

from .models import CONFIGS, SearchEntry

# Shorter words would match inside too many unrelated words ("ung" in "ungdom", "Tunga").
INFIX_MIN_LENGTH = 4


def _case_variants(term):
    """The spellings SQLite's LIKE needs to find `term` whatever its case: LIKE folds a-z
    only, so "älmhult" misses "Älmhult" and "TRANÅS" misses "Tranås"."""
    return list(dict.fromkeys([term, term.lower(), term.upper(), term.capitalize()]))


def text_query(term):
    """The word as every configuration in use reads it, and as a prefix (PostgreSQL)."""
    from django.contrib.postgres.search import SearchQuery

    # Only word characters reach the raw query (callers split on \\w+), never malformed.
    query = SearchQuery(f"{term}:*", config="simple", search_type="raw")
    for config in sorted(set(CONFIGS.values())):
        query = query | SearchQuery(term, config=config)
    return query


def combined_query(terms):
    """Every word of `terms`, each as `text_query` reads it (PostgreSQL)."""
    query = None
    for term in terms:
        query = text_query(term) if query is None else query & text_query(term)
    return query


def rank(kind, terms):
    """An expression: how well the row's index entry matches `terms` (PostgreSQL's
    ts_rank over the stored vector; more is better), 0 elsewhere. One subquery per row:
    for the rows of one page (`ranked` has chosen them), served by the entry's unique
    (kind, object_id) index."""
    from django.db.models import F, FloatField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    if connection.vendor != "postgresql" or not terms:
        return Value(0.0, output_field=FloatField())
    from django.contrib.postgres.search import SearchRank

    entry = (
        SearchEntry.objects.filter(kind=kind, object_id=OuterRef("pk"))
        .annotate(rank=SearchRank(F("vector"), combined_query(terms)))
        .values("rank")[:1]
    )
    return Coalesce(Subquery(entry, output_field=FloatField()), Value(0.0))


def _entry_rank(terms):
    from django.db.models import F, FloatField, Value

    if connection.vendor != "postgresql" or not terms:
        return Value(0.0, output_field=FloatField())
    from django.contrib.postgres.search import SearchRank

    return SearchRank(F("vector"), combined_query(terms))


# The order of hits: an exact name first, then the best ranked, then as a list shows them.
# `ranked` orders the index's entries so, and the page's rows are shown in the same order
# (dashboards.compare), the entry's name and code being the row's own.
ENTRY_ORDER = ("-exact", "-rank", "municipality__name", "code", "name", "object_id")


def ranked(kind, terms, phrase, visible=None, kind_words=()):
    """Entries of `kind` matching every word of `terms` that `visible` (a Q on the entry)
    lets through, best first (ENTRY_ORDER): `exact` is 1 when the hit's name or its
    municipality's name is `phrase`, `rank` PostgreSQL's ts_rank (0 elsewhere). Ranked and
    ordered inside this one query on the index, so a caller slices one page of object ids
    from it and reads only that page's rows, however many entries match."""
    from django.db.models import Case, IntegerField, Value, When

    entries = _matching_entries(kind, terms, kind_words)
    if visible is not None:
        entries = entries.filter(visible)
    exact = Q(name__iexact=phrase) | Q(municipality__name__iexact=phrase)
    return entries.annotate(
        exact=Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField()),
        rank=_entry_rank(terms),
    ).order_by(*ENTRY_ORDER)


def _condition(term):
    if connection.vendor != "postgresql":
        condition = Q()
        for variant in _case_variants(term):
            condition |= Q(text__icontains=variant)
        return condition
    condition = Q(vector=text_query(term))
    if len(term) >= INFIX_MIN_LENGTH:
        condition |= Q(text__icontains=term)
    return condition


def _matching_entries(kind, terms, kind_words=()):
    entries = SearchEntry.objects.filter(kind=kind)
    for term in terms:
        if term.lower().startswith(tuple(kind_words)):
            continue
        entries = entries.filter(_condition(term))
    return entries


def matching(kind, terms, kind_words=()):
    """Object ids (a subquery) of `kind` whose entry matches every word of `terms`. A word
    naming the kind itself (`kind_words`: "vennskapsby", "vänort"…) matches every row."""
    return _matching_entries(kind, terms, kind_words).values("object_id")


# How alike a name must be (pg_trgm's similarity, 0–1) to be offered: "Trondhiem" and
# "Trondheim" share about half their trigrams; unrelated names a tenth.
SIMILARITY = 0.3


def similar_names(municipalities, query, limit=5):
    """Municipalities (of the queryset given) whose name is like `query`, misspelt too, on
    PostgreSQL (trigram similarity); elsewhere those whose name contains it. One query."""
    query = query.strip()
    if len(query) < 3:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            municipalities.annotate(similarity=TrigramSimilarity("name", query))
            .filter(similarity__gt=SIMILARITY)
            .order_by("-similarity", "name")[:limit]
        )
    condition = Q()
    for variant in _case_variants(query):
        condition |= Q(name__icontains=variant)
    return list(municipalities.filter(condition).order_by("name")[:limit])
