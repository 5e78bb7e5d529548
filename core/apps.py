from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: what every app may import and nothing here imports an app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import history_requests

        history_requests.connect()
