"""Admin for partners and twin towns; scoped to the staff member's municipality."""

from django.contrib import admin

from accounts.admin_scope import ScopedAdmin, ScopedTabularInline

from .models import Partner, TwinTown, TwinTownStatusChange


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    list_display = ["name", "key", "kind", "country", "is_active", "municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "kind", "is_active"]
    search_fields = ["name", "key", "cooperation"]
    list_select_related = ["municipality"]


class TwinTownStatusChangeInline(ScopedTabularInline):
    model = TwinTownStatusChange
    fields = ["order", "status", "changed_on", "year", "decision", "note"]


@admin.register(TwinTown)
class TwinTownAdmin(ScopedAdmin):
    list_display = ["name", "country", "since", "category", "status", "municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "status", "category"]
    search_fields = ["name", "key", "country"]
    list_select_related = ["municipality"]
    inlines = [TwinTownStatusChangeInline]
