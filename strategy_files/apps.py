from django.apps import AppConfig


class StrategyFilesConfig(AppConfig):
    """A whole strategy as one file: import, export, the admin's import page, the seeds.

    A strategy file spans the plan (goals), its partners and its actions, so this app sits
    above all three and writes to each; none of them imports it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "strategy_files"
    verbose_name = "Strategy files"

    def ready(self):
        # Registered in every process, since import_jobs enqueues it by name (the quick
        # start runs it in-process).
        from . import tasks  # noqa: F401
