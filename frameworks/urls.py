from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/compare/", views.compare, name="compare"),
    path(
        "m/<slug:slug>/frameworks/<slug:framework>/<str:code>/",
        views.item_detail,
        name="item",
    ),
    path("actions/<int:pk>/frameworks/", views.action_links, name="action_links"),
]
