"""Admin classes that show a staff member only their own municipality's rows.

Every rule is asked of accounts.permissions; this module only knows, for each model,
the path from a row to its municipality.
"""

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from simple_history.admin import SimpleHistoryAdmin

from . import permissions

# Path from a row of each model to its municipality, for querysets and choice lists.
MUNICIPALITY_PATHS = {
    "goals.municipality": "pk",
    "goals.strategy": "municipality",
    "goals.goalarea": "strategy__municipality",
    "goals.goal": "goal_area__strategy__municipality",
    "goals.strategypoint": "strategy__municipality",
    "goals.planstatement": "strategy__municipality",
    "goals.amendment": "strategy__municipality",
    "goals.responsibleparty": "municipality",
    "partners.partner": "municipality",
    "partners.twintown": "municipality",
    "partners.twintownstatuschange": "twin_town__municipality",
    "actions.action": "strategy__municipality",
    "actions.milestone": "action__strategy__municipality",
    "actions.indicator": "strategy__municipality",
    "actions.indicatorvalue": "indicator__strategy__municipality",
    "actions.followup": "action__strategy__municipality",
    "actions.externalfunding": "follow_up__action__strategy__municipality",
    "reporting.annualreport": "strategy__municipality",
    "accounts.membership": "municipality",
}


def path_for(model):
    return MUNICIPALITY_PATHS.get(model._meta.label_lower)


def municipality_of(obj):
    """The municipality a row belongs to, following its path; None if it cannot be found."""
    path = path_for(type(obj))
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


class ScopedMixin:
    """Querysets, choices and object permissions limited to the user's municipality."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return permissions.scope_to_own_municipality(request.user, queryset, path_for(self.model))

    def _scope_field(self, request, db_field, kwargs):
        path = path_for(db_field.related_model)
        if path is not None:
            queryset = kwargs.get("queryset")
            if queryset is None:
                queryset = db_field.related_model._default_manager.all()
            kwargs["queryset"] = permissions.scope_to_own_municipality(request.user, queryset, path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scope_field(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scope_field(request, db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _allowed(self, request, obj, rule):
        if obj is None:
            return True
        municipality = municipality_of(obj)
        if municipality is None:
            return permissions.is_admin(request.user)
        return rule(request.user, municipality)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(
            request, obj, permissions.can_view_internal
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(
            request, obj, permissions.can_edit_plan
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(
            request, obj, permissions.can_edit_plan
        )


class ScopedAdmin(ScopedMixin, SimpleHistoryAdmin):
    """For models with change history (django-simple-history)."""


class ScopedPlainAdmin(ScopedMixin, admin.ModelAdmin):
    """For models without change history."""


class ScopedTabularInline(ScopedMixin, admin.TabularInline):
    extra = 0


class ScopedStackedInline(ScopedMixin, admin.StackedInline):
    extra = 0
