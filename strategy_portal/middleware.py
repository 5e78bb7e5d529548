"""Guards every request passes before a view sees it."""

import re
import time

from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# Characters no database column stores (PostgreSQL refuses NUL in text; a lone surrogate
# cannot be encoded as UTF-8): refused at the door, for every view and form at once.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# A query parameter is a filter, a search or a page number, never a document.
MAX_QUERY_VALUE = 2000

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _problem(querydict: QueryDict, limit=None):
    for key, values in querydict.lists():
        for text in [key, *values]:
            if UNSTORABLE.search(text):
                return _("The request contains a character that cannot be stored (such as NUL).")
            if limit is not None and len(text) > limit:
                return _("A value in the address is too long (at most %(limit)s characters).") % {
                    "limit": limit
                }
    return None


class HostileInputMiddleware:
    """A 400 with a plain explanation, instead of a server error deep in a view or the
    database, for an address nothing valid can contain: a NUL byte (PostgreSQL refuses it
    in a query), a lone surrogate, a parameter longer than any filter or search.

    Posted forms are left to the forms: each of their text fields refuses a NUL with an
    error next to the field, keeping everything else the user typed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _problem(request.GET, MAX_QUERY_VALUE)
        if problem is not None:
            body = render_to_string("400.html", {"problem": problem}, request=request)
            return HttpResponseBadRequest(body)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """No page of the portal needs the camera, microphone, location or payment APIs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SessionIdleRefreshMiddleware:
    """The session's idle timeout (SESSION_COOKIE_AGE) starts again with activity, as
    SESSION_SAVE_EVERY_REQUEST would do, but the session is written at most once a
    minute (SESSION_REFRESH_SECONDS), not on every page: a database write saved per
    request. Listed right after SessionMiddleware, so the mark is saved with the session."""

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        # A session written anyway (sign-in, a message) takes the mark for free.
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response
