"""Error messages a newcomer can act on: where a problem is, in the plan's own words.

A checker error names its place as a path (`strategy.goal_areas[1].actions[4].responsible`),
which is exact but counts from 0 and says nothing of which item it is. Each error gets the
same place in words after it: "goal area 2 (code "2"), action 5 (code "2.3")", with the
municipality's own level names where the file gives them. The path stays first, so an
administrator who writes files by hand (and the tests) can still search for it.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

_TOKEN = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _kinds(labels):
    """List key in the file -> what one item of it is called."""

    def own(label, default):
        value = labels.get(label) if isinstance(labels, dict) else None
        return value.lower() if isinstance(value, str) and value.strip() else default

    return {
        "goal_areas": own("goal_area", pgettext("import location", "goal area")),
        "goals": own("goal", pgettext("import location", "goal")),
        "strategy_points": own("strategy_point", pgettext("import location", "strategy point")),
        "points": own("strategy_point", pgettext("import location", "strategy point")),
        "actions": own("action", pgettext("import location", "action")),
        "milestones": pgettext("import location", "milestone"),
        "indicators": pgettext("import location", "indicator"),
        "statements": pgettext("import location", "statement"),
        "amendments": pgettext("import location", "amendment"),
        "responsible_parties": pgettext("import location", "responsible party"),
        "partners": pgettext("import location", "partner"),
        "twin_towns": pgettext("import location", "twin town"),
        "status_history": pgettext("import location", "status step"),
        "agreements": pgettext("import location", "agreement"),
    }


def _identity(item):
    if not isinstance(item, dict):
        return ""
    for key, word in (("code", _("code")), ("key", _("key"))):
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            text = str(value)
            text = text if len(text) <= 40 else text[:37] + "..."
            return f' ({word} "{text}")'
    return ""


def location(data, path):
    """The items on `path` in words, or "" when the path names no list item."""
    labels = (data.get("municipality") or {}).get("labels") if isinstance(data, dict) else None
    kinds = _kinds(labels)
    node, name, parts = data, None, []
    for match in _TOKEN.finditer(path):
        key, index = match.groups()
        if key is not None:
            name = key
            node = node.get(key) if isinstance(node, dict) else None
            continue
        position = int(index)
        item = node[position] if isinstance(node, list) and position < len(node) else None
        kind = kinds.get(name, name or "")
        parts.append(f"{kind} {position + 1}{_identity(item)}")
        node = item
    return ", ".join(parts)


def with_locations(data, errors):
    """Each "path: message" error with its place in words appended, when it has one."""
    result = []
    for error in errors:
        path, sep, _message = error.partition(": ")
        where = location(data, path) if sep and "[" in path else ""
        result.append(f"{error} — {where}" if where else error)
    return result


# Letters and level words one of the languages has and the other has not. A Norwegian
# plan may well say "målområde"; only unambiguous signs count.
_SIGNS = {
    "sv": (set("äö"), ("åtgärd", "insats", "prioriterat", "prioriterade", "aktiviteter")),
    "no": (set("æø"), ("tiltak", "satsingsområde", "innsats", "innsatsområde")),
}


def _looks(text):
    """ "sv", "no" or None: which language a label's letters and words point to."""
    lowered = text.lower()
    for language, (letters, words) in _SIGNS.items():
        if letters & set(lowered) or any(word in lowered for word in words):
            return language
    return None


def label_warnings(data, existing_language=None):
    """Warnings (not errors) for level names that look like another language than the
    municipality's: Swedish level names on a Norwegian municipality are shown on every
    page, so the administrator should know, but the file may be right."""
    municipality = data.get("municipality") if isinstance(data, dict) else None
    if not isinstance(municipality, dict):
        return []
    language = municipality.get("language") or existing_language
    expected = {"sv": "sv", "nb": "no", "nn": "no"}.get(language)
    labels = municipality.get("labels")
    if expected is None or not isinstance(labels, dict):
        return []
    names = {"sv": _("Swedish"), "no": _("Norwegian")}
    warnings = []
    for key, value in labels.items():
        looks = _looks(value) if isinstance(value, str) else None
        if looks and looks != expected:
            warnings.append(
                _(
                    "municipality.labels.%(key)s: “%(value)s” looks %(looks)s, but the "
                    "municipality's language is %(language)s. Every page shows this name: "
                    "check that it is meant."
                )
                % {
                    "key": key,
                    "value": value,
                    "looks": names[looks],
                    "language": names[expected],
                }
            )
    return warnings
