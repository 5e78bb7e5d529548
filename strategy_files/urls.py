from django.urls import path

from . import views

app_name = "spreadsheets"

urlpatterns = [
    path("<slug:slug>/plan.xlsx", views.plan_download, name="download"),
]
