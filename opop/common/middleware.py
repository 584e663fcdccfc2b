from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils import translation

from opop.common.text import control_character


class ChosenLanguageMiddleware:
    """Indonesian for everyone unless the user picked another language with the switcher (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; office browsers are often set
    to English, and the portal must open in Indonesian for them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has no CSP of its own), and
    `Cache-Control: private, no-store` on everything a signed-in user receives: pages and exports may hold
    personal data, and neither a shared proxy nor the browser's disk cache may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response


class RefuseControlCharactersMiddleware:
    """A path with a control character names no page (404); a query or form value with a NUL byte is a bad request
    (400) before any view runs: PostgreSQL cannot compare text with NUL, so a filter would otherwise fail as a 500.
    Other control characters in form fields are refused by the fields themselves, with a message (apps.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if control_character(request.path):
            raise Http404
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL byte in a request parameter")
        return self.get_response(request)
