from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatutoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "statutory"
    verbose_name = _("Statutory pages")
