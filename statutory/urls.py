from django.urls import path

from . import views

app_name = "statutory"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data/", views.my_data, name="my_data"),
    path("privacy/my-data.json", views.my_data_download, name="my_data_download"),
    path(
        "m/<slug:slug>/accessibility/",
        views.municipality_accessibility,
        name="municipality_accessibility",
    ),
    path(
        "m/<slug:slug>/accessibility/edit/",
        views.edit_municipality_accessibility,
        name="edit_municipality_accessibility",
    ),
]
