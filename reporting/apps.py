from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"

    def ready(self):
        # checks: the report job's system checks; tasks: registered in every process, since
        # services enqueue them by name (the quick start runs them in-process).
        from . import checks, tasks  # noqa: F401
        from .cache import connect_signals

        connect_signals()  # every write to a plan makes its cached figures stale
