from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frameworks"
    verbose_name = _("Frameworks")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .loading import ensure_shipped

        # The shipped SDGs and Europa 2020 are reference data: a flushed database gets
        # them back, as it gets its content types and permissions back.
        post_migrate.connect(ensure_shipped, sender=self, dispatch_uid="frameworks-shipped")
