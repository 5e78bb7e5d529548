from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal: backup and restore."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "operations"
