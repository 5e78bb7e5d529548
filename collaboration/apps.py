from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Working together")

    def ready(self):
        # receivers: actions.events; tasks: registered in every process, since services
        # enqueue them by name (the quick start runs them in-process).
        from . import history_rows, receivers, tasks  # noqa: F401

        history_rows.register()
