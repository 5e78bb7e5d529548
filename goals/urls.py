from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    path("m/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("m/<slug:slug>/publication/", views.publication, name="publication"),
    path("strategy/<slug:slug>/", views.strategy_detail, name="strategy"),
]
