"""Framework links in the strategy file: `frameworks: [sdg-11, eu2020-3]` on a goal or an
action, and how each contributes, `framework_notes: [{item: sdg-11, note: …}]`
(docs/import-format.md).

A goal or action whose entry has no `frameworks` key keeps its links as they are (a file
from before frameworks existed loses nothing); a listed one gets exactly those links.
Without `framework_notes` the notes of kept links are kept; with it, the links get exactly
those notes. The export writes each key only when there is something in it, so files
without links export unchanged.
"""

from django.utils.translation import gettext as _

from frameworks.services import items_offered, set_links

from .import_fields import show


def items_prefetch():
    """The links of goals or actions, their items and frameworks (three queries)."""
    return "framework_links__item__framework"


def _in_order(links):
    return sorted(
        links,
        key=lambda link: (
            link.item.framework.order,
            link.item.framework.code,
            link.item.order,
            link.item.pk,
        ),
    )


def exported(obj):
    """{"frameworks": [...], "framework_notes": [...]} for a row with links (notes only
    where written), else {} (reads the prefetch)."""
    links = _in_order(obj.framework_links.all())
    if not links:
        return {}
    data = {"frameworks": [link.item.reference for link in links]}
    notes = [{"item": link.item.reference, "note": link.note} for link in links if link.note]
    if notes:
        data["framework_notes"] = notes
    return data


def _offered(municipality):
    return {item.reference: item for item in items_offered(municipality)}


def _entries(plan):
    """(path, goal-or-action data, area code or None, goal key or None) of every entry."""
    from .import_writer import match_keys

    for index, area in enumerate(plan.get("goal_areas") or []):
        area_path = f"strategy.goal_areas[{index}]"
        goals = area.get("goals") or []
        for g_index, (goal, key) in enumerate(zip(goals, match_keys(goals), strict=True)):
            yield f"{area_path}.goals[{g_index}]", goal, ("goal", area.get("code"), key)
        for a_index, action in enumerate(area.get("actions") or []):
            yield f"{area_path}.actions[{a_index}]", action, ("action", action.get("code"))
    for a_index, action in enumerate(plan.get("actions") or []):
        yield f"strategy.actions[{a_index}]", action, ("action", action.get("code"))


def check_references(ck, plan, municipality):
    """Every named item must be a framework item the municipality may use, and every note
    must be for an item the entry's `frameworks` lists (once)."""
    offered = _offered(municipality)
    for path, entry, _where in _entries(plan):
        for index, reference in enumerate(entry.get("frameworks") or []):
            if reference not in offered:
                ck.error(
                    f"{path}.frameworks[{index}]",
                    _("unknown framework item %(code)s (for example sdg-11)")
                    % {"code": show(reference)},
                )
        listed, seen = set(entry.get("frameworks") or []), set()
        for index, note in enumerate(entry.get("framework_notes") or []):
            reference = note.get("item")
            if reference is None:
                continue  # "is required" said already
            if reference not in listed:
                ck.error(
                    f"{path}.framework_notes[{index}].item",
                    _("%(code)s has a note but is not in this entry's frameworks")
                    % {"code": show(reference)},
                )
            elif reference in seen:
                ck.error(
                    f"{path}.framework_notes[{index}].item",
                    _("%(code)s has two notes") % {"code": show(reference)},
                )
            seen.add(reference)


def write(writer, plan):
    """Sets the links the file states; returns nothing. Runs after goals and actions."""
    from .import_writer import _reason, links_changed

    offered = _offered(writer.municipality)
    for _path, entry, where in _entries(plan):
        if "frameworks" not in entry:
            continue
        if where[0] == "goal":
            obj = writer.goals[(where[1], where[2])]
        else:
            obj = writer.actions[where[1]]
        items = [offered[reference] for reference in entry["frameworks"]]
        notes = None  # without the key, kept links keep their notes
        if "framework_notes" in entry:
            written = {n["item"]: n["note"] for n in entry["framework_notes"]}
            notes = {item.pk: written.get(item.reference, "") for item in items}
        reason = _reason.get() or _("Imported from a strategy file")
        if set_links(obj, items, reason=reason, notes=notes):
            links_changed(obj)
