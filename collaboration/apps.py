from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Working together")

    def ready(self):
        from . import history_rows, receivers  # noqa: F401  (receivers: actions.events)

        history_rows.register()
