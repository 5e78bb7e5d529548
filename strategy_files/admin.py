"""The strategy admin, extended with importing and exporting whole strategy files."""

from django.contrib import admin
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from goals.admin import StrategyAdmin
from goals.models import Strategy

from .admin_import import export_action, import_view, job_view

admin.site.unregister(Strategy)


@admin.register(Strategy)
class StrategyFileAdmin(StrategyAdmin):
    actions = [export_action]
    change_list_template = "admin/goals/strategy/change_list.html"

    def get_urls(self):
        urls = [
            path(
                "import/",
                # import_view checks CSRF itself, after its upload size cap is in place.
                self.admin_site.admin_view(csrf_exempt(lambda request: import_view(self, request))),
                name="goals_strategy_import",
            ),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(lambda request, job_id: job_view(self, request, job_id)),
                name="goals_strategy_import_job",
            ),
        ]
        return urls + super().get_urls()
