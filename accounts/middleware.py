from django.conf import settings
from django.utils import translation

from .permissions import membership_of


class MunicipalityLanguageMiddleware:
    """Interface language: the user's own choice, else their municipality's language.

    An explicit choice is the language cookie (set by the language switcher) or the
    membership's language. Without either, staff in Time get nynorsk, in Arvika Swedish.
    Runs after AuthenticationMiddleware; LocaleMiddleware has already handled the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "LANGUAGE_FROM_MUNICIPALITY", True) and not request.COOKIES.get(
            settings.LANGUAGE_COOKIE_NAME
        ):
            m = membership_of(request.user)
            language = m and (m.language or (m.municipality and m.municipality.language))
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
