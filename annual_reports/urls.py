"""The annual report to the council. Mounted under reports/ beside the dashboards: the
addresses are those of the `reporting` app before the split (bookmarks keep working)."""

from django.urls import path

from . import views

app_name = "annual_reports"

urlpatterns = [
    path("annual/file/<int:pk>/", views.download, name="annual_download"),
    path(
        "annual/file/<int:pk>/word/",
        views.download,
        {"kind": "word"},
        name="annual_download_word",
    ),
    path("annual/<slug:slug>/", views.annual, name="annual"),
    path("annual/<slug:slug>/status/", views.annual_status, name="annual_status"),
    path("annual/<slug:slug>/generate/", views.generate, name="annual_generate"),
    path("annual/<slug:slug>/<int:year>/preview/", views.preview, name="annual_preview"),
    path("annual/<slug:slug>/<int:year>/texts/", views.texts, name="annual_texts"),
]
