"""Frameworks in the admin, and the links from goals and actions to their items."""

from django.contrib import admin
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from accounts.admin_scope import BoundedInlineMixin, ScopedAdmin

from .models import ActionLink, Framework, FrameworkItem, GoalLink


class FrameworkItemInline(BoundedInlineMixin, admin.TabularInline):
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


class _LinkAdmin(ScopedAdmin):
    """A link from the plan to a framework item, scoped to the staff member's municipality
    (the models' municipality_path). Its own admin page, not an inline on the goal
    and action pages: those forms stay as the plan's apps define them."""

    list_display = ["item", "__str__", "note"]
    list_select_related = ["item__framework"]

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


@admin.register(GoalLink)
class GoalLinkAdmin(_LinkAdmin):
    fields = ["goal", "item", "note"]
    list_display = ["item", "goal", "note"]
    search_fields = ["goal__text", "note"]


@admin.register(ActionLink)
class ActionLinkAdmin(_LinkAdmin):
    fields = ["action", "item", "note"]
    list_display = ["item", "action", "note"]
    search_fields = ["action__title", "action__code", "note"]
