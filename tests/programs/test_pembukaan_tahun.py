"""Issue 30, Done-when 2: reopening a closed year takes four eyes. Requested and approved by the same person is
refused; approved by another, the window opens, a change is recorded on the request (old → new), the worker relocks
the year when the window has run out (the clock moved here), and version 2 "angka perbaikan" stands beside version
1, both downloadable with their numbers."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from opop.accounts.roles import Role
from opop.jobs.models import Job
from opop.jobs.services import job_start
from programs import angka_selectors, angka_services, selectors, services
from programs.models import AngkaTetap, PembukaanTahun, Realisasi, Status, StatusPembukaan
from tests.conftest import _make
from tests.pesantren.conftest import make_pesantren, make_santri
from tests.programs.factories import first_kegiatan, make_plan, realisasi_data

FREEZE_MESSAGE = "Tahun 2025 sudah ditetapkan sebagai angka tetap"


@pytest.fixture
def closed(admin, staf, petugas_a, opd_a):
    make_santri(make_pesantren(), nama="Siti Aminah", tahun_terdaftar=2025)
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    kegiatan = first_kegiatan(rencana)
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=4, data=realisasi_data(output=40))
    angka_services.angka_tetap_freeze(actor=admin, tahun=2025)
    return kegiatan


@pytest.fixture
def admin_2(db):
    """A second holder of freeze_year: the Admin role has it by default."""
    return _make("fajar", Role.ADMIN)


def _fix_tw4(actor, kegiatan, output):
    return services.realisasi_save(
        actor=actor, kegiatan=kegiatan, triwulan=4, data=realisasi_data(output=output), versi=None
    )


def test_the_same_person_cannot_approve_their_own_request(closed, admin, as_persona):
    pembukaan = angka_services.pembukaan_request(actor=admin, tahun=2025, alasan="Output TW IV salah ketik")
    with pytest.raises(ValidationError, match="disetujui oleh orang lain"):
        angka_services.pembukaan_approve(actor=admin, pembukaan=pembukaan)
    page = as_persona("admin").post(f"/program/angka-tetap/pembukaan/{pembukaan.pk}/setujui/", follow=True)
    assert "prinsip empat mata" in page.content.decode()
    pembukaan.refresh_from_db()
    assert (pembukaan.status, pembukaan.disetujui_oleh, pembukaan.dibuka_pada) == (StatusPembukaan.DIMINTA, None, None)
    with pytest.raises(ValidationError, match=FREEZE_MESSAGE):
        _fix_tw4(closed.rencana.dibuat_oleh, closed, 55)


def test_the_database_refuses_an_approval_by_the_requester_too(closed, admin):
    from django.db import IntegrityError

    pembukaan = angka_services.pembukaan_request(actor=admin, tahun=2025, alasan="Koreksi")
    with pytest.raises(IntegrityError):
        PembukaanTahun.objects.filter(pk=pembukaan.pk).update(disetujui_oleh=admin)


def test_staf_may_ask_but_not_approve(closed, staf, admin):
    pembukaan = angka_services.pembukaan_request(actor=staf, tahun=2025, alasan="Koreksi TW IV")
    with pytest.raises(PermissionDenied):
        angka_services.pembukaan_approve(actor=staf, pembukaan=pembukaan)
    with pytest.raises(ValidationError, match="belum selesai"):  # one request at a time
        angka_services.pembukaan_request(actor=admin, tahun=2025, alasan="Lagi")


@pytest.mark.parametrize(("hours", "accepted"), [(0, False), (72, True), (336, True), (337, False)])
def test_the_window_lasts_at_most_14_days(closed, staf, hours, accepted):
    if accepted:
        assert (
            angka_services.pembukaan_request(actor=staf, tahun=2025, alasan="x", durasi_jam=hours).durasi_jam == hours
        )
    else:
        with pytest.raises(ValidationError):
            angka_services.pembukaan_request(actor=staf, tahun=2025, alasan="x", durasi_jam=hours)
        assert not PembukaanTahun.objects.exists()


def test_approved_by_another_the_window_opens_records_changes_and_relocks_as_version_2(
    closed, admin, admin_2, petugas_a, staf, as_persona, monkeypatch
):
    officer = as_persona("staf")
    response = officer.post(
        "/program/angka-tetap/2025/buka/", {"alasan": "Output TW IV salah ketik", "durasi_jam": "72"}
    )
    assert response.status_code == 302
    pembukaan = PembukaanTahun.objects.get()
    assert pembukaan.diminta_oleh == staf

    as_persona("admin").post(f"/program/angka-tetap/pembukaan/{pembukaan.pk}/setujui/")
    pembukaan.refresh_from_db()
    assert (pembukaan.status, pembukaan.disetujui_oleh) == (StatusPembukaan.DIBUKA, admin)
    assert pembukaan.berakhir_pada - pembukaan.dibuka_pada == datetime.timedelta(hours=72)

    # In the window: the correction is written, listed on the request old → new; the dashboards keep version 1.
    _fix_tw4(petugas_a, closed, 55)
    (entry,) = [e for e in angka_selectors.changes_in_window(pembukaan) if e["record"].history_type == "~"]
    assert ("output tercapai (kumulatif)", 40, 55) in [(str(f), old, new) for f, old, new in entry["changes"]]
    assert sum(r["realisasi"] for r in selectors.commitments_by_indicator_opd(staf, 2025)) == 40
    page = officer.get("/program/angka-tetap/?tahun=2025").content.decode()
    assert "40 → 55" in page and "Dibuka untuk perbaikan sampai" in page

    # The clock moves past the window; the worker's hourly run relocks the year and takes version 2.
    later = timezone.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with pytest.raises(ValidationError, match=FREEZE_MESSAGE):  # locked as soon as the window ran out
        _fix_tw4(petugas_a, closed, 60)
    job = job_start(actor=None, kind="kunci_tahun")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and "1 tahun dikunci kembali" in job.message
    pembukaan.refresh_from_db()
    assert (pembukaan.status, pembukaan.ditutup_pada) == (StatusPembukaan.DITUTUP, later)

    v1, v2 = AngkaTetap.objects.filter(tahun=2025).order_by("versi")
    assert (v1.versi, v1.perbaikan, v2.versi, v2.perbaikan, v2.pembukaan) == (1, False, 2, True, pembukaan)
    assert [r["realisasi"] for r in v1.data["rencana"]] == [40]
    assert [r["realisasi"] for r in v2.data["rencana"]] == [55]
    assert sum(r["realisasi"] for r in selectors.commitments_by_indicator_opd(staf, 2025)) == 55
    assert Realisasi.objects.get(kegiatan=closed, triwulan=4).output == 55
    with pytest.raises(ValidationError, match=FREEZE_MESSAGE):
        _fix_tw4(petugas_a, closed, 60)

    officer.force_login(staf)  # the session ran out with the clock
    page = officer.get("/program/angka-tetap/?tahun=2025").content.decode()
    assert 'data-versi="1"' in page and 'data-versi="2"' in page and "angka perbaikan" in page
    assert "Angka perbaikan (versi 2) per" in officer.get("/?tahun=2025").content.decode()
    for version, realised in ((v1, 40), (v2, 55)):
        download = officer.get(f"/program/angka-tetap/versi/{version.pk}.xlsx")
        assert download.status_code == 200
        assert f"versi-{version.versi}.xlsx" in download["Content-Disposition"]
        book = load_workbook(io.BytesIO(download.content), read_only=True)
        rows = list(book["Rencana OPD"].iter_rows(values_only=True))
        assert ("Angka perbaikan (versi 2) per" if version.perbaikan else "Angka tetap per") in rows[0][0]
        assert rows[2][7] == realised  # the kegiatan's realisation in this version
        indicators = {row[0]: row[3] for row in book["Indikator"].iter_rows(min_row=3, values_only=True)}
        assert indicators["santripreneur"] == 1


def test_nothing_relocks_before_the_window_runs_out(closed, staf, admin, admin_2):
    pembukaan = angka_services.pembukaan_request(actor=admin, tahun=2025, alasan="Koreksi")
    angka_services.pembukaan_approve(actor=admin_2, pembukaan=pembukaan)
    assert angka_services.pembukaan_relock_due(now=timezone.now()) == []
    assert AngkaTetap.objects.filter(tahun=2025).count() == 1
