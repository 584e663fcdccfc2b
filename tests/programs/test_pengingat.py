"""Chasing from the compliance board (issue 29): "Kirim pengingat" tells one OPD's officers what it owes (inbox and
e-mail), is recorded with who and when, and is refused a second time within 24 hours; "Teks WhatsApp" lists exactly
what is missing with the link; Staf and Admin only."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from opop.notifications.models import Notifikasi
from programs import services
from programs.models import Pengingat, Status
from tests.access import LOGIN, assert_access
from tests.programs.factories import fill_quarter, make_plan

MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 403}


@pytest.fixture
def owing(staf, petugas_a, petugas_b, opd_a, opd_b):
    """2024, long past: OPD A's verified plan reported TW I only; OPD B never submitted a plan."""
    for user in (petugas_a, petugas_b):
        user.email = f"{user.username}@opop.test"
        user.save(update_fields=["email"])
    plan = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    fill_quarter(plan, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=plan, triwulan=1)
    make_plan(actor=petugas_b, opd=opd_b, tahun=2024)
    Notifikasi.objects.all().delete()
    mail.outbox.clear()
    return plan


@pytest.mark.parametrize("persona", MATRIX)
def test_sending_a_reminder_is_for_staf_and_admin(persona, as_persona, owing, opd_a):
    response = as_persona(persona).post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/")
    assert_access(response, MATRIX[persona])
    assert Pengingat.objects.count() == (1 if MATRIX[persona] == 302 else 0)


@pytest.mark.parametrize("persona", MATRIX)
def test_sending_to_every_late_opd_is_for_staf_and_admin(persona, as_persona, owing):
    assert_access(as_persona(persona).post("/program/kepatuhan/2024/pengingat/"), MATRIX[persona])


def test_get_is_not_allowed(as_persona, owing, opd_a):
    assert as_persona("staf").get(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/").status_code == 405


def test_a_reminder_reaches_each_officer_once_and_a_repeat_within_24_hours_is_refused(
    as_persona, owing, opd_a, petugas_a, staf, django_capture_on_commit_callbacks
):
    client = as_persona("staf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/", follow=True)
    assert "Pengingat dikirim ke petugas" in response.content.decode()
    (message,) = Notifikasi.objects.all()
    assert message.penerima == petugas_a
    assert message.isi.splitlines() == [
        "• Laporan TW II 2024 (batas 15 Juli 2024)",
        "• Laporan TW III 2024 (batas 15 Oktober 2024)",
        "• Laporan TW IV 2024 (batas 15 Januari 2025)",
    ]
    assert [m.to for m in mail.outbox] == [["dina@opop.test"]]
    (sent,) = Pengingat.objects.all()
    assert (sent.opd, sent.tahun, sent.dikirim_oleh) == (opd_a, 2024, staf)

    again = client.post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/", follow=True).content.decode()
    assert "sudah dikirim" in again and "kirim lagi paling cepat" in again
    assert (Notifikasi.objects.count(), Pengingat.objects.count()) == (1, 1)

    Pengingat.objects.update(dikirim_pada=timezone.now() - datetime.timedelta(hours=25))
    client.post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/")
    assert Pengingat.objects.count() == 2


def test_an_opd_that_owes_nothing_is_not_reminded(as_persona, owing, opd_a, petugas_a):
    for triwulan in (2, 3, 4):
        fill_quarter(owing, petugas_a, triwulan)
        services.laporan_submit(actor=petugas_a, rencana=owing, triwulan=triwulan)
    html = as_persona("staf").post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/", follow=True).content.decode()
    assert "tidak punya tunggakan 2024" in html
    assert not Pengingat.objects.exists()


def test_every_late_opd_at_once(as_persona, owing, opd_a, opd_b):
    html = as_persona("staf").post("/program/kepatuhan/2024/pengingat/", follow=True).content.decode()
    assert sorted(Pengingat.objects.values_list("opd__singkatan", flat=True)) == sorted(
        [opd_a.singkatan, opd_b.singkatan]
    )
    b = Pengingat.objects.get(opd=opd_b)
    assert b.isi == "• Rencana OPOP 2024 belum diajukan"
    assert "Pengingat dikirim ke 2 OPD" in html


def test_the_board_offers_the_reminder_and_the_whatsapp_text_to_staf_only(as_persona, owing, opd_a):
    html = as_persona("staf").get("/program/kepatuhan/?tahun=2024").content.decode()
    assert f'action="/program/kepatuhan/2024/pengingat/{opd_a.pk}/"' in html
    assert "Yth. petugas OPOP" in html and "1. Laporan TW II 2024 (batas 15 Juli 2024)" in html
    assert f"/program/{owing.pk}/" in html.split(f'id="wa-{opd_a.pk}"')[1].split("</textarea>")[0]
    for persona in ("pimpinan", "petugas_a"):
        assert "Kirim pengingat" not in as_persona(persona).get("/program/kepatuhan/?tahun=2024").content.decode()


def test_a_sent_reminder_disables_the_button_and_says_who_sent_it(as_persona, owing, opd_a):
    client = as_persona("staf")
    client.post(f"/program/kepatuhan/2024/pengingat/{opd_a.pk}/")
    html = client.get("/program/kepatuhan/?tahun=2024").content.decode()
    assert f'disabled aria-describedby="pengingat-{opd_a.pk}"' in html and "oleh Bob" in html


def test_a_year_outside_the_programme_is_not_found(as_persona, opd_a):
    assert as_persona("staf").post(f"/program/kepatuhan/1999/pengingat/{opd_a.pk}/").status_code == 404
