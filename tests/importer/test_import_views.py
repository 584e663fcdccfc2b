"""Web import: upload → preview → commit, and who may do it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.access import LOGIN, PERSONAS, assert_access
from tests.importer.data import SANTRI_HEADERS, santri_rows, to_csv

WRITERS = {"admin", "staf"}


def _upload(rows, name="santri.csv"):
    return SimpleUploadedFile(name, to_csv(SANTRI_HEADERS, rows), content_type="text/csv")


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=_upload(santri_rows(5, pesantren_nspps)))


def _expected(persona, allowed=200):
    if persona == "anonymous":
        return LOGIN
    return allowed if persona in WRITERS else 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "url", ["/impor/", "/impor/santripreneur/", "/impor/santripreneur/templat.xlsx", "/impor/pesantren/templat.csv"]
)
def test_import_pages_access_matrix(url, persona, as_persona):
    if url == "/impor/" and persona.startswith("petugas"):  # an OPD officer imports plan lines (their plans only)
        page = as_persona(persona).get(url)
        assert page.status_code == 200 and [spec.kind for spec in page.context["specs"]] == ["plan_lines"]
        return
    assert_access(as_persona(persona).get(url), _expected(persona))


def test_unknown_kind_is_404(as_persona):
    assert as_persona("staf").get("/impor/rahasia/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("staf", 200), ("admin", 200), ("pimpinan", 404), ("petugas_a", 404), ("anonymous", 302)],
)
def test_a_batch_is_visible_to_its_uploader_and_admins_only(persona, expected, batch, as_persona):
    client = as_persona(persona)
    assert client.get(f"/impor/batch/{batch.pk}/").status_code == expected
    assert client.get(f"/impor/batch/{batch.pk}/baris-gagal.csv").status_code == expected


def test_another_staf_member_cannot_open_or_commit_my_batch(batch, client, db):
    from opop.accounts.roles import Role
    from opop.accounts.services import user_create
    from tests.conftest import PASSWORD

    other = user_create(username="staf2", password=PASSWORD, role=Role.STAF_DISKOP)
    client.force_login(other)
    assert client.get(f"/impor/batch/{batch.pk}/").status_code == 404
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code == 404
    assert Santripreneur.objects.count() == 0


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_read_only_roles_cannot_upload(persona, as_persona, pesantren_nspps, private_media):
    response = as_persona(persona).post("/impor/santripreneur/", {"file": _upload(santri_rows(3, pesantren_nspps))})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists() and not Santripreneur.objects.exists()


def test_commit_is_post_only(batch, as_persona):
    assert as_persona("staf").get(f"/impor/batch/{batch.pk}/tulis/").status_code == 405


def test_upload_preview_then_commit_writes_everything(as_persona, pesantren_nspps, private_media):
    client = as_persona("staf")
    response = client.post("/impor/santripreneur/", {"file": _upload(santri_rows(12, pesantren_nspps))})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/impor/batch/{batch.pk}/"
    assert Santripreneur.objects.count() == 0  # the preview writes nothing
    page = client.get(response["Location"]).content.decode()
    assert 'data-count="create">12<' in page and "Tulis ke registri" in page

    response = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    assert "Impor selesai: 12 data baru" in response.content.decode()
    assert Santripreneur.objects.count() == 12
    batch.refresh_from_db()
    assert batch.status == "committed"
    again = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True)
    assert "sudah diproses" in again.content.decode() and Santripreneur.objects.count() == 12


def test_web_preview_of_10000_rows_reports_the_50_bad_rows(as_persona, pesantren_nspps, private_media):
    rows = santri_rows(10_000, pesantren_nspps)
    for i in range(0, 10_000, 200):
        rows[i][3] = "31-02-2004"  # no such date
    client = as_persona("staf")
    response = client.post("/impor/santripreneur/", {"file": _upload(rows)}, follow=True)
    batch = ImportBatch.objects.get()
    assert batch.invalid_count == 50
    assert sorted(r for r, _c, _m in batch.errors) == [i + 2 for i in range(0, 10_000, 200)]
    html = response.content.decode()
    assert "50 baris tidak valid" in html and "Tulis ke registri" not in html
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code == 302
    assert Santripreneur.objects.count() == 0

    response = client.get(f"/impor/batch/{batch.pk}/baris-gagal.csv")
    failed = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()  # written by the check job
    assert len(failed) == 51 and failed[0].startswith("Kesalahan,Nama lengkap")
    assert failed[1].startswith("Tanggal lahir: Tanggal tidak dikenali")


def test_oversized_or_wrong_type_upload_is_refused_with_a_message(as_persona, settings, private_media):
    settings.IMPORT_MAX_BYTES = 100
    client = as_persona("staf")
    big = SimpleUploadedFile("besar.csv", b"x" * 200, content_type="text/csv")
    html = client.post("/impor/santripreneur/", {"file": big}).content.decode()
    assert "Berkas terlalu besar" in html
    pdf = SimpleUploadedFile("data.pdf", b"%PDF", content_type="application/pdf")
    html = client.post("/impor/santripreneur/", {"file": pdf}).content.decode()
    assert "Jenis berkas tidak didukung" in html
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("staf", 302), ("admin", 403), ("pimpinan", 404), ("petugas_a", 404), ("anonymous", 302)],
)
def test_the_emptying_choice_is_its_uploaders_only(persona, expected, batch, as_persona):
    """POST /impor/batch/<pk>/kosongkan/: the uploader chooses, as with the column mapping; an Admin sees the batch
    but may not choose for its uploader (403); anyone else finds no such batch. Refused: the options stay."""
    before = dict(batch.options)
    response = as_persona(persona).post(f"/impor/batch/{batch.pk}/kosongkan/", {"kolom": ["telepon"]})
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith("/akun/masuk/")
    batch.refresh_from_db()
    assert (batch.options != before) == (expected == 302 and persona != "anonymous")
    assert as_persona("staf").get(f"/impor/batch/{batch.pk}/kosongkan/").status_code == 405
