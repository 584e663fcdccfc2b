"""Cursor pagination for every list of the API: the registry's keyset pages (pesantren/pagination.py) over the
primary key, so page 20 000 of a million santripreneur costs what page 1 costs; `jumlah` is counted only up to the
same cap as the pages ("10 000+": `jumlah_lebih`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from pesantren.pagination import COUNT_CAP, capped_count, keyset_page

CURSOR = "kursor"
SIZE = "ukuran"
DEFAULT_SIZE = 50
MAX_SIZE = 200


def _size(request):
    value = request.query_params.get(SIZE, "")
    return min(int(value), MAX_SIZE) if value.isdigit() and int(value) > 0 else DEFAULT_SIZE


class CursorPagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.count, self.more = capped_count(queryset)
        self.page = keyset_page(queryset, field="pk", cursor=request.query_params.get(CURSOR), per_page=_size(request))
        return self.page.items

    def _link(self, cursor):
        if not cursor:
            return None
        return replace_query_param(self.request.build_absolute_uri(), CURSOR, cursor)

    def get_paginated_response(self, data):
        previous = self._link(self.page.previous_cursor)
        if previous is None and self.page.has_previous:
            previous = remove_query_param(self.request.build_absolute_uri(), CURSOR)
        return Response(
            {
                "jumlah": self.count,
                "jumlah_lebih": self.more,
                "berikutnya": self._link(self.page.next_cursor),
                "sebelumnya": previous,
                "hasil": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        url = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["jumlah", "jumlah_lebih", "berikutnya", "sebelumnya", "hasil"],
            "properties": {
                "jumlah": {
                    "type": "integer",
                    "description": str(_("Jumlah baris, dihitung paling banyak %(cap)s.") % {"cap": COUNT_CAP}),
                },
                "jumlah_lebih": {"type": "boolean"},
                "berikutnya": url,
                "sebelumnya": url,
                "hasil": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR,
                "in": "query",
                "required": False,
                "description": str(_("Kursor halaman dari tautan “berikutnya” atau “sebelumnya”.")),
                "schema": {"type": "string"},
            },
            {
                "name": SIZE,
                "in": "query",
                "required": False,
                "description": str(
                    _("Baris per halaman (bawaan %(d)s, paling banyak %(m)s).") % {"d": DEFAULT_SIZE, "m": MAX_SIZE}
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_SIZE},
            },
        ]
