"""Every URL of the portal × every persona. A URL pattern without a declared rule fails the suite,
so a new page cannot ship without saying who may open it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import PERSONAS

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
    "/notifikasi/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/publik/": {p: 200 for p in PERSONAS},
    # Open data: public, no login (issue 30); publishing a version is the Staf's (and the Admin's).
    "/data-terbuka/": {p: 200 for p in PERSONAS},
    "/data-terbuka/katalog.jsonld": {p: 200 for p in PERSONAS},
    "/data-terbuka/terbitkan/": {
        "anonymous": LOGIN,
        "admin": 200,
        "staf": 200,
        **{p: 403 for p in ALL_SIGNED_IN if p not in ("admin", "staf")},
    },
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
    # The account's API tokens (issue 31), and the public guide "API untuk sistem mitra" (it holds no data).
    "/akun/token-api/": {"anonymous": LOGIN, **ALL_SIGNED_IN},
    "/api/v1/panduan/": {p: 200 for p in PERSONAS},
}

# Patterns covered by a rule above or by a test of their own (named here so the walk below stays complete).
COVERED_ELSEWHERE = {
    "akun/reset/<uidb64>/<token>/": "tests/accounts/test_password_reset.py",
    "i18n/setlang/": "tests/common/test_language_switch.py",
    "impor/": "tests/importer/test_import_views.py",
    "impor/batch/<int:pk>/": "tests/importer/test_import_views.py",
    "impor/batch/<int:pk>/tulis/": "tests/importer/test_import_views.py",
    "impor/batch/<int:pk>/urutan-tanggal/": "tests/importer/test_values_as_written.py",
    "impor/batch/<int:pk>/pemetaan/": "tests/importer/test_column_mapping.py",
    "impor/batch/<int:pk>/pilih-pesantren/": "tests/importer/test_column_mapping.py",
    "impor/batch/<int:pk>/baris-tersembunyi/": "tests/importer/test_hidden_rows.py",
    "impor/batch/<int:pk>/lembar/": "tests/importer/test_other_sheets.py",
    "impor/batch/<int:pk>/kosongkan/": "tests/importer/test_import_views.py",
    "impor/batch/<int:pk>/baris-gagal.<fmt:fmt>": "tests/importer/test_import_views.py",
    "impor/<slug:kind>/": "tests/importer/test_import_views.py",
    "impor/<slug:kind>/templat.<fmt:fmt>": "tests/importer/test_import_views.py",
    # Catalogue: one file per view, each with its persona matrix (public ones with the anonymous visitor).
    "produk/": "tests/products/test_product_list.py",
    "produk/ekspor.<str:fmt>": "tests/products/test_product_export.py",
    "produk/baru/": "tests/products/test_product_create.py",
    "produk/<int:pk>/": "tests/products/test_product_detail.py",
    "produk/<int:pk>/ubah/": "tests/products/test_product_edit.py",
    "produk/<int:pk>/kurasi/": "tests/products/test_product_curate.py",
    "produk/<int:pk>/foto/baru/": "tests/products/test_photo_add.py",
    "produk/<int:pk>/foto/<int:photo_pk>/hapus/": "tests/products/test_photo_delete.py",
    "produk/<int:pk>/sertifikat/baru/": "tests/products/test_certification_add.py",
    "produk/<int:pk>/sertifikat/<int:cert_pk>/ubah/": "tests/products/test_certification_edit.py",
    "produk/<int:pk>/sertifikat/<int:cert_pk>/hapus/": "tests/products/test_certification_delete.py",
    "produk/<int:pk>/sertifikat/<int:cert_pk>/dokumen/": "tests/products/test_certification_document.py",
    "katalog/": "tests/products/test_catalogue.py",
    "katalog/<int:pk>/": "tests/products/test_catalogue_detail.py",
    # OPD plans: each view's matrix (every persona, GET and POST) lives in its own test file.
    "program/": "tests/programs/test_rencana_list.py",
    "program/baru/": "tests/programs/test_rencana_create.py",
    "program/<int:pk>/": "tests/programs/test_rencana_detail.py",
    "program/<int:pk>/komentar/": "tests/programs/test_komentar.py",
    "program/<int:pk>/hapus/": "tests/programs/test_rencana_delete.py",
    "program/<int:pk>/ajukan/": "tests/programs/test_rencana_submit.py",
    "program/<int:pk>/verifikasi/": "tests/programs/test_rencana_verify.py",
    "program/<int:pk>/kembalikan/": "tests/programs/test_rencana_return.py",
    "program/<int:pk>/buka-kembali/": "tests/programs/test_rencana_reopen.py",
    "program/<int:pk>/ekspor.xlsx": "tests/programs/test_rencana_export.py",
    "program/<int:pk>/kegiatan/baru/": "tests/programs/test_kegiatan_create.py",
    "program/<int:pk>/kegiatan/unggah/": "tests/programs/test_kegiatan_upload.py",
    "program/kegiatan/<int:pk>/ubah/": "tests/programs/test_kegiatan_edit.py",
    "program/kegiatan/<int:pk>/hapus/": "tests/programs/test_kegiatan_delete.py",
    "program/kegiatan/<int:pk>/realisasi/<int:triwulan>/": "tests/programs/test_realisasi_edit.py",
    "program/<int:pk>/realisasi/<int:triwulan>/": "tests/programs/test_realisasi_grid.py",
    "program/realisasi/<int:pk>/bukti/": "tests/programs/test_bukti_download.py",
    "program/<int:pk>/laporan/<int:triwulan>/ajukan/": "tests/programs/test_laporan_submit.py",
    "program/<int:pk>/laporan/<int:triwulan>/verifikasi/": "tests/programs/test_laporan_verify.py",
    "program/<int:pk>/laporan/<int:triwulan>/kembalikan/": "tests/programs/test_laporan_return.py",
    "program/kepatuhan/": "tests/programs/test_kepatuhan.py",
    "program/kepatuhan/<int:tahun>/pengingat/": "tests/programs/test_pengingat.py",
    "program/kepatuhan/<int:tahun>/pengingat/<int:opd>/": "tests/programs/test_pengingat.py",
    "program/batas-pelaporan/": "tests/programs/test_batas_pelaporan.py",
    "program/rekap-fgd/": "tests/programs/test_rekap_fgd.py",
    "program/rekap-fgd.xlsx": "tests/programs/test_rekap_fgd_xlsx.py",
    "program/rekap-fgd/latar/": "tests/programs/test_rekap_fgd_job.py",
    "program/kendala/": "tests/programs/test_kendala.py",
    "program/kendala/<int:pk>/agenda/": "tests/programs/test_kendala_agenda.py",
    # Numbers of record (angka tetap, reopening a year): one ROUTES table × every persona.
    "program/angka-tetap/": "tests/programs/test_angka_tetap.py",
    "program/angka-tetap/<int:tahun>/tetapkan/": "tests/programs/test_angka_tetap.py",
    "program/angka-tetap/<int:tahun>/buka/": "tests/programs/test_angka_tetap.py",
    "program/angka-tetap/pembukaan/<int:pk>/setujui/": "tests/programs/test_angka_tetap.py",
    "program/angka-tetap/versi/<int:pk>.xlsx": "tests/programs/test_angka_tetap.py",
    # FGD meetings and their follow-up: one ROUTES table × every persona (own / other OPD's item included).
    "program/fgd/": "tests/programs/test_fgd.py",
    "program/fgd/baru/": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/ubah/": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/notulen.xlsx": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/agenda/": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/agenda/susun/": "tests/programs/test_fgd.py",
    "program/fgd/<int:pk>/tindak-lanjut/baru/": "tests/programs/test_fgd.py",
    "program/fgd/tindak-lanjut/<int:pk>/ubah/": "tests/programs/test_fgd.py",
    "program/fgd/tindak-lanjut/<int:pk>/status/": "tests/programs/test_fgd.py",
    "program/fgd/tindak-lanjut/<int:pk>/bukti/": "tests/programs/test_fgd.py",
    # Background jobs: the owner (and admins) only; each route's persona matrix is in the jobs view tests.
    "pekerjaan/": "tests/jobs/test_job_views.py",
    "pekerjaan/<int:pk>/": "tests/jobs/test_job_views.py",
    "pekerjaan/<int:pk>/status.json": "tests/jobs/test_job_views.py",
    "pekerjaan/<int:pk>/unduh/": "tests/jobs/test_job_views.py",
    "pekerjaan/<int:pk>/coba-lagi/": "tests/jobs/test_job_views.py",
    "pekerjaan/mulai/<slug:kind>/": "tests/jobs/test_job_views.py",
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
    # Dashboards: each file holds its view's persona matrix, hand-counted numbers and query-count bounds.
    "dasbor/tonggak/": "tests/dashboard/test_tonggak.py",
    "dasbor/kabkota/": "tests/dashboard/test_kabkota.py",
    "dasbor/opd/": "tests/dashboard/test_opd.py",
    "dasbor/ekspor/<slug:table>.xlsx": "tests/dashboard/test_export.py",
    "dasbor/sinergi/": "tests/dashboard/test_sinergi.py",
    "dasbor/sinergi/kegiatan/": "tests/dashboard/test_sinergi_kegiatan.py",
    "dasbor/sinergi/pesantren/": "tests/dashboard/test_sinergi_pesantren.py",
    # Open data: every public route with a version or a dataset, each persona (tests/opendata/).
    "data-terbuka/<slug:kode>/": "tests/opendata/test_data_terbuka_pages.py",
    "data-terbuka/<slug:kode>/metadata.xlsx": "tests/opendata/test_data_terbuka_pages.py",
    "data-terbuka/unduh/v<int:nomor>/<slug:kode>.<str:fmt>": "tests/opendata/test_data_terbuka_pages.py",
    "notifikasi/<int:pk>/buka/": "tests/notifications/test_notifikasi_open.py",
    "notifikasi/baca-semua/": "tests/notifications/test_notifikasi_read_all.py",
    "notifikasi/email/": "tests/notifications/test_email_preference.py",
    # The REST API (issue 31): no login redirect but 401/403/404 as problem details; every endpoint × persona (and
    # expired, revoked, read-only tokens) in one matrix, the list ids against their pages.
    "akun/token-api/<int:pk>/cabut/": "tests/api/test_api_tokens.py",
    "api/v1/pesantren/": "tests/api/test_api_access.py",
    "api/v1/pesantren/<int:pk>/": "tests/api/test_api_access.py",
    "api/v1/santripreneur/": "tests/api/test_api_access.py",
    "api/v1/santripreneur/<int:pk>/": "tests/api/test_api_access.py",
    "api/v1/sociopreneur/": "tests/api/test_api_access.py",
    "api/v1/sociopreneur/<int:pk>/": "tests/api/test_api_access.py",
    "api/v1/produk/": "tests/api/test_api_access.py",
    "api/v1/produk/<int:pk>/": "tests/api/test_api_access.py",
    "api/v1/rencana/": "tests/api/test_api_access.py",
    "api/v1/rencana/<int:pk>/": "tests/api/test_api_access.py",
    "api/v1/kegiatan/<int:pk>/realisasi/<int:triwulan>/": "tests/api/test_api_access.py",
    "api/v1/indikator/": "tests/api/test_api_access.py",
    "api/v1/progres/": "tests/api/test_api_access.py",
    "api/v1/schema/": "tests/api/test_api_schema.py",
    "api/v1/docs/": "tests/api/test_api_schema.py",
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


def routes_without_rule(resolver=None):
    declared = {u.lstrip("/") for u in MATRIX}
    routes = list(_patterns(resolver))
    missing = [r for r in routes if _route_to_url(r).lstrip("/") not in declared and r not in COVERED_ELSEWHERE]
    return routes, missing


@pytest.mark.django_db
def test_every_url_pattern_has_an_access_rule():
    routes, missing = routes_without_rule()
    print(f"{len(routes)} URL patterns checked")
    assert not missing, f"URL patterns without an access rule in MATRIX: {missing}"


def test_the_walk_catches_a_new_url_without_a_rule():
    """The test of the test: a page added without declaring who may open it is reported."""
    from django.urls import URLResolver, path
    from django.urls.resolvers import RegexPattern

    from opop import urls

    def new_page(request):
        raise AssertionError("never called")

    extended = URLResolver(RegexPattern(r"^/"), [*urls.urlpatterns, path("laporan-rahasia/", new_page)])
    routes, missing = routes_without_rule(extended)
    assert missing == ["laporan-rahasia/"]
    assert len(routes) == len(list(_patterns())) + 1


def test_anonymous_redirect_keeps_the_requested_page(client, db):
    response = client.get("/wilayah/35.17/")
    assert response["Location"] == "/akun/masuk/?next=/wilayah/35.17/"


def test_every_covered_elsewhere_file_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert all((root / path).is_file() for path in COVERED_ELSEWHERE.values())
