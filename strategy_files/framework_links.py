"""Framework links in the strategy file: `frameworks: [sdg-11, eu2020-3]` on a goal area,
goal, strategy point or action, and how each contributes, `framework_notes: [{item:
sdg-11, note: …}]`; and on the strategy, the frameworks it names, `frameworks: [eu2020]`,
whose items alone its links may then use (docs/import-format.md).

A goal or action whose entry has no `frameworks` key keeps its links as they are (a file
from before frameworks existed loses nothing); a listed one gets exactly those links.
Without `framework_notes` the notes of kept links are kept; with it, the links get exactly
those notes. The export writes each key only when there is something in it, so files
without links export unchanged.
"""

from django.utils.translation import gettext as _

from frameworks.services import (
    frameworks_usable,
    items_offered,
    set_frameworks,
    set_links,
    stray_links,
)
from goals.models import Strategy

from .import_errors import StrategyFileError
from .import_fields import show
from .import_rows import change_reason, links_changed, match_keys


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


def strategy_exported(strategy):
    """{"frameworks": [eu2020]} for a strategy that names frameworks, else {} (so the
    seeds that name none export as they are written)."""
    codes = [row.framework.code for row in strategy.framework_choices.select_related("framework")]
    return {"frameworks": codes} if codes else {}


def _named(plan, municipality, usable):
    """The frameworks the strategy names after the import: the file's list if it has the
    key, else those the strategy in the portal names now."""
    if "frameworks" in plan:
        return [usable[code] for code in plan["frameworks"] or [] if code in usable]
    existing = Strategy.objects.filter(slug=plan.get("slug"), municipality=municipality).first()
    if existing is None or municipality is None:
        return []
    return list(existing.frameworks.all())


def _offered(municipality, named):
    """reference -> item of the items the plan's links may use (services.items_offered)."""
    items = items_offered(municipality)
    if named:
        items = items.filter(framework__in=named)
    return {item.reference: item for item in items}


def _entries(plan):
    """(path, entry data, where) of every entry that may link: goal areas, goals, strategy
    points and actions; `where` finds the written row (import_writer's keys)."""
    for index, area in enumerate(plan.get("goal_areas") or []):
        area_path = f"strategy.goal_areas[{index}]"
        yield area_path, area, ("goal_area", area.get("code"))
        goals = area.get("goals") or []
        for g_index, (goal, key) in enumerate(zip(goals, match_keys(goals), strict=True)):
            yield f"{area_path}.goals[{g_index}]", goal, ("goal", area.get("code"), key)
        for a_index, action in enumerate(area.get("actions") or []):
            yield f"{area_path}.actions[{a_index}]", action, ("action", action.get("code"))
    for a_index, action in enumerate(plan.get("actions") or []):
        yield f"strategy.actions[{a_index}]", action, ("action", action.get("code"))
    mains = plan.get("strategy_points") or []
    flat = [
        (f"strategy.strategy_points[{m}]" + (f".points[{p}]" if p is not None else ""), item)
        for m, main in enumerate(mains)
        for p, item in [(None, main)] + list(enumerate(main.get("points") or []))
    ]
    keys = match_keys([item for _path, item in flat])
    for (path, item), key in zip(flat, keys, strict=True):
        yield path, item, ("strategy_point", key)


def check_references(ck, plan, municipality):
    """The strategy's frameworks must be shared ones or the municipality's own; every
    named item must be an item the plan may use (of the frameworks the strategy names,
    if it names any), and every note must be for an item the entry's `frameworks` lists
    (once)."""
    usable = {f.code: f for f in frameworks_usable(municipality)}
    for index, code in enumerate(plan.get("frameworks") or []):
        if code not in usable:
            ck.error(
                f"strategy.frameworks[{index}]",
                _("unknown framework %(code)s (for example sdg or eu2020)") % {"code": show(code)},
            )
    named = _named(plan, municipality, usable)
    offered = _offered(municipality, named)
    everything = _offered(municipality, []) if named else offered
    for path, entry, _where in _entries(plan):
        for index, reference in enumerate(entry.get("frameworks") or []):
            if reference in offered:
                continue
            if reference in everything:
                ck.error(
                    f"{path}.frameworks[{index}]",
                    _("%(code)s is not of a framework the strategy names (%(names)s)")
                    % {"code": show(reference), "names": ", ".join(f.code for f in named)},
                )
            else:
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
    reason = change_reason()
    usable = {f.code: f for f in frameworks_usable(writer.municipality)}
    if "frameworks" in plan:
        named = [usable[code] for code in plan["frameworks"]]
        if set_frameworks(writer.strategy, named, reason=reason):
            links_changed(writer.strategy)
    else:
        named = list(writer.strategy.frameworks.all())
    offered = _offered(writer.municipality, named)
    for _path, entry, where in _entries(plan):
        if "frameworks" not in entry:
            continue
        if where[0] == "goal":
            obj = writer.goals[(where[1], where[2])]
        elif where[0] == "goal_area":
            obj = writer.areas[where[1]]
        elif where[0] == "strategy_point":
            obj = writer.points[where[1]]
        else:
            obj = writer.actions[where[1]]
        items = [offered[reference] for reference in entry["frameworks"]]
        notes = None  # without the key, kept links keep their notes
        if "framework_notes" in entry:
            written = {n["item"]: n["note"] for n in entry["framework_notes"]}
            notes = {item.pk: written.get(item.reference, "") for item in items}
        if set_links(obj, items, reason=reason, notes=notes):
            links_changed(obj)
    stray = stray_links(writer.strategy, named)
    if stray:
        # Rows without `frameworks` keep their links: some are of a framework no longer
        # named. Refused as a whole (the transaction is rolled back), naming them.
        raise StrategyFileError(
            [
                _(
                    "strategy.frameworks: %(links)s would be linked to a framework the "
                    "strategy does not name; list those rows' frameworks or name it too"
                )
                % {"links": "; ".join(stray)}
            ]
        )
