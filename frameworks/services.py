"""Writing the links from a plan's goal areas, goals, strategy points and actions to
framework items, and the frameworks a strategy names."""

from django.db import transaction
from django.db.models import Q

from .models import (
    ActionLink,
    Framework,
    FrameworkItem,
    GoalAreaLink,
    GoalLink,
    StrategyFramework,
    StrategyPointLink,
)

# The plan's rows that may link to framework items: (link model, its field to the row).
LINKS = {
    "actions.Action": (ActionLink, "action"),
    "goals.Goal": (GoalLink, "goal"),
    "goals.GoalArea": (GoalAreaLink, "goal_area"),
    "goals.StrategyPoint": (StrategyPointLink, "strategy_point"),
}


def frameworks_usable(municipality):
    """Shared frameworks and the municipality's own; another municipality's master plan
    is never usable."""
    return Framework.objects.filter(Q(municipality__isnull=True) | Q(municipality=municipality))


def items_offered(municipality, strategy=None):
    """The items a plan's links may use: those of the frameworks `strategy` names (Tranås:
    Europa 2020) if it names any; else, as before strategies named frameworks, every
    shared framework's items and the municipality's own. Another municipality's master
    plan is never offered. Two queries with a strategy, one without."""
    items = FrameworkItem.objects.filter(
        Q(framework__municipality__isnull=True) | Q(framework__municipality=municipality)
    ).select_related("framework", "parent")
    if strategy is not None and strategy.pk is not None:
        named = list(strategy.framework_choices.values_list("framework_id", flat=True))
        if named:
            items = items.filter(framework_id__in=named)
    return items


def stray_links(strategy, frameworks):
    """The strategy's links to items of frameworks other than `frameworks` (which it is
    to name), as "sdg-11 (1.1 Byvandring)": naming frameworks must not leave links the
    plan could not make again (its own export would not import). Four queries."""
    allowed = [framework.pk for framework in frameworks]
    if not allowed:
        return []
    rows = [
        (ActionLink, "action", {"action__strategy": strategy}),
        (GoalLink, "goal", {"goal__goal_area__strategy": strategy}),
        (GoalAreaLink, "goal_area", {"goal_area__strategy": strategy}),
        (StrategyPointLink, "strategy_point", {"strategy_point__strategy": strategy}),
    ]
    stray = []
    for model, field, filters in rows:
        links = (
            model.objects.filter(**filters)
            .exclude(item__framework__in=allowed)
            .select_related("item__framework", field)
            .order_by("pk")
        )
        stray += [f"{link.item.reference} ({getattr(link, field)})" for link in links]
    return stray


@transaction.atomic
def set_frameworks(strategy, frameworks, reason=""):
    """The strategy names exactly these frameworks; a row per change, with its history.
    Returns True if anything changed."""
    wanted = {framework.pk for framework in frameworks}
    current = {row.framework_id: row for row in strategy.framework_choices.all()}
    changed = False
    for framework_id, row in current.items():
        if framework_id not in wanted:
            row._change_reason = reason
            row.delete()
            changed = True
    for framework_id in sorted(wanted - current.keys()):
        row = StrategyFramework(strategy=strategy, framework_id=framework_id)
        row._change_reason = reason
        row.save()
        changed = True
    return changed


@transaction.atomic
def set_links(obj, items, reason="", notes=None):
    """Links a goal area, goal, strategy point or action to exactly these items. Rows are
    created and deleted one by one (not in bulk), so each change has its history row.
    `notes` ({item pk: text}, optional) sets how each link contributes; without it, notes
    on kept links are kept. Returns True if anything changed."""
    model, field = LINKS[obj._meta.label]
    wanted = {item.pk for item in items}
    current = {link.item_id: link for link in model.objects.filter(**{field: obj})}
    changed = False
    notes = notes or {}
    for item_id, link in current.items():
        if item_id not in wanted:
            link._change_reason = reason
            link.delete()
            changed = True
        elif item_id in notes and notes[item_id] != link.note:
            link.note = notes[item_id]
            link._change_reason = reason
            link.save()
            changed = True
    for item_id in wanted - current.keys():
        link = model(item_id=item_id, note=notes.get(item_id, ""), **{field: obj})
        link._change_reason = reason
        link.save()
        changed = True
    return changed
