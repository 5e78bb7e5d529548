from django.urls import path

from .views import follow_ups, my_work, plan, plan_items

app_name = "actions"

urlpatterns = [
    path("my-work/", my_work.my_work, name="my_work"),
    path("plan/<slug:slug>/", plan.plan, name="plan"),
    path("plan/<slug:slug>/new/", plan.action_new, name="new"),
    path("plan/<slug:slug>/indicators/", plan_items.indicators_edit, name="indicators"),
    path("<int:pk>/", plan.action_detail, name="detail"),
    path("<int:pk>/edit/", plan.action_edit, name="edit"),
    path("<int:pk>/archive/", plan.action_archive, name="archive"),
    path("<int:pk>/status/", plan.action_status, name="status"),
    path("<int:pk>/milestones/", plan_items.milestones_edit, name="milestones"),
    path("<int:pk>/follow-up/new/", follow_ups.follow_up_new, name="follow_up_new"),
    path("follow-up/<int:pk>/", follow_ups.follow_up_detail, name="follow_up"),
    path("follow-up/<int:pk>/edit/", follow_ups.follow_up_edit, name="follow_up_edit"),
    path("follow-up/<int:pk>/submit/", follow_ups.follow_up_submit, name="follow_up_submit"),
    path("follow-up/<int:pk>/review/", follow_ups.follow_up_review, name="follow_up_review"),
]
