"""The OpenAPI document (drf-spectacular): every operation lists the problem details it may answer with, and the
token scheme is described once."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from opop.api.problems import PROBLEM_CONTENT_TYPE

PROBLEM = inline_serializer(
    "Problem",
    {
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(help_text="Penjelasan dalam bahasa Indonesia."),
        "instance": serializers.CharField(required=False),
        "errors": serializers.ListField(
            child=inline_serializer(
                "ProblemField",
                {
                    "field": serializers.CharField(help_text="Nama isian yang salah; kosong untuk kesalahan umum."),
                    "detail": serializers.CharField(),
                },
            ),
            required=False,
        ),
    },
)

DESCRIPTIONS = {
    400: "Data atau parameter tidak valid; `errors` menyebut isiannya.",
    401: "Tanpa token, token tidak dikenal, kedaluwarsa atau dicabut.",
    403: "Data terlihat, tetapi peran atau token Anda tidak boleh melakukan ini.",
    404: "Tidak ada, atau tidak dapat Anda lihat.",
    409: "Keadaan data menolak perubahan (mis. laporan triwulan sudah diajukan); `detail` menyebut alasannya.",
    412: "If-Match tidak cocok: data sudah diubah sejak Anda membacanya. Tidak ada yang ditulis.",
    428: "Data sudah ada: kirim If-Match berisi ETag-nya.",
    429: "Terlalu banyak percobaan token yang gagal dari alamat ini.",
}
ALWAYS = (400, 401, 403, 429)
WRITES = (404, 409, 412, 428)


def _problem(code):
    return OpenApiResponse(response=PROBLEM, description=DESCRIPTIONS[code])


class PortalAutoSchema(AutoSchema):
    """Every operation documents the problem details it may answer with: 400/401/403/429 everywhere, 404 where the
    path names an object, 409/412/428 for a write."""

    def _problem_codes(self):
        codes = set(ALWAYS)
        if "{" in self.path:
            codes.add(404)
        if self.method in ("PUT", "PATCH", "POST", "DELETE"):
            codes.update(WRITES)
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._problem_codes():
            responses.setdefault(str(code), self._get_response_for_code(_problem(code), str(code), direction=direction))
        return responses

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        if str(status_code)[0] in "45":
            media_types = [PROBLEM_CONTENT_TYPE]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "opop.api.authentication.ApiTokenAuthentication"
    name = "tokenApi"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token API pribadi dari halaman akun (Token API): `Authorization: Bearer opop_…`.",
        }
