from django.urls import path

from . import plan_goal_views, views

app_name = "goals"

urlpatterns = [
    path("m/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("m/<slug:slug>/publication/", views.publication, name="publication"),
    path("strategy/<slug:slug>/", views.strategy_detail, name="strategy"),
    path("strategy/<slug:slug>/plan-goals/", plan_goal_views.plan_goals_edit, name="plan_goals"),
]
