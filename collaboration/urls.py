from django.urls import path

from . import views

app_name = "collaboration"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read/", views.notification_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
]
