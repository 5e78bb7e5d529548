from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frameworks"
    verbose_name = _("Frameworks")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from reporting import cache

        from .loading import ensure_shipped

        # The shipped SDGs and Europa 2020 are reference data: a flushed database gets
        # them back, as it gets its content types and permissions back.
        post_migrate.connect(ensure_shipped, sender=self, dispatch_uid="frameworks-shipped")

        # The links show on the cached dashboard and public page: a link made or removed
        # makes them stale, as any write to the plan does (reporting.cache.PLAN_MODELS).
        # The shared frameworks' names and colours show on every plan's cached pages too
        # (no municipality of their own: `_changed` bumps every plan).
        for name in (
            "Framework",
            "FrameworkItem",
            "GoalLink",
            "ActionLink",
            "GoalAreaLink",
            "StrategyPointLink",
            "StrategyFramework",
        ):
            model = self.get_model(name)
            uid = f"plan-version-frameworks.{name}"
            post_save.connect(cache._changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(cache._changed, sender=model, dispatch_uid=f"{uid}-delete")
