"""Locking or irreversible actions need the confirmation step: the button's POST (or any direct POST) without
`konfirmasi` changes nothing and answers with a page naming what will be locked or removed (issue 14)."""

import pytest

from programs.models import Kegiatan, Rencana, Status
from tests.programs.factories import fill_quarter, first_kegiatan, make_plan


def test_submit_asks_first_and_names_what_goes(as_persona, plan_a):
    response = as_persona("petugas_a").post(f"/program/{plan_a.pk}/ajukan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ajukan rencana Dinas Kominfo 2024 ke Diskop?" in html
    assert "1 kegiatan, total pagu Rp 150.000.000" in html
    assert 'name="konfirmasi" value="ya"' in html and f'action="/program/{plan_a.pk}/ajukan/"' in html
    assert Rencana.objects.get(pk=plan_a.pk).status == Status.DRAF


def test_verify_states_the_lock(as_persona, submitted_a):
    html = as_persona("staf").post(f"/program/{submitted_a.pk}/verifikasi/").content.decode()
    assert "Rencana dikunci; hanya Admin yang dapat membukanya kembali." in html
    assert Rencana.objects.get(pk=submitted_a.pk).status == Status.DIAJUKAN
    as_persona("staf").post(f"/program/{submitted_a.pk}/verifikasi/", {"konfirmasi": "ya"})
    assert Rencana.objects.get(pk=submitted_a.pk).status == Status.DIVERIFIKASI


def test_deleting_a_plan_lists_its_kegiatan(as_persona, petugas_a, opd_a):
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2025, jumlah_kegiatan=2)
    html = as_persona("petugas_a").post(f"/program/{rencana.pk}/hapus/").content.decode()
    assert "Hapus rencana Dinas Kominfo 2025?" in html
    assert "2 kegiatan, total pagu Rp 300.000.000" in html
    assert Rencana.objects.filter(pk=rencana.pk).exists() and Kegiatan.objects.filter(rencana=rencana).count() == 2


def test_deleting_a_line_names_it(as_persona, line_a):
    html = as_persona("petugas_a").post(f"/program/kegiatan/{line_a.pk}/hapus/").content.decode()
    assert f"Hapus kegiatan “{line_a.uraian}”?" in html
    assert "pagu Rp 150.000.000" in html
    assert Kegiatan.objects.filter(pk=line_a.pk).exists()


def test_the_confirmation_lists_realisations_where_there_are_some(as_persona, admin, staf, petugas_a, opd_a):
    rencana = make_plan(
        actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf
    )
    fill_quarter(rencana, petugas_a, 1)
    from programs import services

    services.rencana_reopen(actor=admin, rencana=rencana, alasan="Perbaiki pagu")
    html = as_persona("petugas_a").post(f"/program/kegiatan/{first_kegiatan(rencana).pk}/hapus/").content.decode()
    assert "1 realisasi triwulan" in html


@pytest.mark.parametrize("value", ["", "tidak", "1", "YA"])
def test_any_other_confirmation_value_changes_nothing(value, as_persona, plan_a):
    as_persona("petugas_a").post(f"/program/{plan_a.pk}/ajukan/", {"konfirmasi": value})
    assert Rencana.objects.get(pk=plan_a.pk).status == Status.DRAF


def test_the_confirmation_page_is_not_shown_to_who_may_not_act(as_persona, plan_a):
    assert as_persona("petugas_b").post(f"/program/{plan_a.pk}/hapus/").status_code == 404
    assert as_persona("pimpinan").post(f"/program/{plan_a.pk}/ajukan/").status_code == 403
