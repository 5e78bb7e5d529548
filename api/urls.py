from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", views.schema, name="schema"),
    path("docs/", views.docs, name="docs"),
    path("municipalities/", views.municipalities, name="municipalities"),
    path("municipalities/<slug:slug>/", views.municipality, name="municipality"),
    path("strategies/", views.strategies, name="strategies"),
    path("strategies/<slug:slug>/", views.strategy, name="strategy"),
    path("goal-areas/", views.goal_areas, name="goal_areas"),
    path("goals/", views.goals, name="goals"),
    path("strategy-points/", views.strategy_points, name="strategy_points"),
    path("actions/", views.actions, name="actions"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("indicators/", views.indicators, name="indicators"),
    path("partners/", views.partners, name="partners"),
    path("twin-towns/", views.twin_towns, name="twin_towns"),
]
