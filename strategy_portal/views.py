"""Site-wide views: the health check, the favicon's old address and the server-error pages."""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)

# Seconds a browser or a client is asked to wait before trying again while the database
# is away (a restart, a fail-over takes about this long).
RETRY_AFTER = 30
# Errors that mean "the database is not there right now", not a bug: connection refused or
# lost, the server restarting, a lock held too long.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def favicon(request):
    """/favicon.ico, which some browsers and crawlers ask for whatever the page links: the
    vendored icon (static/img), not a 404 in every log."""
    return HttpResponseRedirect(static("img/favicon-32.png"))


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        logger.warning("Health check: the database does not answer", exc_info=True)
        connection.close_if_unusable_or_obsolete()
        return "down"


def _check_cache():
    try:
        cache.set("healthz", "ok", 10)
        return "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:  # the cache's client errors differ per backend
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return "down"


def _check_broker():
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
        return "ok"
    except redis.RedisError:
        logger.warning("Health check: the job queue does not answer", exc_info=True)
        return "down"


def healthz(request):
    """For load balancers, docker-compose and supervisors: which dependency is down.

    200 while the database answers (the site can serve pages: without the cache they are
    slower, without the broker reports wait); 503 when it does not. Each dependency is
    named with "ok", "down" or "not configured".
    """
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    healthy = checks["database"] == "ok"
    degraded = "down" in checks.values()
    status = "ok" if not degraded else ("degraded" if healthy else "unavailable")
    response = JsonResponse({"status": status, **checks}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def _language(request):
    """The visitor's language without the database: the one the middleware activated
    (their choice, their browser) or, if the error came first, the request's own."""
    if getattr(request, "LANGUAGE_CODE", None):
        return translation.get_language()
    return translation.get_language_from_request(request)


def server_error(request, template_name="500.html"):
    """handler500. A database that is away is a 503 with Retry-After and a page in the
    visitor's language saying to try again shortly; anything else is Django's 500 page.

    Rendered without the request's context processors: those read the user, the session
    and the membership, that is, the database that is not there."""
    error = sys.exc_info()[1]
    if not isinstance(error, DATABASE_UNAVAILABLE):
        return defaults.server_error(request, template_name)
    with translation.override(_language(request)):
        body = render_to_string(
            "503.html",
            {"retry_after": RETRY_AFTER, "LANGUAGE_CODE": translation.get_language()},
        )
        response = HttpResponse(body, status=503)
        response["Content-Language"] = translation.get_language()
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
