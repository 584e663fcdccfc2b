"""Every error of the API as an RFC 9457 problem detail (`application/problem+json`): `type`, `title`, `status`,
an Indonesian `detail` (the portal's language; English for a user who chose it), and for invalid input `errors`, one
entry per field that names it. The pages' own refusals become the same documents: a lookup's Http404 (not visible)
is 404, its PermissionDenied (visible, not allowed) is 403, a service's ValidationError is 400 with the fields."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def titles():
    return {
        400: _("Permintaan tidak valid"),
        401: _("Perlu autentikasi"),
        403: _("Tidak diizinkan"),
        404: _("Tidak ditemukan"),
        405: _("Metode tidak diizinkan"),
        406: _("Format jawaban tidak tersedia"),
        409: _("Konflik dengan keadaan data"),
        412: _("Versi data sudah berubah"),
        415: _("Jenis isi tidak didukung"),
        428: _("Header If-Match diperlukan"),
        429: _("Terlalu banyak permintaan"),
    }


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "if_match_required"


def _messages(detail):
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def _field_errors(detail, prefix=""):
    """[{"field": "output", "detail": "…"}] from DRF's nested error detail; "non_field_errors" has no field."""
    if isinstance(detail, dict):
        found = []
        for name, value in detail.items():
            field = "" if name in ("non_field_errors", "__all__") else f"{prefix}{name}"
            found += _field_errors(value, f"{field}." if field else prefix)
        return found
    if isinstance(detail, list):
        return [e for value in detail for e in _field_errors(value, prefix)]
    return [{"field": prefix.rstrip("."), "detail": str(detail)}]


def validation_problem(error):
    """A service's or form's django ValidationError as DRF's, with its field names."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError({name: list(messages) for name, messages in error.message_dict.items()})
    return exceptions.ValidationError(error.messages)


def problem_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Data tidak ditemukan atau tidak dapat Anda lihat."))
    elif isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or _("Anda tidak berhak melakukan tindakan ini.")
        exc = exceptions.PermissionDenied(message)
    elif isinstance(exc, DjangoValidationError):
        exc = validation_problem(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    body = {"type": "about:blank", "title": titles().get(code, response.status_text), "status": code}
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        body["detail"] = (
            _("Data yang dikirim tidak valid: %(fields)s.")
            % {"fields": ", ".join(e["field"] or _("(umum)") for e in errors)}
            if errors
            else _("Data yang dikirim tidak valid.")
        )
        body["errors"] = errors
    else:
        body["detail"] = " ".join(_messages(exc.detail)) if hasattr(exc, "detail") else str(exc)
    request = context.get("request")
    if request is not None:
        body["instance"] = request.path
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def not_found(request, exception=None):
    """The portal's 404 (handler404): under /api/v1/ a problem detail, like every other answer of the API (a path
    that names no endpoint, or an id that is not a number); elsewhere the page."""
    if request.path.startswith("/api/v1/"):
        body = {
            "type": "about:blank",
            "title": titles()[404],
            "status": 404,
            "detail": _("Alamat ini tidak ada di API."),
            "instance": request.path,
        }
        return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)
    return page_not_found(request, exception)


def bad_request(request, exception=None):
    """The portal's 400 (handler400: a NUL byte in a parameter, refused by middleware before any view)."""
    if request.path.startswith("/api/v1/"):
        body = {
            "type": "about:blank",
            "title": titles()[400],
            "status": 400,
            "detail": _("Permintaan memuat karakter yang tidak diizinkan."),
            "instance": request.path,
        }
        return JsonResponse(body, status=400, content_type=PROBLEM_CONTENT_TYPE)
    return django_bad_request(request, exception)
