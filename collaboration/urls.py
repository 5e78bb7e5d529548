from django.urls import path

from . import comment_views, evidence_views, views

app_name = "collaboration"

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="open"),
    path("notifications/read/", views.notification_read_all, name="read_all"),
    path("notifications/settings/", views.notification_settings, name="settings"),
    path("actions/<int:pk>/comments/", comment_views.action_comment, name="action_comment"),
    path("actions/<int:pk>/follow/", comment_views.action_follow, name="follow"),
    path(
        "actions/follow-up/<int:pk>/comments/",
        comment_views.follow_up_comment,
        name="follow_up_comment",
    ),
    path(
        "actions/follow-up/<int:pk>/evidence/",
        evidence_views.evidence_add,
        name="evidence_add",
    ),
    path("evidence/<int:pk>/", evidence_views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/remove/", evidence_views.evidence_remove, name="evidence_remove"),
    path("comments/<int:pk>/edit/", comment_views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/remove/", comment_views.comment_remove, name="comment_remove"),
]
