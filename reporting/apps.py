from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """What is left of the app split into `dashboards` and `annual_reports` (issue 16):
    its migrations, which made the annual report's tables (annual_reports keeps their
    names). Installed for them alone, so databases migrated before the split and any
    migration depending on ("reporting", ...) keep working; it has no code or models."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"
