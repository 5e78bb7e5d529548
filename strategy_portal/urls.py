from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from accounts import admin_scope
from goals import views as goals_views

from . import views

urlpatterns = [
    path("", goals_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Ahead of the admin's own "view on site", which follows any municipality's ids.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_scope.view_on_site),
    ),
    # The annual reports' admin pages were the `reporting` app's before it was split
    # (issue 16): an old bookmark leads to the same page.
    re_path(
        r"^admin/reporting/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/annual_reports/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("goals.urls")),
    path("", include("frameworks.urls")),
    path("actions/", include("actions.urls")),
    path("", include("collaboration.urls")),
    path("partners/", include("partners.urls")),
    path("reports/", include("dashboards.urls")),
    path("reports/", include("annual_reports.urls")),
    path("", include("statutory.urls")),
    path("spreadsheets/", include("strategy_files.urls")),
    path("api/v1/", include("api.urls")),
]

# No media URL, not even with DEBUG: the only files are annual reports, which are read
# through annual_reports:annual_download, where permissions are checked.

# A database that is away: a 503 in the visitor's language with Retry-After, not a 500.
handler500 = "strategy_portal.views.server_error"
