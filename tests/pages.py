"""What a person sees on a page, for assertions about leaks.

Raw HTML holds random tokens (CSP nonces, CSRF tokens) that can contain any short
string by chance, so "KS is not on the page" must be asked of the visible words.
"""

import html
import re

_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
# A search result's marked word is part of its text ("<mark>Utveksling</mark>snettverk").
_MARK = re.compile(r"</?mark>")


def visible_text(response_or_html):
    raw = response_or_html
    if not isinstance(raw, str):
        raw = raw.content.decode(errors="replace")
    return html.unescape(_TAG.sub(" ", _MARK.sub("", _HIDDEN.sub(" ", raw))))


def shows_word(response_or_html, word):
    """True if `word` appears as a whole word in the visible text."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", visible_text(response_or_html)) is not None
