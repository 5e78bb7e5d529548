from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("dashboard/", views.my_dashboard, name="my_dashboard"),
    path("dashboard/<slug:slug>/", views.dashboard, name="dashboard"),
    path("public/<slug:slug>/", views.public_page, name="public"),
    path("compare/", views.compare, name="compare"),
]
