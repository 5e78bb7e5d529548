"""Users with their membership (municipality, role, department) in the admin.

Staff below administrator manage only their own municipality's non-administrators, give
any role but administrator, and never touch superuser status, permissions or groups:
those would reach beyond their municipality.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from . import permissions
from .admin_scope import AdminsOnlyMixin, ScopedPlainAdmin, ScopedStackedInline
from .models import Membership

User = get_user_model()


class MembershipScopeMixin:
    """Memberships of users the staff member may manage; roles they may give."""

    def get_queryset(self, request):
        return permissions.manageable_users(request.user, super().get_queryset(request), "user__")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            kwargs["choices"] = permissions.assignable_roles(request.user)
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = permissions.manageable_users(request.user, User.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Membership)
class MembershipAdmin(MembershipScopeMixin, ScopedPlainAdmin):
    list_display = ["user", "municipality", "role", "department"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "role"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "municipality", "department"]
    raw_id_fields = ["user"]


class MembershipInline(MembershipScopeMixin, ScopedStackedInline):
    model = Membership
    can_delete = False
    fk_name = "user"
    extra = 1


admin.site.unregister(User)

# Changing these would change other municipalities' users (or make a superuser).
ADMINS_ONLY_USER_FIELDS = ["is_superuser", "groups", "user_permissions"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return permissions.manageable_users(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_write_in_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_write_in_admin(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_write_in_admin(
            request.user
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.is_admin(request.user):
            fields += ADMINS_ONLY_USER_FIELDS
        return fields


admin.site.unregister(Group)


@admin.register(Group)
class SharedGroupAdmin(AdminsOnlyMixin, GroupAdmin):
    """Groups (e.g. "Coordinators") are shared by every municipality."""


def _admins_only(model):
    """Re-register another app's admin for a shared table as administrators only."""
    if admin.site.is_registered(model):
        base = type(admin.site._registry[model])
        admin.site.unregister(model)
        admin.site.register(model, type(f"AdminsOnly{base.__name__}", (AdminsOnlyMixin, base), {}))


# django-axes' sign-in records hold every municipality's usernames and addresses.
for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    _admins_only(_model)
