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
def set_links(obj, items, reason=""):
    """Links a goal or an action to exactly these items. Rows are created and deleted one
    by one (not in bulk), so each change has its history row. Returns True if anything
    changed; notes on kept links are kept."""
    model, field = (
        (ActionLink, "action") if obj._meta.label == "actions.Action" else (GoalLink, "goal")
    )
    wanted = {item.pk for item in items}
    current = {link.item_id: link for link in model.objects.filter(**{field: obj})}
    changed = False
    for item_id, link in current.items():
        if item_id not in wanted:
            link._change_reason = reason
            link.delete()
            changed = True
    for item_id in wanted - current.keys():
        link = model(item_id=item_id, **{field: obj})
        link._change_reason = reason
        link.save()
        changed = True
    return changed
