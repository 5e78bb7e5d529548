from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"

    def ready(self):
        from .cache import connect_signals

        connect_signals()  # every write to a plan makes its cached figures stale
