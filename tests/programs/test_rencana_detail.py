import pytest

from programs import services
from tests.access import LOGIN, assert_access
from tests.programs.factories import first_kegiatan, realisasi_data

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 404}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_detail_access(persona, as_persona, plan_a):
    assert_access(as_persona(persona).get(f"/program/{plan_a.pk}/"), MATRIX[persona])


def test_unknown_plan_is_404(as_persona, db):
    assert as_persona("staf").get("/program/999999/").status_code == 404


def test_detail_shows_lines_actions_and_history(as_persona, plan_a):
    html = as_persona("petugas_a").get(f"/program/{plan_a.pk}/").content.decode()
    assert "2.17.07.1.01.0002" in html and "Pelatihan kewirausahaan santri" in html
    assert "Rp 150.000.000" in html and "Jombang" in html
    assert "Ajukan ke Diskop" in html and "Tambah kegiatan" in html
    assert "Riwayat perubahan" in html and "Rencana dibuat" in html


def test_read_only_roles_see_no_edit_buttons(as_persona, plan_a):
    html = as_persona("pimpinan").get(f"/program/{plan_a.pk}/").content.decode()
    assert "Ajukan ke Diskop" not in html and "Tambah kegiatan" not in html and "Verifikasi rencana" not in html


def test_staf_sees_verify_and_return_on_submitted_plan(as_persona, submitted_a):
    html = as_persona("staf").get(f"/program/{submitted_a.pk}/").content.decode()
    assert "Verifikasi rencana" in html and "Kembalikan ke OPD" in html
    assert "Buka kembali" not in html


def test_returned_plan_shows_diskop_notes(as_persona, returned_a):
    html = as_persona("petugas_a").get(f"/program/{returned_a.pk}/").content.decode()
    assert "Lengkapi lokasi kegiatan." in html and "Ajukan ulang ke Diskop" in html


def test_admin_sees_reopen_on_verified_plan(as_persona, verified_a):
    html = as_persona("admin").get(f"/program/{verified_a.pk}/").content.decode()
    assert "Buka kembali rencana terverifikasi" in html


def test_realisation_shows_percentages_and_bands(as_persona, verified_a, petugas_a):
    services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data(output=20)
    )
    html = as_persona("pimpinan").get(f"/program/{verified_a.pk}/").content.decode()
    # TW I of a line planned over four quarters: 20 of the 25 due by then (the year's target is 100)
    assert "80,0\u00a0%" in html and "Tinggi" in html and "20 / 25" in html
    assert "20,0\u00a0% dari target tahunan" in html
    # Spending against the anggaran kas due by TW I (150 jt over TW I–IV: 37,5 jt), and of the year's pagu.
    assert "160,0\u00a0%" in html and "Sangat tinggi" in html and "Rp 37.500.000" in html
    assert "40,0\u00a0% dari pagu" in html


def test_plan_detail_query_count_is_bounded(as_persona, petugas_a, opd_a, staf, django_assert_max_num_queries):
    from programs.models import Status
    from tests.programs.factories import make_plan

    rencana = make_plan(actor=petugas_a, opd=opd_a, jumlah_kegiatan=6, status=Status.DIVERIFIKASI, verifier=staf)
    for kegiatan in rencana.kegiatan.all():
        for tw in (1, 2):
            services.realisasi_save(
                actor=petugas_a, kegiatan=kegiatan, triwulan=tw, data=realisasi_data(output=10 * tw)
            )
    make_plan(actor=petugas_a, opd=opd_a, tahun=rencana.tahun - 1, jumlah_kegiatan=6)  # its lines are shown beside
    client = as_persona("staf")
    # 16 for the page, 3 for last year's same lines (the plan, its lines, their realisation).
    with django_assert_max_num_queries(20):  # + whether the plan's year is closed (angka tetap)
        client.get(f"/program/{rencana.pk}/")


def test_quarter_sections_appear_once_the_plan_is_verified(as_persona, plan_a, petugas_a, opd_a, staf):
    from programs.models import Status
    from tests.programs.factories import make_plan

    verified = make_plan(actor=petugas_a, opd=opd_a, tahun=2023, status=Status.DIVERIFIKASI, verifier=staf)
    client = as_persona("petugas_a")
    draft = client.get(f"/program/{plan_a.pk}/").content.decode()
    assert 'id="tw-1"' not in draft and "Realisasi diisi setelah rencana diverifikasi" in draft
    assert 'id="tw-1"' in client.get(f"/program/{verified.pk}/").content.decode()
