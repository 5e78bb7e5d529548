from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path("<slug:slug>/plan.xlsx", views.plan_download, name="download"),
    path("<slug:slug>/public.xlsx", views.public_download, name="public"),
    path("<slug:slug>/upload/", views.plan_upload, name="upload"),
    path("<slug:slug>/apply/", views.plan_apply, name="apply"),
]
