"""Each step of the plan cycle tells the other side, once per recipient, in the inbox and by e-mail (issue 14)."""

import pytest
from django.core import mail

from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.notifications.models import Notifikasi
from programs import services
from programs.models import Status
from tests.programs.factories import fill_quarter, make_plan


@pytest.fixture
def people(staf, petugas_a, petugas_b, admin, pimpinan, opd_a):
    """Addresses for everyone, and a second officer of OPD A (both of A's officers must hear of A's plan)."""
    second = user_create(username="fajar", password="x-Passw0rd!", role=Role.PETUGAS_OPD, opd=opd_a)
    for user in (staf, petugas_a, petugas_b, admin, pimpinan, second):
        user.email = f"{user.username}@opop.test"
        user.save(update_fields=["email"])
    return {"second": second}


def _sent(callbacks_ctx, action):
    mail.outbox.clear()
    Notifikasi.objects.all().delete()
    with callbacks_ctx(execute=True):
        action()
    inbox = sorted(Notifikasi.objects.values_list("penerima__username", "judul", "tautan"))
    emails = sorted((m.to[0], m.subject) for m in mail.outbox)
    return inbox, emails


def test_submitting_a_plan_tells_diskop_staff(petugas_a, opd_a, people, django_capture_on_commit_callbacks):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2)
    inbox, emails = _sent(
        django_capture_on_commit_callbacks, lambda: services.rencana_submit(actor=petugas_a, rencana=rencana)
    )
    assert inbox == [("bob", "Rencana Dinas Kominfo 2024 menunggu verifikasi", f"/program/{rencana.pk}/")]
    assert emails == [("bob@opop.test", "[OPOP Jatim] Rencana Dinas Kominfo 2024 menunggu verifikasi")]
    message = Notifikasi.objects.get()
    assert message.isi == "Dina mengajukan rencana OPOP Dinas Kominfo tahun 2024 (2 kegiatan)."
    assert f"/program/{rencana.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("action", "title"),
    [
        ("return", "Rencana Dinas Kominfo 2024 dikembalikan untuk diperbaiki"),
        ("verify", "Rencana Dinas Kominfo 2024 diverifikasi"),
    ],
)
def test_returning_or_verifying_tells_every_officer_of_that_opd_only(
    action, title, staf, petugas_a, opd_a, people, django_capture_on_commit_callbacks
):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIAJUKAN)
    if action == "return":
        step = lambda: services.rencana_return(actor=staf, rencana=rencana, catatan="Kegiatan No. 2: target naik.")  # noqa: E731
    else:
        step = lambda: services.rencana_verify(actor=staf, rencana=rencana)  # noqa: E731
    inbox, emails = _sent(django_capture_on_commit_callbacks, step)
    assert [(who, judul) for who, judul, _ in inbox] == [("dina", title), ("fajar", title)]
    assert [to for to, _ in emails] == ["dina@opop.test", "fajar@opop.test"]  # never eko (OPD B)
    if action == "return":
        assert "Kegiatan No. 2: target naik." in Notifikasi.objects.first().isi


def test_reopening_tells_the_officers_and_diskop(
    admin, staf, petugas_a, opd_a, people, django_capture_on_commit_callbacks
):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    inbox, emails = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.rencana_reopen(actor=admin, rencana=rencana, alasan="Salah pagu"),
    )
    assert [who for who, *_ in inbox] == ["bob", "dina", "fajar"]
    assert len(emails) == 3
    assert all("Salah pagu" in m.body for m in mail.outbox)


def test_quarterly_reports_go_the_same_way(staf, petugas_a, opd_a, people, django_capture_on_commit_callbacks):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, status=Status.DIVERIFIKASI, verifier=staf)
    fill_quarter(rencana, petugas_a, 1)
    inbox, _ = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1),
    )
    assert inbox == [("bob", "Laporan TW I Dinas Kominfo 2024 menunggu verifikasi", f"/program/{rencana.pk}/#tw-1")]
    inbox, _ = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.laporan_return(actor=staf, rencana=rencana, triwulan=1, catatan="Lampirkan bukti"),
    )
    assert [(w, j) for w, j, _ in inbox] == [
        ("dina", "Laporan TW I Dinas Kominfo 2024 dikembalikan"),
        ("fajar", "Laporan TW I Dinas Kominfo 2024 dikembalikan"),
    ]
    services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1)
    inbox, _ = _sent(
        django_capture_on_commit_callbacks,
        lambda: services.laporan_verify(actor=staf, rencana=rencana, triwulan=1),
    )
    assert [j for _, j, _ in inbox] == ["Laporan TW I Dinas Kominfo 2024 diverifikasi"] * 2


def test_a_refused_step_tells_nobody(staf, petugas_a, opd_a, people, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2024)  # draft: cannot be verified

    def refused():
        with pytest.raises(ValidationError):
            services.rencana_verify(actor=staf, rencana=rencana)

    inbox, emails = _sent(django_capture_on_commit_callbacks, refused)
    assert inbox == [] and emails == []
