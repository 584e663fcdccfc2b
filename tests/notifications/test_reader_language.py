"""Notifications are read in the reader's language (issue 29): a message keeps its untranslated texts and values, the
inbox renders them in the active language; the e-mail and rows stored before keep the portal language's wording."""

import datetime

from django.utils import translation

from opop.notifications.models import Notifikasi
from programs import services
from programs.models import LaporanTriwulan, Status
from programs.reminders import reminders_send
from tests.programs.factories import make_plan


def _inbox(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client.get("/notifikasi/").content.decode()


def test_a_returned_plan_reads_in_english_for_an_english_reader_and_stays_indonesian_in_the_row(
    as_persona, staf, petugas_a, opd_a
):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIAJUKAN)
    services.rencana_return(actor=staf, rencana=rencana, catatan="Lengkapi lokasi kegiatan No. 1")
    message = Notifikasi.objects.get(penerima=petugas_a, jenis="dikembalikan")
    assert message.judul == f"Rencana {opd_a.singkatan} 2024 dikembalikan untuk diperbaiki"  # the e-mail's wording

    client = as_persona("petugas_a")
    english = _inbox(client, "en")
    assert f"Plan of {opd_a.singkatan} 2024 returned for corrections" in english
    assert "dikembalikan untuk diperbaiki" not in english
    assert "Lengkapi lokasi kegiatan No. 1" in english  # what Diskop wrote is shown as written

    indonesian = _inbox(client, "id")
    assert "dikembalikan untuk diperbaiki" in indonesian


def test_a_reminders_date_is_written_in_the_readers_language(as_persona, staf, petugas_a, opd_a):
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    assert not LaporanTriwulan.objects.exists()
    assert reminders_send(today=datetime.date(2024, 4, 14)) >= 1  # TW I's report is due on 15 April
    english = _inbox(as_persona("petugas_a"), "en")
    assert "15 April 2024" in english and "must be submitted" in english
    with translation.override("id"):
        message = Notifikasi.objects.filter(penerima=petugas_a).latest("pk")
        assert "harus diajukan paling lambat 15 April 2024" in message.isi_dibaca


def test_a_message_stored_without_its_texts_shows_its_stored_wording(as_persona, petugas_a, message_for):
    message_for(petugas_a, judul="Pesan lama tanpa teks asli")
    html = _inbox(as_persona("petugas_a"), "en")
    assert "Pesan lama tanpa teks asli" in html


def test_a_text_whose_values_no_longer_fit_falls_back_to_the_stored_wording(petugas_a, message_for):
    message = message_for(petugas_a, judul="Judul tersimpan")
    message.teks = {"judul": "Rencana %(opd)s %(tahun)s diverifikasi", "isi": "", "nilai": {"opd": "Kominfo"}}
    with translation.override("en"):
        assert message.judul_dibaca == "Judul tersimpan"
