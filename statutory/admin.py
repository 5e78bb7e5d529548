"""Administrators (only) write the installation's own statutory pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.permissions import is_admin

from .models import StatutoryPage


@admin.register(StatutoryPage)
class StatutoryPageAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "language", "reviewed_on"]
    list_filter = ["kind", "language"]

    # Coordinators are staff too (their municipality's plan): these pages are the
    # installation's, so only its administrators see them here.
    def has_module_permission(self, request):
        return is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_add_permission(self, request):
        return is_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_admin(request.user)
