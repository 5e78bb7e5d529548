from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .models import Membership

        post_save.connect(_membership_changed, sender=Membership, dispatch_uid="membership-saved")
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_mark_activity, dispatch_uid="session-activity-at-sign-in")
        post_delete.connect(
            _membership_changed, sender=Membership, dispatch_uid="membership-deleted"
        )


def _membership_changed(sender, instance, origin=None, **kwargs):
    """Staff status and groups follow the membership (accounts.services)."""
    from django.contrib.auth import get_user_model

    from .services import sync_admin_access

    if isinstance(origin, get_user_model()):
        return  # the user is being deleted with their membership
    sync_admin_access(instance.user)


def _mark_activity(sender, request, user, **kwargs):
    """Signing in counts as activity: the session saved with it carries the mark, so the
    next page does not write it again (strategy_portal.middleware)."""
    import time

    from strategy_portal.middleware import SessionIdleRefreshMiddleware

    session = getattr(request, "session", None)
    if session is not None:
        session[SessionIdleRefreshMiddleware.KEY] = int(time.time())
