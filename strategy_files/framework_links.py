"""Framework links in the strategy file: `frameworks: [sdg-11, eu2020-3]` on a goal or an
action (docs/import-format.md).

A goal or action whose entry has no `frameworks` key keeps its links as they are (a file
from before frameworks existed loses nothing); a listed one gets exactly those links. The
export writes the key only when there are links, so files without any export unchanged.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from frameworks.models import FrameworkItem
from frameworks.services import items_offered, set_links

from .import_fields import show


def items_prefetch():
    return Prefetch(
        "framework_items",
        queryset=FrameworkItem.objects.select_related("framework").order_by(
            "framework__order", "framework__code", "order", "pk"
        ),
    )


def exported(obj):
    """{"frameworks": [...]} for a row with links, else {} (reads the prefetch)."""
    references = [item.reference for item in obj.framework_items.all()]
    return {"frameworks": references} if references else {}


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
    """Every named item must be a framework item the municipality may use."""
    offered = _offered(municipality)
    for path, entry, _where in _entries(plan):
        for index, reference in enumerate(entry.get("frameworks") or []):
            if reference not in offered:
                ck.error(
                    f"{path}.frameworks[{index}]",
                    _("unknown framework item %(code)s (for example sdg-11)")
                    % {"code": show(reference)},
                )


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
        reason = _reason.get() or _("Imported from a strategy file")
        if set_links(obj, items, reason=reason):
            links_changed(obj)
