from django.contrib import admin
from django.urls import include, path

from goals import views as goals_views

from . import views

urlpatterns = [
    path("", goals_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("goals.urls")),
    path("actions/", include("actions.urls")),
    path("partners/", include("partners.urls")),
    path("reports/", include("reporting.urls")),
]

# No media URL, not even with DEBUG: the only files are annual reports, which are read
# through reporting:annual_download, where permissions are checked.
