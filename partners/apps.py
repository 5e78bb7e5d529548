from django.apps import AppConfig


class PartnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"

    def ready(self):
        from .directory import connect_signals

        connect_signals()  # the registry's cached page is made anew on every write to it
