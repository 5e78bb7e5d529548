from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "annual_reports"

    def ready(self):
        # checks: the report job's system checks; tasks: registered in every process, since
        # services enqueue them by name (the quick start runs them in-process).
        from . import checks, tasks  # noqa: F401
