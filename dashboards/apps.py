from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"

    def ready(self):
        from .cache import connect_signals

        connect_signals()  # every write to a plan makes its cached figures stale
