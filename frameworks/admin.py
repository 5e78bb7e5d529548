"""Frameworks in the admin, and the framework links as inlines on goals and actions."""

from django.contrib import admin
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from accounts.admin_scope import ScopedTabularInline
from actions.models import Action
from goals.models import Goal

from .models import ActionLink, Framework, FrameworkItem, GoalLink


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    fields = ["code", "order", "parent", "name_nb", "name_nn", "name_sv", "name_en", "colour"]
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    """Shared frameworks (the SDGs) are the administrators'; a municipality's own ones
    (its master plan) are its coordinators'."""

    list_display = ["code", "name", "municipality"]
    inlines = [FrameworkItemInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_admin(request.user):
            return queryset
        m = permissions.membership_of(request.user)
        own = m.municipality_id if m is not None else None
        return queryset.filter(Q(municipality__isnull=True) | Q(municipality=own))

    def _may_change(self, request, obj):
        if permissions.is_admin(request.user):
            return True
        return (
            obj is not None
            and obj.municipality is not None
            and permissions.can_edit_plan(request.user, obj.municipality)
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


class _LinkInline(ScopedTabularInline):
    fields = ["item", "note"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "item":
            queryset = FrameworkItem.objects.select_related("framework")
            if not permissions.is_admin(request.user):
                m = permissions.membership_of(request.user)
                own = m.municipality_id if m is not None else None
                queryset = queryset.filter(
                    Q(framework__municipality__isnull=True) | Q(framework__municipality=own)
                )
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class GoalLinkInline(_LinkInline):
    model = GoalLink


class ActionLinkInline(_LinkInline):
    model = ActionLink


# The goal and action admins are the plan's apps'; the links are added here so that goals
# and actions need not know of frameworks (the arrows point downward).
for _model, _inline in ((Goal, GoalLinkInline), (Action, ActionLinkInline)):
    _model_admin = admin.site._registry.get(_model)
    if _model_admin is not None and _inline not in _model_admin.inlines:
        _model_admin.inlines = [*_model_admin.inlines, _inline]
