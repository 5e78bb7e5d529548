from django.urls import path

from . import report_views, views

app_name = "reporting"

urlpatterns = [
    # Annual report to the council (report_views).
    path("annual/file/<int:pk>/", report_views.download, name="annual_download"),
    path(
        "annual/file/<int:pk>/word/",
        report_views.download,
        {"kind": "word"},
        name="annual_download_word",
    ),
    path("annual/<slug:slug>/", report_views.annual, name="annual"),
    path("annual/<slug:slug>/status/", report_views.annual_status, name="annual_status"),
    path("annual/<slug:slug>/generate/", report_views.generate, name="annual_generate"),
    path("annual/<slug:slug>/<int:year>/preview/", report_views.preview, name="annual_preview"),
    path("annual/<slug:slug>/<int:year>/texts/", report_views.texts, name="annual_texts"),
    path("dashboard/", views.my_dashboard, name="my_dashboard"),
    path("dashboard/<slug:slug>/", views.dashboard, name="dashboard"),
    path("public/<slug:slug>/", views.public_page, name="public"),
    path("compare/", views.compare, name="compare"),
]
