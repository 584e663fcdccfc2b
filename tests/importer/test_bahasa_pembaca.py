"""An import's report and a job's result are read in the reader's language (issue 29): the engine stores each
message as its untranslated text and values (opop.common.reader_language), the preview, the failed-rows file, the
job page and the inbox write it in the active language; batches and jobs stored before keep their wording."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from opop.common.reader_language import Deferred, deferred, deferred_plural, listed, revived, shown, stored
from opop.imports.models import ImportBatch
from opop.imports.services import import_preview
from opop.jobs.models import Job
from opop.notifications.models import Jenis, Notifikasi
from programs.importers import KegiatanImport
from tests.importer.data import SANTRI_HEADERS, to_csv
from tests.programs.factories import make_plan

UNREGISTERED = "510035999999"
NOT_IMPORTED = "Keterangan panitia"


def _santri_file(nspp):
    rows = [
        ["Santri Satu", "3517011708040001", "L", "17-08-2004", "", nspp, "Kuliner", "Aktif", "2023", "x"],
        ["Santri Dua", "3517011708040002", "P", "18-08-2004", "", nspp, "Kuliner", "Aktif", "2023", ""],
        ["Santri Tiga", "3517010101000003", "L", "01-01-2000", "", UNREGISTERED, "Kuliner", "Aktif", "2023", ""],
        ["Santri Empat", "3517010101000004", "L", "31-02-2004", "", nspp, "Kuliner", "Aktif", "2023", ""],
    ]
    content = to_csv([*SANTRI_HEADERS, NOT_IMPORTED], rows)
    return SimpleUploadedFile("santri.csv", content, content_type="text/csv")


@pytest.fixture
def santri_batch(staf, pesantren_nspps, private_media):
    """Checked by its job as a worker checks it: in the portal's language."""
    with translation.override("id"):
        return import_preview(actor=staf, kind="santripreneur", uploaded_file=_santri_file(pesantren_nspps[0]))


def _in(client, language, url):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode() if not hasattr(response, "streaming_content") else b"".join(response).decode()


# What the santri file's preview reports, in each language: a row error, a warning, a notice about the file.
SANTRI_ENGLISH = [
    f"No pesantren with NSPP {UNREGISTERED} is registered.",
    "Date not recognised; write it like 17-08-2004 or 17 August 2004.",
    "Birth date 18-08-2004 differs from the birth date in the NIK (17-08-04).",
    "The sex differs from the one coded in the NIK (day +40 for women).",
    f"columns not imported (mapped to no field): {NOT_IMPORTED}.",
]
SANTRI_INDONESIAN = [
    f"Pesantren dengan NSPP {UNREGISTERED} belum terdaftar.",
    "Tanggal tidak dikenali; tulis seperti 17-08-2004 atau 17 Agustus 2004.",
    "Tanggal lahir 18-08-2004 tidak sama dengan tanggal lahir di NIK (17-08-04).",
    "Jenis kelamin tidak sama dengan yang tersandi di NIK (tanggal +40 untuk perempuan).",
    f"kolom tidak diimpor (tidak dipetakan ke field mana pun): {NOT_IMPORTED}.",
]


def test_the_same_stored_batch_reads_in_english_for_an_english_reader_and_in_indonesian_for_an_indonesian_one(
    santri_batch, as_persona
):
    batch = ImportBatch.objects.get(pk=santri_batch.pk)
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.invalid_count == 2
    # Stored as texts and values, not as the words of the language the check ran in.
    assert {message["msgid"] for _row, _column, message in batch.errors} >= {
        "Pesantren dengan NSPP %(v)s belum terdaftar.",
        "Tanggal tidak dikenali; tulis seperti 17-08-2004 atau 17 Agustus 2004.",
    }
    client = as_persona("staf")
    english = _in(client, "en", batch.get_absolute_url())
    for text in SANTRI_ENGLISH:
        assert text in english
    for text in SANTRI_INDONESIAN:
        assert text not in english
    indonesian = _in(client, "id", batch.get_absolute_url())
    for text in SANTRI_INDONESIAN:
        assert text in indonesian


def test_a_plan_line_upload_reads_in_the_readers_language(petugas_a, opd_a, as_persona, private_media):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024)
    example = {column.key: column.example for column in KegiatanImport.columns} | {
        "triwulan": "TW I, TW II, TW III, TW IV"
    }
    rows = [
        [{**example, **change}.get(column.key, "") for column in KegiatanImport.columns]
        for change in ({"indikator": "Indikator Lain"}, {"target": "sepuluh", "uraian": "Pelatihan kedua"})
    ]
    content = to_csv([column.header for column in KegiatanImport.columns], rows)
    upload = SimpleUploadedFile("kegiatan.csv", content, content_type="text/csv")
    with translation.override("id"):
        batch = import_preview(
            actor=petugas_a, kind="plan_lines", uploaded_file=upload, options={"rencana": rencana.pk}
        )
    client = as_persona("petugas_a")
    english = _in(client, "en", batch.get_absolute_url())
    assert "Unknown indicator; use a name such as Santripreneur." in english
    assert "Must be a whole number, e.g. 100." in english
    assert "Indikator tidak dikenal" not in english and "Harus bilangan bulat" not in english
    indonesian = _in(client, "id", batch.get_absolute_url())
    assert "Indikator tidak dikenal; pakai nama seperti Santripreneur." in indonesian


