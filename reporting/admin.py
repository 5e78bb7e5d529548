"""Annual reports in the admin: read-only records of the report jobs."""

from django.contrib import admin

from accounts.admin_scope import ScopedPlainAdmin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedPlainAdmin):
    list_display = ["strategy", "year", "version", "status", "requested_at", "page_count"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter), "year", "status"]
    list_select_related = ["strategy"]
    readonly_fields = [f.name for f in AnnualReport._meta.fields]

    def has_add_permission(self, request):
        return False  # reports are made by the report job
