"""Matched words marked in search results, safely.

The portal builds the <mark> markup itself from escaped text: on PostgreSQL,
`headline` (ts_headline, in the row's language, so "vennskapsbyer" marks "vennskapsby")
wraps the matches in two private-use characters instead of tags; `marked` escapes the
whole text and only then turns those characters into <mark></mark>. Whatever a plan's
text holds ("<script>", a stray marker character), it reaches the page as text. Where
ts_headline finds nothing (SQLite, or a word inside a compound), `marked` marks the
words as the fallback search finds them: case-blind, inside words.
"""

import re

from django.db import connection
from django.db.models import Case, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import CONFIGS

START, STOP = "\ue000", "\ue001"


def language_config(path):
    """The text search configuration of the municipality at `path` (its language field)."""
    return Case(
        *(When(**{path: language}, then=Value(config)) for language, config in CONFIGS.items()),
        default=Value("simple"),
    )


def headline(field, terms, language_path, *, fragment=False):
    """An expression: `field` with the matches of `terms` between START and STOP
    (PostgreSQL), or None elsewhere. `fragment`: a passage around the matches rather
    than the whole text (long texts: a goal)."""
    if connection.vendor != "postgresql" or not terms:
        return None
    from django.contrib.postgres.search import SearchHeadline

    from .query import combined_query

    options = {"max_words": 30, "min_words": 12} if fragment else {"highlight_all": True}
    return SearchHeadline(
        field,
        combined_query(terms),
        config=language_config(language_path),
        start_sel=START,
        stop_sel=STOP,
        **options,
    )


def _mark_terms(text, terms):
    """`text` escaped, with each case-blind occurrence of a word of `terms` marked."""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def marked(text, terms, headline_text=None):
    """Safe HTML: `headline_text` (from `headline`) with its markers as <mark>, when it
    marks anything; else `text` with the words of `terms` marked where they occur."""
    if headline_text and START in headline_text:
        out, open_ = [], False
        for part in re.split(f"([{START}{STOP}])", headline_text):
            if part == START and not open_:
                out.append("<mark>")
                open_ = True
            elif part == STOP and open_:
                out.append("</mark>")
                open_ = False
            elif part not in (START, STOP):
                out.append(escape(part))
        if open_:
            out.append("</mark>")
        return mark_safe("".join(out))  # noqa: S308 - built from escaped parts only
    clean = (text or "").replace(START, "").replace(STOP, "")
    return mark_safe(_mark_terms(clean, terms))  # noqa: S308 - built from escaped parts only