def test_a_batch_stored_before_keeps_its_plain_messages(santri_batch, as_persona):
    ImportBatch.objects.filter(pk=santri_batch.pk).update(
        errors=[[3, "NIK", "Pesan lama yang tersimpan sebagai teks"]],
        warnings=[[0, "", "Catatan lama tentang berkas"], [2, "Nama", "Peringatan lama"]],
        confirmations=[],
    )
    english = _in(as_persona("staf"), "en", santri_batch.get_absolute_url())
    for text in ("Pesan lama yang tersimpan sebagai teks", "Catatan lama tentang berkas", "Peringatan lama"):
        assert text in english


def test_a_file_refused_whole_says_why_in_the_readers_language(staf, as_persona, private_media):
    upload = SimpleUploadedFile("kosong.csv", to_csv(SANTRI_HEADERS, []), content_type="text/csv")
    with translation.override("id"):
        batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)
    client = as_persona("staf")
    english = _in(client, "en", batch.get_absolute_url())
    assert "The file contains no data rows." in english and "Berkas tidak berisi baris data." not in english
    job = Job.objects.get(batch=batch)
    assert job.message == "Berkas ditolak seluruhnya: Berkas tidak berisi baris data."  # the portal's wording
    assert "File refused as a whole: The file contains no data rows." in _in(client, "en", job.get_absolute_url())


def test_the_failed_rows_file_speaks_the_readers_language(santri_batch, as_persona):
    client = as_persona("staf")
    url = f"/impor/batch/{santri_batch.pk}/baris-gagal.csv"
    english = _in(client, "en", url)
    assert english.lstrip("\ufeff").startswith("Error") and f"No pesantren with NSPP {UNREGISTERED}" in english
    indonesian = _in(client, "id", url)  # the file the check wrote
    assert indonesian.lstrip("\ufeff").startswith("Kesalahan") and "belum terdaftar" in indonesian


def test_a_finished_job_is_announced_and_shown_in_the_readers_language(santri_batch, staf, as_persona):
    message = Notifikasi.objects.get(penerima=staf, jenis=Jenis.PEKERJAAN)
    assert message.judul.startswith("Pekerjaan selesai: Impor")  # the stored wording (and the e-mail's)
    assert message.isi.startswith("Pemeriksaan selesai: 2 data baru")
    client = as_persona("staf")
    english = _in(client, "en", "/notifikasi/")
    assert "Job done: Import" in english and "Check finished: 2 new" in english
    assert "Pekerjaan selesai" not in english and "Pemeriksaan selesai" not in english
    indonesian = _in(client, "id", "/notifikasi/")
    assert "Pekerjaan selesai: Impor" in indonesian and "Pemeriksaan selesai: 2 data baru" in indonesian
    job = Job.objects.get(batch=santri_batch)
    assert job.message.startswith("Pemeriksaan selesai")  # the portal's wording, kept
    assert "Check finished: 2 new" in _in(client, "en", job.get_absolute_url())
    assert "Import santripreneur: santri.csv" in _in(client, "en", "/pekerjaan/")


def test_a_job_stored_before_keeps_its_wording(santri_batch, as_persona):
    Job.objects.filter(batch=santri_batch).update(teks={}, label="Impor lama", message="Pesan lama pekerjaan")
    job = Job.objects.get(batch=santri_batch)
    assert "Pesan lama pekerjaan" in _in(as_persona("staf"), "en", job.get_absolute_url())


# ---------------------------------------------------------------- the helper


def test_a_deferred_message_reads_now_in_the_active_language_and_later_in_the_readers():
    with translation.override("id"):
        message = deferred("Pesantren dengan NSPP %(v)s belum terdaftar.") % {"v": UNREGISTERED}
    assert message == f"Pesantren dengan NSPP {UNREGISTERED} belum terdaftar."  # a str, as before
    kept = stored([2, "NSPP", message])
    assert kept[2] == {"msgid": "Pesantren dengan NSPP %(v)s belum terdaftar.", "nilai": {"v": UNREGISTERED}}
    with translation.override("en"):
        assert shown(kept) == [2, "NSPP", f"No pesantren with NSPP {UNREGISTERED} is registered."]
        assert str(revived(kept[2])) == f"No pesantren with NSPP {UNREGISTERED} is registered."
    assert shown("Pesan lama") == "Pesan lama"


def test_values_inside_a_message_are_translated_too():
    labels = listed([deferred("selesai"), "CSV"])
    message = deferred("Pekerjaan %(status)s: %(label)s") % {"status": labels, "label": datetime.date(2026, 5, 1)}
    with translation.override("en"):
        assert shown(stored(message)) == "Job done, CSV: 1 May 2026"
    with translation.override("id"):
        assert shown(stored(message)) == "Pekerjaan selesai, CSV: 1 Mei 2026"


def test_plural_and_changed_texts():
    sent = deferred_plural("%(n)d pengingat dikirim.", "%(n)d pengingat dikirim.", 2) % {"n": 2}
    with translation.override("en"):
        assert shown(stored(sent)) == "2 reminders sent."
    unfit = {"msgid": "Rencana %(opd)s %(tahun)s diverifikasi", "nilai": {"opd": "Kominfo"}}
    assert shown(unfit, fallback="Judul tersimpan") == "Judul tersimpan"
    number_as_text = {"msgid": "Harus bilangan bulat, misalnya %(ex)s.", "nilai": {"ex": 7}}
    with translation.override("en"):
        assert shown(number_as_text) == "Must be a whole number, e.g. 7."
    assert isinstance(deferred("Wajib diisi."), Deferred)
