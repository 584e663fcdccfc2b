"""Issue 16, "files as they really arrive": rows hidden in Excel (by custom, participants who dropped out) are left
out and named by default; the preview lists them with the name read from each, and the uploader may include them —
then they are read, checked and written like any other row, and the notice says they were included at the
officer's choice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.reading import Reading
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.access import LOGIN, assert_access
from tests.importer.test_agency_layout import agency_workbook


@pytest.fixture
def batch(pesantren_nspps, private_media, staf):
    """The agency list with row 6 (Siti Aminah) hidden in Excel."""
    upload = SimpleUploadedFile("peserta.xlsx", agency_workbook(pesantren_nspps, hide_second=True))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    return batch


def _notices(batch):
    return [message for row, _column, message in shown(batch.warnings) if row == 0]


def _choose(client, batch, value, **kwargs):
    response = client.post(f"/impor/batch/{batch.pk}/baris-tersembunyi/", {"ikutkan": value}, **kwargs)
    batch.refresh_from_db()
    return response


def test_by_default_hidden_rows_are_skipped_listed_by_name_and_offered(as_persona, batch):
    assert batch.counts["create"] == 1 and "baris_tersembunyi" not in batch.options
    assert batch.offers["hidden"] == [[6, "Siti Aminah"]] and batch.offers["hidden_count"] == 1
    [notice] = [n for n in _notices(batch) if "tersembunyi" in n]
    assert notice.startswith("1 baris tersembunyi di Excel tidak diimpor: baris 6.")
    assert "“Ikutkan baris tersembunyi” di pratinjau" in notice
    html = as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="baris-tersembunyi"' in html and "<li>Baris 6: Siti Aminah</li>" in html
    assert 'name="ikutkan" value="ya"' in html


def test_included_on_choice_hidden_rows_are_checked_and_written(as_persona, batch):
    client = as_persona("staf")
    assert _choose(client, batch, "ya").status_code == 302
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.options["baris_tersembunyi"] is True
    assert batch.counts["create"] == 2 and batch.row_count == 2
    assert any(
        n.startswith("1 baris tersembunyi di Excel ikut diimpor atas pilihan Anda: baris 6.") for n in _notices(batch)
    )
    html = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "<li>Baris 6: Siti Aminah</li>" in html and 'name="ikutkan" value="tidak"' in html

    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "2-0-0-0"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    assert sorted(Santripreneur.objects.values_list("nama", flat=True)) == ["Ahmad Fauzi", "Siti Aminah"]


def test_an_included_hidden_row_is_validated_like_any_other(pesantren_nspps):
    data = agency_workbook(pesantren_nspps, hide_second=True, bad_nik_in_second=True)
    result = run_import(
        get_spec("santripreneur"), data, "p.xlsx", actor=None, commit=True, reading=Reading(hidden=True)
    )
    assert not result.committed
    assert [(n, column) for n, column, _m in result.error_list()] == [(6, "NIK")]
    assert not Santripreneur.objects.exists()


def test_the_choice_can_be_taken_back(as_persona, batch):
    client = as_persona("staf")
    _choose(client, batch, "ya")
    _choose(client, batch, "tidak")
    assert "baris_tersembunyi" not in batch.options and batch.counts["create"] == 1
    assert batch.offers["hidden"] == [[6, "Siti Aminah"]]


@pytest.mark.parametrize("value", ["mungkin", ""])
def test_a_bad_choice_is_refused_and_nothing_changes(as_persona, batch, value):
    before = (batch.options, batch.counts, batch.status)
    response = _choose(as_persona("staf"), batch, value, follow=True)
    assert "Pilihan baris tersembunyi tidak dikenali; muat ulang halaman." in response.content.decode()
    assert (batch.options, batch.counts, batch.status) == before and batch.jobs.count() == 1


def test_a_file_without_hidden_rows_cannot_include_them(as_persona, pesantren_nspps, private_media, staf):
    upload = SimpleUploadedFile("peserta.xlsx", agency_workbook(pesantren_nspps))
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    batch.refresh_from_db()
    assert batch.offers["hidden"] == []
    assert 'id="baris-tersembunyi"' not in as_persona("staf").get(f"/impor/batch/{batch.pk}/").content.decode()
    response = _choose(as_persona("staf"), batch, "ya", follow=True)
    assert "Berkas ini tidak punya baris tersembunyi di Excel" in response.content.decode()
    assert "baris_tersembunyi" not in batch.options


def test_a_written_batch_keeps_its_choice(as_persona, batch):
    client = as_persona("staf")
    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "1-0-0-0"})
    response = _choose(client, batch, "ya", follow=True)
    assert "Batch ini sudah diproses sebelumnya." in response.content.decode()
    assert "baris_tersembunyi" not in batch.options and Santripreneur.objects.count() == 1


MATRIX = {"anonymous": LOGIN, "admin": 403, "staf": 302, "pimpinan": 404, "petugas_a": 404, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_hidden_rows_access(persona, as_persona, batch):
    response = as_persona(persona).post(f"/impor/batch/{batch.pk}/baris-tersembunyi/", {"ikutkan": "ya"})
    assert_access(response, MATRIX[persona])
    batch.refresh_from_db()
    assert ("baris_tersembunyi" in batch.options) == (MATRIX[persona] == 302)


def test_hidden_rows_is_post_only(as_persona, batch):
    assert as_persona("staf").get(f"/impor/batch/{batch.pk}/baris-tersembunyi/").status_code == 405


def test_command_line_includes_hidden_rows_when_asked(tmp_path, pesantren_nspps, capsys, admin):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(agency_workbook(pesantren_nspps, hide_second=True))
    call_command("import_data", "santripreneur", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "1 baru" in out and "--baris-tersembunyi" in out
    call_command("import_data", "santripreneur", str(path), "--user", admin.username, "--baris-tersembunyi")
    assert "2 baru" in capsys.readouterr().out
    assert sorted(Santripreneur.objects.values_list("nama", flat=True)) == ["Ahmad Fauzi", "Siti Aminah"]
