"""Every URL of the portal × every persona. A URL pattern without a declared rule fails the suite,
so a new page cannot ship without saying who may open it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS

ALL_SIGNED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}
LOGIN = "login"  # anonymous: redirect to the login page

# url -> {persona: expected status}; "login" means a redirect to the login page.
MATRIX = {
    "/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/indikator/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/wilayah/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/wilayah/35.17/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/wilayah/99.99/": {"anonymous": LOGIN, **{p: 404 for p in ALL_SIGNED_IN}},
    "/opd/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/publik/": {p: 200 for p in PERSONAS},
    "/healthz": {p: 200 for p in PERSONAS},
    "/akun/masuk/": {"anonymous": 200, **{p: 302 for p in ALL_SIGNED_IN}},
    "/akun/ubah-sandi/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/akun/ubah-sandi/selesai/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/akun/reset-sandi/": {p: 200 for p in PERSONAS},
    "/akun/reset-sandi/terkirim/": {p: 200 for p in PERSONAS},
    "/akun/reset/selesai/": {p: 200 for p in PERSONAS},
    "/akun/keluar/": {"anonymous": LOGIN, **{p: 405 for p in ALL_SIGNED_IN}},  # logout is POST only
    # Django admin: only the Admin role; everyone else is sent to the admin login.
    "/admin/": {"admin": 200, **{p: LOGIN for p in PERSONAS if p != "admin"}},
}

# Patterns covered by a rule above or by a test of their own (named here so the walk below stays complete).
COVERED_ELSEWHERE = {
    "akun/reset/<uidb64>/<token>/": "tests/accounts/test_password_reset.py",
    "i18n/setlang/": "tests/common/test_language_switch.py",
    # Registry (pesantren app): each file holds the per-persona matrix of its view, hand-crafted POSTs included.
    "pesantren/": "tests/pesantren/test_pesantren_list.py",
    "pesantren/baru/": "tests/pesantren/test_pesantren_create.py",
    "pesantren/pilihan/": "tests/pesantren/test_pesantren_options.py",
    "pesantren/<int:pk>/": "tests/pesantren/test_pesantren_detail.py",
    "pesantren/<int:pk>/ubah/": "tests/pesantren/test_pesantren_edit.py",
    "pesantren/<int:pk>/hapus/": "tests/pesantren/test_pesantren_delete.py",
    "pesantren/<int:pk>/kopontren/": "tests/pesantren/test_kopontren_edit.py",
    "santripreneur/": "tests/pesantren/test_santripreneur_list.py",
    "santripreneur/baru/": "tests/pesantren/test_santripreneur_create.py",
    "santripreneur/cari-nik/": "tests/pesantren/test_santripreneur_nik_search.py",
    "santripreneur/duplikat/": "tests/pesantren/test_santripreneur_duplicates.py",
    "santripreneur/<int:pk>/": "tests/pesantren/test_santripreneur_detail.py",
    "santripreneur/<int:pk>/ubah/": "tests/pesantren/test_santripreneur_edit.py",
    "santripreneur/<int:pk>/hapus/": "tests/pesantren/test_santripreneur_delete.py",
    "santripreneur/<int:pk>/partisipasi/baru/": "tests/pesantren/test_participation_add.py",
    "santripreneur/<int:pk>/partisipasi/<int:participation_pk>/hapus/": "tests/pesantren/test_participation_delete.py",
    "santripreneur/<int:pk>/gabung/<int:other_pk>/": "tests/pesantren/test_santripreneur_merge.py",
    "santripreneur/<int:pk>/bukan-duplikat/<int:other_pk>/": "tests/pesantren/test_santripreneur_not_duplicate.py",
    "sociopreneur/": "tests/pesantren/test_sociopreneur_list.py",
    "sociopreneur/baru/": "tests/pesantren/test_sociopreneur_create.py",
    "sociopreneur/cari-nik/": "tests/pesantren/test_sociopreneur_nik_search.py",
    "sociopreneur/<int:pk>/": "tests/pesantren/test_sociopreneur_detail.py",
    "sociopreneur/<int:pk>/ubah/": "tests/pesantren/test_sociopreneur_edit.py",
    "sociopreneur/<int:pk>/hapus/": "tests/pesantren/test_sociopreneur_delete.py",
}


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route == "admin/":
                yield route  # Django's own admin: one entry, protected as a whole
                continue
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _route_to_url(route):
    return "/" + route.replace("<str:kode>", "35.17")


@pytest.mark.parametrize(("url", "persona"), [(u, p) for u in MATRIX for p in PERSONAS])
def test_access_matrix(url, persona, as_persona):
    expected = MATRIX[url][persona]
    response = as_persona(persona).get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        login_url = "/admin/login/" if url.startswith("/admin/") else "/akun/masuk/"
        assert response["Location"].startswith(login_url)
    else:
        assert response.status_code == expected


def test_every_file_named_for_a_route_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert [f for f in COVERED_ELSEWHERE.values() if not (root / f).exists()] == []


@pytest.mark.django_db
def test_every_url_pattern_has_an_access_rule():
    declared = {u.lstrip("/") for u in MATRIX}
    routes = list(_patterns())
    missing = [r for r in routes if _route_to_url(r).lstrip("/") not in declared and r not in COVERED_ELSEWHERE]
    print(f"{len(routes)} URL patterns checked")
    assert not missing, f"URL patterns without an access rule in MATRIX: {missing}"


def test_anonymous_redirect_keeps_the_requested_page(client, db):
    response = client.get("/wilayah/35.17/")
    assert response["Location"] == "/akun/masuk/?next=/wilayah/35.17/"
