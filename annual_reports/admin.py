"""Annual reports in the admin: read-only records of the report jobs."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.admin_scope import ScopedPlainAdmin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedPlainAdmin):
    list_display = ["strategy", "year", "version", "status", "requested_at", "page_count"]
    list_filter = [("strategy", admin.RelatedOnlyFieldListFilter), "year", "status"]
    list_select_related = ["strategy"]
    # The file goes through the checked download view; there is no public /media/ route.
    # The failure code is shown as the message the coordinator reads, in the viewer's
    # language; the technical details are in the worker's log.
    readonly_fields = [
        f.name for f in AnnualReport._meta.fields if f.name not in ("file", "failure")
    ] + ["reason", "pdf"]
    exclude = ["file", "failure"]

    @admin.display(description=_("reason for failure"))
    def reason(self, obj):
        return obj.error or "–"

    @admin.display(description=_("file"))
    def pdf(self, obj):
        if obj.status != AnnualReport.Status.DONE or not obj.file:
            return "–"
        url = reverse("annual_reports:annual_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))

    def has_add_permission(self, request):
        return False  # reports are made by the report job
