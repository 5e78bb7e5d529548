"""Writing the links from a plan's goals and actions to framework items."""

from django.db import transaction
from django.db.models import Q

from .models import ActionLink, FrameworkItem, GoalLink


def items_offered(municipality):
    """Shared frameworks' items and those of the municipality's own frameworks; another
    municipality's master plan is never offered."""
    return FrameworkItem.objects.filter(
        Q(framework__municipality__isnull=True) | Q(framework__municipality=municipality)
    ).select_related("framework")


@transaction.atomic
def set_links(obj, items, reason="", notes=None):
    """Links a goal or an action to exactly these items. Rows are created and deleted one
    by one (not in bulk), so each change has its history row. `notes` ({item pk: text},
    optional) sets how each link contributes; without it, notes on kept links are kept.
    Returns True if anything changed."""
    model, field = (
        (ActionLink, "action") if obj._meta.label == "actions.Action" else (GoalLink, "goal")
    )
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
