"""Users with their membership (municipality, role, department) in the admin."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from . import permissions
from .admin_scope import ScopedPlainAdmin, ScopedStackedInline
from .models import Membership


@admin.register(Membership)
class MembershipAdmin(ScopedPlainAdmin):
    list_display = ["user", "municipality", "role", "department"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "role"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "municipality", "department"]
    raw_id_fields = ["user"]


class MembershipInline(ScopedStackedInline):
    model = Membership
    can_delete = False
    fk_name = "user"
    extra = 1


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return permissions.scope_to_own_municipality(
            request.user, super().get_queryset(request), "membership__municipality"
        )
