from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only, for administrators tracing whether someone was told (and e-mailed)."""

    list_display = ["recipient", "kind", "created_at", "read_at", "email", "emailed_at"]
    list_filter = ["kind", "email"]
    search_fields = ["recipient__username"]
    raw_id_fields = ["recipient", "actor", "action", "follow_up"]

    def has_module_permission(self, request):
        from accounts.permissions import is_admin

        return is_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
