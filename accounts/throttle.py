"""Counting requests per hour in the cache, for limits such as password-reset e-mails."""

import hashlib
import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def within_limit(scope, identity, limit, window=3600):
    """Count one more request for (scope, identity); False once `limit` is passed.

    A cache that is down lets requests through (logged): a limit must not turn into an
    outage of the sign-in pages."""
    key = f"throttle:{scope}:" + hashlib.sha256(str(identity).encode()).hexdigest()
    try:
        if cache.add(key, 1, window):
            return True
        return cache.incr(key) <= limit
    except Exception:  # noqa: BLE001 - any cache failure
        log.warning("Throttle cache unavailable; %s not limited", scope, exc_info=True)
        return True
