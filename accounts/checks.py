"""Deploy checks for accounts (`manage.py check --deploy`): a production portal must not
keep the quick start's demo accounts, nor trust the wrong address for lockouts."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import DatabaseError

# Usernames the demo loader creates; checked for the published password even when an
# account was not marked as demo (a copy of an older quick-start database).
DEMO_USERNAME = re.compile(r"^(admin|[a-z0-9-]+-(coordinator|editor|politician))$")
# Each check of a password costs a full hash: bounded, whatever the number of users.
MAX_PASSWORDS_CHECKED = 200


def _demo_password():
    from strategy_files.management.commands.load_demo import DEMO_PASSWORD

    return DEMO_PASSWORD


@checks.register(checks.Tags.security, deploy=True)
def no_demo_accounts(app_configs=None, **kwargs):
    User = get_user_model()
    try:
        candidates = list(
            User.objects.filter(is_active=True)
            .select_related("membership")
            .order_by("-membership__is_demo", "pk")
            .only("username", "password", "is_superuser", "membership__is_demo")[:5000]
        )
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to find
    errors = []
    demo = []
    checked = 0
    for user in candidates:
        membership = getattr(user, "membership", None)
        marked = membership is not None and membership.is_demo
        if not (marked or DEMO_USERNAME.match(user.username)) or not user.has_usable_password():
            continue
        if checked >= MAX_PASSWORDS_CHECKED:
            break
        checked += 1
        if user.check_password(_demo_password()):
            demo.append(user)
    if demo:
        names = ", ".join(user.username for user in demo[:10])
        errors.append(
            checks.Error(
                f"{len(demo)} active account(s) have the published demo password: {names}"
                + (" …" if len(demo) > 10 else "")
                + ".",
                hint="This database was filled by `manage.py load_demo`. In production load "
                "strategies with `manage.py load_seeds` or `import_strategy` only; deactivate "
                "or delete the demo accounts (or give them new passwords).",
                id="accounts.E001",
            )
        )
    if any(user.username == "admin" and user.is_superuser for user in demo):
        errors.append(
            checks.Error(
                "The demo loader's superuser 'admin' is active with the published password.",
                hint="Delete it and create your own with `manage.py createsuperuser`.",
                id="accounts.E002",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def lockout_reads_the_real_client_address(app_configs=None, **kwargs):
    """Behind a proxy, lockouts must be keyed on the client's address, or one attacker's
    failures lock the real user out (every request seems to come from the proxy)."""
    proxy_settings = [
        name
        for name in ("AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_PROXY_TRUSTED_IPS")
        if getattr(settings, name, None)
    ]
    resolver = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    if proxy_settings and not resolver:
        try:
            import ipware  # noqa: F401
        except ImportError:
            return [
                checks.Error(
                    f"{', '.join(proxy_settings)} is set, but django-axes reads it only "
                    "through django-ipware, which is not installed: every sign-in seems to "
                    "come from the proxy.",
                    hint="Set TRUSTED_PROXY_COUNT (the portal's own client-address "
                    "resolver, AXES_CLIENT_IP_CALLABLE) instead.",
                    id="accounts.E003",
                )
            ]
    if resolver and settings.TRUSTED_PROXY_COUNT == 0 and not settings.DEBUG:
        return [
            checks.Warning(
                "TRUSTED_PROXY_COUNT is 0: sign-in lockouts count the connecting address. "
                "Behind a reverse proxy that is the proxy's, for every user.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the portal "
                "(1 for the documented TLS proxy).",
                id="accounts.W001",
            )
        ]
    return []
