"""Admin for partners and twin towns; scoped to the staff member's municipality."""

from django.contrib import admin

from accounts.admin_scope import ScopedAdmin, ScopedTabularInline

from .models import Partner, TwinTown, TwinTownStatusChange


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    list_display = ["name", "key", "kind", "country", "is_active", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "kind", "is_active"]
    search_fields = ["name", "key", "cooperation"]
    list_select_related = ["municipality"]
    readonly_fields = ["version"]


class TwinTownStatusChangeInline(ScopedTabularInline):
    model = TwinTownStatusChange
    fields = ["order", "status", "changed_on", "year", "decision", "note"]


@admin.register(TwinTown)
class TwinTownAdmin(ScopedAdmin):
    list_display = ["name", "country", "since", "category", "status", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "status", "category"]
    search_fields = ["name", "key", "country"]
    list_select_related = ["municipality"]
    # The status follows its recorded steps (an ending with its decision), never a
    # bare edit: add a status change below, or use the portal's status page.
    readonly_fields = ["status", "version"]
    inlines = [TwinTownStatusChangeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        twin_town = form.instance
        latest = twin_town.status_changes.order_by("-order", "-pk").first()
        if latest is not None and latest.status != twin_town.status:
            twin_town.status = latest.status
            twin_town.save()
