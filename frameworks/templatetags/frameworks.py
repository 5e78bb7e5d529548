from django import template

from ..selectors import safe_colour

register = template.Library()


@register.inclusion_tag("frameworks/_chips.html")
def framework_chips(obj, municipality):
    """Chips for the items a goal or an action is linked to: the colour beside the code and
    the name as text, never the colour alone. Reads the prefetch when the page made one
    (`framework_items__framework`), else one query for this row."""
    manager = obj.framework_items
    if "framework_items" in getattr(obj, "_prefetched_objects_cache", {}):
        items = manager.all()
    else:
        items = manager.select_related("framework", "parent")
    return {
        "chips": [(item, safe_colour(item)) for item in items],
        "municipality": municipality,
    }
