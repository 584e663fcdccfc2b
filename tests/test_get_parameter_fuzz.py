"""Every GET parameter of every list and dashboard page, fed hostile values: never a 500.

The parameters are read from the pages themselves (every <form method="get"> field and every query key of the page's
own links) plus the paging, sorting, year and format keys, so a filter added later is fuzzed without editing this
file. CI runs it on PostgreSQL, where a NUL byte or an out-of-range integer reaches the database as an error."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from pesantren.pagination import encode_cursor
from programs.services import rencana_create
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

PAGES = [
    "/",
    "/pesantren/",
    "/santripreneur/",
    "/santripreneur/duplikat/",
    "/sociopreneur/",
    "/produk/",
    "/program/",
    "/program/kepatuhan/",
    "/program/rekap-fgd/",
    "/dasbor/tonggak/",
    "/dasbor/kabkota/",
    "/dasbor/opd/",
    "/indikator/",
    "/wilayah/",
    "/opd/",
    "/impor/",
    "/pesantren/pilihan/",
    "/dasbor/ekspor/kabkota.xlsx",
    "/program/rekap-fgd.xlsx",
    "/produk/ekspor.xlsx",
]
PUBLIC_PAGES = ["/publik/", "/katalog/", "/akun/masuk/"]
ALWAYS = ["halaman", "page", "kursor", "format", "urut", "sort", "tahun", "q", "kabkota", "lang", "tampilan"]
HOSTILE = ["\x00", "35.17\x00", "9" * 40, "-1", "abc", "1e309", "' OR 1=1 --", "x" * 3000, "\x07"]
TAMPERED_CURSORS = [
    "!!!",
    encode_cursor("n", "x\x00", 1),
    encode_cursor("n", 1, 10**30),
    encode_cursor("p", "abc", -(10**30)),
    encode_cursor("n", 10**30, 1),
    encode_cursor("n", "", 1),
]


class _Params(HTMLParser):
    def __init__(self, path):
        super().__init__()
        self.path, self.names, self._in_get_form = path, set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])
        elif tag == "a" and attrs.get("href", "").startswith(("?", self.path + "?")):
            self.names.update(key for key, _ in parse_qsl(urlsplit(attrs["href"]).query, keep_blank_values=True))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _parameters(client, path):
    response = client.get(path)
    assert response.status_code < 500
    names = set(ALWAYS)
    if "html" in response.get("Content-Type", ""):
        parser = _Params(path)
        parser.feed(response.content.decode())
        names |= parser.names
    return sorted(names - {"csrfmiddlewaretoken"})


@pytest.fixture
def data(pesantren_nspps, staf, petugas_a, opd_a):
    from opop.imports.engine import run_import
    from opop.imports.registry import get_spec

    run_import(
        get_spec("santripreneur"),
        to_csv(SANTRI_HEADERS, santri_rows(30, pesantren_nspps)),
        "s.csv",
        actor=staf,
        commit=True,
    )
    rencana_create(actor=petugas_a, opd=opd_a, tahun=2024)


def _fuzz(client, path):
    client.raise_request_exception = False  # collect every failing value, not only the first
    failures = []
    for name in _parameters(client, path):
        values = HOSTILE + (TAMPERED_CURSORS if name == "kursor" else [])
        for value in values:
            response = client.get(f"{path}?{urlencode({name: value})}")
            if response.status_code >= 500:
                failures.append(f"{path}?{name}={value[:20]!r} -> {response.status_code}")
    return failures


@pytest.mark.parametrize("path", PAGES)
def test_no_get_parameter_value_gives_a_500(path, as_persona, data):
    assert _fuzz(as_persona("staf"), path) == []


@pytest.mark.parametrize("path", ["/", "/program/", "/program/kepatuhan/", "/dasbor/opd/", "/santripreneur/"])
def test_no_get_parameter_value_gives_a_500_to_an_opd_officer(path, as_persona, data):
    # The pages whose queries are scoped or shaped differently for a Petugas OPD.
    assert _fuzz(as_persona("petugas_a"), path) == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_get_parameter_value_gives_a_500_on_public_pages(path, client, data):
    assert _fuzz(client, path) == []


@pytest.mark.parametrize(
    "path",
    [
        "/wilayah/35.17\x00/",
        "/wilayah/%00/",
        "/dasbor/kabkota/35.17%00/",
        "/pesantren/0/",
        "/program/99999999999999999999/",
    ],
)
def test_hostile_path_segments_are_not_found(path, as_persona, data):
    assert as_persona("staf").get(path).status_code == 404


def test_the_fuzz_reads_the_filters_from_the_page(as_persona, data):
    names = _parameters(as_persona("staf"), "/santripreneur/")
    assert {"kabkota", "status", "q"} <= set(names)
    assert re.search("kursor", " ".join(names))
