"""Which municipality a row or a page belongs to, declared once where it is defined.

Each model says how to reach its municipality in one class attribute:

    class Action(models.Model):
        municipality_path = "strategy__municipality"

("pk" on Municipality itself; None for rows of no municipality: shared reference data or
a person's own settings). Each view of one municipality's page says which URL argument
names its row, with `@municipality_page(...)`. The admin's scoping, the plan-link rules,
the cache's invalidation and the language middleware read these declarations; the
coverage test (tests/accounts/test_tenancy_declarations.py) fails for a model or a page
that declares nothing.
"""

from typing import NamedTuple

from django.core.exceptions import ObjectDoesNotExist

MUNICIPALITY = "goals.Municipality"


def municipality_path(model):
    """The lookup from a row of `model` to its municipality ("pk" for the municipality);
    None when its rows belong to no municipality. A model that declares nothing raises
    AttributeError: better a clear error than a queryset filtered on nothing."""
    return model.municipality_path


def municipality_of(obj):
    """The municipality a row belongs to, following its path; None if it cannot be found."""
    path = getattr(type(obj), "municipality_path", None)
    if path is None:
        return None
    if path == "pk":
        return obj
    try:
        for part in path.split("__"):
            obj = getattr(obj, part)
    except (ObjectDoesNotExist, AttributeError):
        return None
    return obj


def plan_path(model):
    """The lookup from a row of `model` to what owns it in a plan: its strategy when it
    belongs to one strategy ("goal_area__strategy"), else its municipality."""
    path = municipality_path(model)
    if path == "municipality" or path.endswith("__municipality"):
        head = path.removesuffix("municipality").removesuffix("__")
        if head == "strategy" or head.endswith("__strategy"):
            return head
    return path


def strategy_prefix(model):
    """The lookup prefix from a row of `model` to its strategy ("" for a strategy,
    "action__strategy__" for a follow-up); None for the municipality itself."""
    path = municipality_path(model)
    if path == "pk":
        return None
    return path.removesuffix("municipality")


class PageOwner(NamedTuple):
    """How to find the municipality a page belongs to from its URL."""

    model: str  # the row the URL names ("app.Model")
    argument: str  # the URL argument that names it
    field: str  # the row's field that argument matches
    staff_only: bool  # a staff screen: resolved for admins only (see page_language)


def municipality_page(model, argument="pk", field=None, staff_only=False):
    """Declares the view's page as one municipality's: the row named by the URL
    argument `argument` (matched against `field`, by default the argument's name)."""
    owner = PageOwner(model, argument, field or argument, staff_only)

    def declare(view):
        view.page_owner = owner
        return view

    return declare


def no_municipality_page(view):
    """Declares that the view's pages belong to no one municipality although their URL
    names a row (a person's notification, a shared framework…)."""
    view.page_owner = None
    return view


def page_owner(view):
    """The view's declaration: a PageOwner, None (no municipality), or AttributeError
    when it declares nothing."""
    while view is not None:
        if "page_owner" in getattr(view, "__dict__", {}):
            return view.page_owner
        view = getattr(view, "__wrapped__", None)
    raise AttributeError("page_owner")
