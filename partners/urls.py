from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:municipality>/", views.registry, name="registry"),
    path("<slug:municipality>/partner/new/", views.partner_edit, name="partner_new"),
    path("<slug:municipality>/partner/<slug:key>/", views.partner_detail, name="partner"),
    path("<slug:municipality>/partner/<slug:key>/edit/", views.partner_edit, name="partner_edit"),
    path("<slug:municipality>/twin-town/new/", views.twin_town_edit, name="twin_town_new"),
    path("<slug:municipality>/twin-town/<slug:key>/", views.twin_town_detail, name="twin_town"),
    path(
        "<slug:municipality>/twin-town/<slug:key>/edit/",
        views.twin_town_edit,
        name="twin_town_edit",
    ),
    path(
        "<slug:municipality>/twin-town/<slug:key>/status/",
        views.twin_town_status,
        name="twin_town_status",
    ),
]
