from django.apps import apps
from django.conf import settings
from django.utils import translation

from core.tenancy import page_owner, strategy_prefix

from .permissions import is_admin, membership_of, visible_municipalities, visible_strategies


def chosen_language(request):
    """The visitor's explicit choice: the language switcher's cookie, if it names one of
    ours (LocaleMiddleware has already activated it)."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def member_language(user):
    """A member's language: the one set on their membership, else their municipality's."""
    m = membership_of(user)
    if m is None:
        return None
    return m.language or (m.municipality and m.municipality.language) or None


def page_language(user, resolver_match):
    """The language of the municipality the page belongs to, when this user may see it;
    None for pages of no municipality and for rows the user may not see (their 404 must
    look like any other). One query, or none."""
    if resolver_match is None:
        return None
    try:
        owner = page_owner(resolver_match.func)  # the view's @municipality_page
    except AttributeError:  # another package's view (auth, admin, i18n)
        return None
    if owner is None:
        return None
    key = resolver_match.kwargs.get(owner.argument)
    # Staff screens: anyone but an admin here is not a member of a municipality, so gets
    # a sign-in page or a 404, whose language must not hint that the row exists.
    if key is None or (owner.staff_only and not is_admin(user)):
        return None
    model = apps.get_model(owner.model)
    rows = model.objects.filter(**{owner.field: key})
    prefix = strategy_prefix(model)
    if prefix is None:
        rows, language = visible_municipalities(user, rows), "language"
    else:
        rows = visible_strategies(user, rows, prefix)
        language = f"{prefix}municipality__language"
    return rows.values_list(language, flat=True).first()


class MunicipalityLanguageMiddleware:
    """Interface language, in this order: the visitor's explicit choice (the switcher's
    cookie); for members, the language on their membership, else their municipality's;
    on a page that belongs to one municipality (its public page, plans, dashboard,
    partners…), that municipality's language; else the browser's Accept-Language; else
    the site default. Staff in Time get nynorsk everywhere, also on Arvika's public page;
    an anonymous visitor reads Arvika's pages in Swedish and Time's in nynorsk.

    Runs after AuthenticationMiddleware; LocaleMiddleware has already handled the cookie
    and Accept-Language. The page's municipality costs one query at most, and only for
    visitors who are not members of a municipality.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # True once the language is settled: by choice, or by the user's membership.
        request._language_settled = True
        if getattr(settings, "LANGUAGE_FROM_MUNICIPALITY", True) and not chosen_language(request):
            language = member_language(request.user)
            if language:
                _activate(request, language)
            else:
                request._language_settled = False
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(request, "_language_settled", True):
            language = page_language(request.user, request.resolver_match)
            if language:
                _activate(request, language)
        return None


def _activate(request, language):
    translation.activate(language)
    request.LANGUAGE_CODE = language


# Sessions signed in before the portal had a backend of its own name Django's; they read on
# under ours (the same sign-in rules), instead of everyone being signed out at a deploy.
LEGACY_SESSION_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "accounts.backends.MemberBackend",
}


class LegacySessionBackendMiddleware:
    """Between the session and authentication middleware: a session that names a backend
    no longer listed is moved to the one that replaced it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth import BACKEND_SESSION_KEY

        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            replacement = LEGACY_SESSION_BACKENDS.get(session.get(BACKEND_SESSION_KEY))
            if replacement in settings.AUTHENTICATION_BACKENDS:
                session[BACKEND_SESSION_KEY] = replacement
        return self.get_response(request)
