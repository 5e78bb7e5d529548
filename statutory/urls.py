from django.urls import path

from . import views

app_name = "statutory"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
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
