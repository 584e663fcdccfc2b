"""Every workflow transition of plans and quarterly reports, every refused one, and the rules that span rows."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opop.common.concurrency import StaleObjectError, version_of
from programs import services
from programs.models import Kegiatan, LaporanTriwulan, Realisasi, Rencana, Status
from tests.programs.factories import first_kegiatan, line_data, make_plan, realisasi_data

pytestmark = pytest.mark.django_db


def _status(rencana):
    return Rencana.objects.get(pk=rencana.pk).status


# ---------------------------------------------------------------- plan creation


def test_petugas_creates_plan_for_own_opd(petugas_a, opd_a):
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024)
    assert (rencana.status, rencana.dibuat_oleh) == (Status.DRAF, petugas_a)
    assert rencana.history.get().history_user == petugas_a


def test_petugas_cannot_create_plan_for_other_opd(petugas_b, opd_a):
    with pytest.raises(PermissionDenied):
        services.rencana_create(actor=petugas_b, opd=opd_a, tahun=2024)
    assert not Rencana.objects.exists()


@pytest.mark.parametrize("persona", ["staf", "pimpinan"])
def test_read_only_and_verifying_roles_cannot_create_plans(persona, request, opd_a):
    with pytest.raises(PermissionDenied):
        services.rencana_create(actor=request.getfixturevalue(persona), opd=opd_a, tahun=2024)


def test_second_plan_for_the_same_opd_and_year_is_refused(plan_a, petugas_a, opd_a):
    with pytest.raises(ValidationError, match="sudah memiliki rencana"):
        services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024)
    assert Rencana.objects.count() == 1


# ---------------------------------------------------------------- plan workflow


def test_submit_moves_draft_to_diajukan(plan_a, petugas_a):
    services.rencana_submit(actor=petugas_a, rencana=plan_a)
    plan_a.refresh_from_db()
    assert (plan_a.status, plan_a.diajukan_oleh) == (Status.DIAJUKAN, petugas_a)
    assert plan_a.diajukan_pada is not None
    assert plan_a.history.first().history_change_reason == "Diajukan ke Diskop"


def test_empty_plan_cannot_be_submitted(petugas_a, opd_a):
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024)
    with pytest.raises(ValidationError, match="minimal satu kegiatan"):
        services.rencana_submit(actor=petugas_a, rencana=rencana)
    assert _status(rencana) == Status.DRAF


def test_verify_moves_diajukan_to_diverifikasi(submitted_a, staf):
    services.rencana_verify(actor=staf, rencana=submitted_a)
    submitted_a.refresh_from_db()
    assert (submitted_a.status, submitted_a.diverifikasi_oleh) == (Status.DIVERIFIKASI, staf)


def test_return_needs_notes_and_keeps_them(submitted_a, staf):
    with pytest.raises(ValidationError, match="catatan"):
        services.rencana_return(actor=staf, rencana=submitted_a, catatan="  ")
    assert _status(submitted_a) == Status.DIAJUKAN
    services.rencana_return(actor=staf, rencana=submitted_a, catatan="Target belum sesuai RKA.")
    submitted_a.refresh_from_db()
    assert (submitted_a.status, submitted_a.catatan) == (Status.DIKEMBALIKAN, "Target belum sesuai RKA.")


def test_returned_plan_is_editable_and_can_be_resubmitted(returned_a, petugas_a, staf):
    kegiatan = first_kegiatan(returned_a)
    services.kegiatan_update(actor=petugas_a, kegiatan=kegiatan, data={"target": 150}, versi=version_of(kegiatan))
    services.rencana_submit(actor=petugas_a, rencana=returned_a)
    services.rencana_verify(actor=staf, rencana=returned_a)
    assert _status(returned_a) == Status.DIVERIFIKASI
    assert Kegiatan.objects.get(pk=kegiatan.pk).target == 150


@pytest.mark.parametrize(
    ("fixture", "action"),
    [
        ("plan_a", "verify"),
        ("plan_a", "return"),
        ("plan_a", "reopen"),
        ("submitted_a", "submit"),
        ("submitted_a", "reopen"),
        ("returned_a", "verify"),
        ("returned_a", "return"),
        ("returned_a", "reopen"),
        ("verified_a", "submit"),
        ("verified_a", "verify"),
        ("verified_a", "return"),
    ],
)
def test_refused_transitions_change_nothing(fixture, action, request, admin, petugas_a):
    rencana = request.getfixturevalue(fixture)
    before = _status(rencana)
    calls = {
        "submit": lambda: services.rencana_submit(actor=petugas_a, rencana=rencana),
        "verify": lambda: services.rencana_verify(actor=admin, rencana=rencana),
        "return": lambda: services.rencana_return(actor=admin, rencana=rencana, catatan="x"),
        "reopen": lambda: services.rencana_reopen(actor=admin, rencana=rencana, alasan="x"),
    }
    with pytest.raises(ValidationError, match="tidak dapat"):
        calls[action]()
    assert _status(rencana) == before


def test_petugas_cannot_verify_own_plan(submitted_a, petugas_a):
    with pytest.raises(PermissionDenied):
        services.rencana_verify(actor=petugas_a, rencana=submitted_a)
    assert _status(submitted_a) == Status.DIAJUKAN


def test_pimpinan_cannot_return_a_plan(submitted_a, pimpinan):
    with pytest.raises(PermissionDenied):
        services.rencana_return(actor=pimpinan, rencana=submitted_a, catatan="x")


def test_other_opd_petugas_cannot_submit(plan_a, petugas_b):
    with pytest.raises(PermissionDenied):
        services.rencana_submit(actor=petugas_b, rencana=plan_a)
    assert _status(plan_a) == Status.DRAF


# ---------------------------------------------------------------- locked plans and the audited reopen


def test_lines_of_a_verified_plan_are_locked(verified_a, petugas_a, admin):
    kegiatan = first_kegiatan(verified_a)
    with pytest.raises(ValidationError, match="terkunci"):
        services.kegiatan_update(actor=petugas_a, kegiatan=kegiatan, data={"target": 1}, versi=version_of(kegiatan))
    with pytest.raises(ValidationError, match="terkunci"):
        services.kegiatan_create(actor=admin, rencana=verified_a, data=line_data())
    with pytest.raises(ValidationError, match="terkunci"):
        services.kegiatan_delete(actor=petugas_a, kegiatan=kegiatan)
    assert Kegiatan.objects.filter(rencana=verified_a).count() == 2
    assert Kegiatan.objects.get(pk=kegiatan.pk).target == 100


def test_lines_of_a_submitted_plan_cannot_change(submitted_a, petugas_a):
    kegiatan = first_kegiatan(submitted_a)
    with pytest.raises(ValidationError, match="diajukan"):
        services.kegiatan_update(actor=petugas_a, kegiatan=kegiatan, data={"target": 1}, versi=version_of(kegiatan))


def test_only_admin_reopens_with_a_reason_and_it_is_audited(verified_a, admin, staf):
    with pytest.raises(PermissionDenied):
        services.rencana_reopen(actor=staf, rencana=verified_a, alasan="Revisi DPA")
    with pytest.raises(ValidationError, match="Alasan"):
        services.rencana_reopen(actor=admin, rencana=verified_a, alasan="")
    assert _status(verified_a) == Status.DIVERIFIKASI

    services.rencana_reopen(actor=admin, rencana=verified_a, alasan="Revisi DPA perubahan")
    verified_a.refresh_from_db()
    assert verified_a.status == Status.DRAF and verified_a.diverifikasi_oleh is None
    assert "Revisi DPA perubahan" in verified_a.catatan
    record = verified_a.history.first()
    assert record.history_user == admin
    assert record.history_change_reason == "Dibuka kembali: Revisi DPA perubahan"
    assert record.prev_record.status == Status.DIVERIFIKASI


def test_reopened_plan_is_editable_again(verified_a, admin, petugas_a):
    services.rencana_reopen(actor=admin, rencana=verified_a, alasan="Revisi")
    kegiatan = first_kegiatan(verified_a)
    services.kegiatan_update(actor=petugas_a, kegiatan=kegiatan, data={"target": 120}, versi=version_of(kegiatan))
    assert Kegiatan.objects.get(pk=kegiatan.pk).target == 120


def test_only_draft_plans_without_realisation_can_be_deleted(submitted_a, petugas_a, plan_a_2023):
    with pytest.raises(ValidationError, match="draf"):
        services.rencana_delete(actor=petugas_a, rencana=submitted_a)
    services.rencana_delete(actor=petugas_a, rencana=plan_a_2023)
    assert list(Rencana.objects.values_list("tahun", flat=True)) == [2024]


@pytest.fixture
def plan_a_2023(petugas_a, opd_a):
    return make_plan(actor=petugas_a, opd=opd_a, tahun=2023, jumlah_kegiatan=2)


# ---------------------------------------------------------------- no lost updates


def test_second_concurrent_line_save_is_refused_and_first_kept(line_a, petugas_a, admin):
    version_seen_by_both = version_of(line_a)
    services.kegiatan_update(actor=petugas_a, kegiatan=line_a, data={"target": 111}, versi=version_seen_by_both)
    with pytest.raises(StaleObjectError) as refused:
        services.kegiatan_update(actor=admin, kegiatan=line_a, data={"target": 222}, versi=version_seen_by_both)
    assert "Data ini sudah diubah oleh Dina pada" in refused.value.messages[0]
    assert "muat ulang halaman" in refused.value.messages[0]
    assert Kegiatan.objects.get(pk=line_a.pk).target == 111


# ---------------------------------------------------------------- SIPD codes


@pytest.mark.parametrize(
    ("level", "kode"),
    [("program", "2.17.07"), ("kegiatan", "2.17.07.1.01"), ("sub_kegiatan", "2.17.07.1.01.0002"), ("", "")],
)
def test_valid_sipd_codes_per_level(level, kode, plan_a, petugas_a):
    kegiatan = services.kegiatan_create(
        actor=petugas_a, rencana=plan_a, data=line_data(level_sipd=level, kode_sipd=kode)
    )
    assert (kegiatan.level_sipd, kegiatan.kode_sipd) == (level, kode)


def test_level_is_inferred_from_the_code_shape(plan_a, petugas_a):
    kegiatan = services.kegiatan_create(
        actor=petugas_a, rencana=plan_a, data=line_data(level_sipd="", kode_sipd="2.17.07.1.01")
    )
    assert kegiatan.level_sipd == "kegiatan"


@pytest.mark.parametrize(
    ("level", "kode", "message"),
    [
        ("program", "2.17.07.1.01", "X.XX.XX"),
        ("sub_kegiatan", "2.17.07.1.01.2", "X.XX.XX.X.XX.XXXX"),
        ("", "2-17-07", "tidak dikenali"),
        ("kegiatan", "", "Isi kode SIPD"),
        ("sub_kegiatan", "2.17.07.1.01.000A", "X.XX.XX.X.XX.XXXX"),
    ],
)
def test_invalid_sipd_codes_are_refused(level, kode, message, plan_a, petugas_a):
    with pytest.raises(ValidationError, match=message):
        services.kegiatan_create(actor=petugas_a, rencana=plan_a, data=line_data(level_sipd=level, kode_sipd=kode))
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"target": 0}, "Target harus lebih dari nol"),
        ({"pagu": Decimal("-1")}, "tidak boleh negatif"),
        ({"pagu": Decimal("10.50")}, "rupiah utuh"),
        ({"triwulan": ""}, "triwulan"),
        ({"triwulan": "31"}, "triwulan"),
    ],
)
def test_line_sanity_rules(overrides, message, plan_a, petugas_a):
    with pytest.raises(ValidationError, match=message):
        services.kegiatan_create(actor=petugas_a, rencana=plan_a, data=line_data(**overrides))
    assert Kegiatan.objects.filter(rencana=plan_a).count() == 1


# ---------------------------------------------------------------- realisation


def test_realisation_waits_for_verification(submitted_a, petugas_a):
    with pytest.raises(ValidationError, match="setelah rencana diverifikasi"):
        services.realisasi_save(
            actor=petugas_a, kegiatan=first_kegiatan(submitted_a), triwulan=1, data=realisasi_data()
        )
    assert not Realisasi.objects.exists() and not LaporanTriwulan.objects.exists()


def test_realisation_derives_capaian_and_financial_percentages(verified_a, petugas_a):
    kegiatan = first_kegiatan(verified_a)  # target 100 orang, pagu 150.000.000
    realisasi = services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=4, data=realisasi_data(output=92))
    capaian = realisasi.capaian  # TW IV: the target to date is the year's
    assert (capaian.target_sd, capaian.persen, capaian.band) == (100, Decimal("92.00"), "sangat_tinggi")
    assert capaian.band_tahun == "sangat_tinggi"
    assert realisasi.keuangan_persen == Decimal("40.00") and realisasi.keuangan_band == "sangat_rendah"
    assert LaporanTriwulan.objects.get(rencana=verified_a, triwulan=4).status == Status.DRAF


def test_spending_above_pagu_needs_an_explanation(verified_a, petugas_a):
    kegiatan = first_kegiatan(verified_a)
    over = realisasi_data(anggaran_terserap=Decimal("165000000"))
    with pytest.raises(ValidationError, match="melebihi pagu"):
        services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=over)
    assert not Realisasi.objects.exists()
    over["penjelasan_anggaran"] = "Tambahan dari pergeseran anggaran (DPPA)."
    saved = services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=over)
    assert saved.keuangan_persen_tahun == Decimal("110.00")  # of the pagu; to date: ÷ the 37,5 jt due by TW I
    assert saved.keuangan_persen == Decimal("440.00")


@pytest.mark.parametrize("fisik", [Decimal("-1"), Decimal("100.01")])
def test_physical_percent_stays_within_0_and_100(fisik, verified_a, petugas_a):
    with pytest.raises(ValidationError):
        services.realisasi_save(
            actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data(fisik_persen=fisik)
        )
    assert not Realisasi.objects.exists()


def test_cumulative_output_never_decreases(verified_a, petugas_a):
    kegiatan = first_kegiatan(verified_a)
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=40))
    with pytest.raises(ValidationError, match="tidak boleh turun"):
        services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=2, data=realisasi_data(output=39))
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=2, data=realisasi_data(output=60))
    first = Realisasi.objects.get(kegiatan=kegiatan, triwulan=1)
    with pytest.raises(ValidationError, match="melebihi triwulan berikutnya"):
        services.realisasi_save(
            actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=61), versi=version_of(first)
        )
    assert list(Realisasi.objects.filter(kegiatan=kegiatan).values_list("triwulan", "output")) == [(1, 40), (2, 60)]


def test_second_concurrent_realisation_save_is_refused(verified_a, petugas_a, admin):
    kegiatan = first_kegiatan(verified_a)
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=10))
    # Both opened the empty form: the admin's save comes second.
    with pytest.raises(StaleObjectError, match="sudah diubah oleh Dina"):
        services.realisasi_save(actor=admin, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=20), versi="")
    realisasi = Realisasi.objects.get(kegiatan=kegiatan, triwulan=1)
    assert realisasi.output == 10
    with pytest.raises(StaleObjectError):
        services.realisasi_save(
            actor=admin, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=20), versi="2020-01-01"
        )


def test_other_opd_cannot_enter_realisation(verified_a, petugas_b):
    with pytest.raises(PermissionDenied):
        services.realisasi_save(actor=petugas_b, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data())
    assert not Realisasi.objects.exists()


# ---------------------------------------------------------------- quarterly reports


def _fill(rencana, actor, triwulan, output=10):
    for kegiatan in rencana.kegiatan.all():
        services.realisasi_save(actor=actor, kegiatan=kegiatan, triwulan=triwulan, data=realisasi_data(output=output))


def test_report_needs_every_started_line(verified_a, petugas_a):
    services.realisasi_save(actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data())
    with pytest.raises(ValidationError, match="belum diisi untuk 1 kegiatan"):
        services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    assert LaporanTriwulan.objects.get(triwulan=1).status == Status.DRAF


def test_lines_not_started_are_not_required(petugas_a, opd_a, staf):
    rencana = make_plan(
        actor=petugas_a,
        opd=opd_a,
        jumlah_kegiatan=2,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=[{"triwulan": "1234"}, {"triwulan": "34"}],
    )
    services.realisasi_save(actor=petugas_a, kegiatan=first_kegiatan(rencana), triwulan=1, data=realisasi_data())
    laporan = services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1)
    assert laporan.status == Status.DIAJUKAN


def test_report_workflow_submit_return_fix_resubmit_verify(verified_a, petugas_a, staf):
    _fill(verified_a, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    kegiatan = first_kegiatan(verified_a)
    realisasi = Realisasi.objects.get(kegiatan=kegiatan, triwulan=1)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.realisasi_save(
            actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=11), versi=version_of(realisasi)
        )
    with pytest.raises(ValidationError, match="catatan"):
        services.laporan_return(actor=staf, rencana=verified_a, triwulan=1, catatan="")
    services.laporan_return(actor=staf, rencana=verified_a, triwulan=1, catatan="Lampirkan daftar hadir.")
    services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=11), versi=version_of(realisasi)
    )
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    laporan = services.laporan_verify(actor=staf, rencana=verified_a, triwulan=1)
    assert (laporan.status, laporan.diverifikasi_oleh) == (Status.DIVERIFIKASI, staf)
    realisasi.refresh_from_db()
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        services.realisasi_save(
            actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=12), versi=version_of(realisasi)
        )
    assert Realisasi.objects.get(pk=realisasi.pk).output == 11


def test_refused_report_transitions(verified_a, petugas_a, staf):
    with pytest.raises(ValidationError):
        services.laporan_verify(actor=staf, rencana=verified_a, triwulan=1)  # nothing submitted
    with pytest.raises(ValidationError):
        services.laporan_return(actor=staf, rencana=verified_a, triwulan=1, catatan="x")
    with pytest.raises(PermissionDenied):
        services.laporan_verify(actor=petugas_a, rencana=verified_a, triwulan=1)
    _fill(verified_a, petugas_a, 1)
    services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    with pytest.raises(ValidationError, match="tidak dapat diajukan"):
        services.laporan_submit(actor=petugas_a, rencana=verified_a, triwulan=1)
    assert LaporanTriwulan.objects.get(triwulan=1).status == Status.DIAJUKAN


def test_report_of_unverified_plan_cannot_be_submitted(plan_a, petugas_a):
    with pytest.raises(ValidationError, match="setelah rencana diverifikasi"):
        services.laporan_submit(actor=petugas_a, rencana=plan_a, triwulan=1)
    assert not LaporanTriwulan.objects.exists()


# ---------------------------------------------------------------- deadlines


def test_staf_sets_and_moves_a_deadline(staf):
    services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=datetime.date(2024, 4, 15))
    row = services.batas_set(actor=staf, tahun=2024, triwulan=1, batas=datetime.date(2024, 4, 20))
    assert row.batas == datetime.date(2024, 4, 20) and row.history.count() == 2


@pytest.mark.parametrize("persona", ["petugas_a", "pimpinan"])
def test_only_diskop_sets_deadlines(persona, request):
    with pytest.raises(PermissionDenied):
        services.batas_set(
            actor=request.getfixturevalue(persona), tahun=2024, triwulan=1, batas=datetime.date(2024, 4, 15)
        )


def test_deadline_before_the_quarter_is_refused(staf):
    with pytest.raises(ValidationError, match="awal triwulan"):
        services.batas_set(actor=staf, tahun=2024, triwulan=2, batas=datetime.date(2024, 3, 31))


# ---------------------------------------------------------------- copy from last year

LINE_FIELDS = [
    "level_sipd",
    "kode_sipd",
    "uraian",
    "pilar",
    "indikator_id",
    "indikator_kinerja",
    "target",
    "satuan",
    "pagu",
    "sumber_dana",
    "triwulan",
    "pptk",
]


def _lines(rencana):
    return [
        (*(getattr(k, f) for f in LINE_FIELDS), tuple(sorted(k.lokasi.values_list("kode", flat=True))))
        for k in rencana.kegiatan.order_by("kode_sipd", "id")
    ]


@pytest.fixture
def reported_2023(petugas_a, opd_a, staf):
    """OPD A's verified 2023 plan: two different lines, TW I realised and reported for the first."""
    from opop.indicators.models import Indicator
    from opop.wilayah.models import KabupatenKota

    rencana = make_plan(
        actor=petugas_a,
        opd=opd_a,
        tahun=2023,
        jumlah_kegiatan=2,
        status=Status.DIVERIFIKASI,
        verifier=staf,
        line_overrides=[
            {},
            {
                "level_sipd": "",
                "kode_sipd": "",
                "uraian": "Bazar produk pesantren",
                "pilar": "pesantrenpreneur",
                "indikator": Indicator.objects.get(kode="produk-unggulan"),
                "satuan": "produk",
                "target": 40,
                "pagu": Decimal("75000000"),
                "sumber_dana": "csr",
                "triwulan": "34",
                "pptk": "Siti Aminah",
                "lokasi": list(KabupatenKota.objects.filter(kode__in=["35.09", "35.10", "35.25"])),
            },
        ],
    )
    services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(rencana), triwulan=1, data=realisasi_data(output=40)
    )
    services.laporan_submit(actor=petugas_a, rencana=rencana, triwulan=1)
    return rencana


def test_a_plan_created_from_last_year_has_the_same_lines_marked_for_review_and_no_realisation(
    reported_2023, petugas_a, opd_a
):
    before = _lines(reported_2023)
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024, salin_sebelumnya=True)
    assert _lines(rencana) == before and len(before) == 2
    assert all(k.perlu_ditinjau for k in rencana.kegiatan.all())
    assert not Realisasi.objects.filter(kegiatan__rencana=rencana).exists()
    assert not LaporanTriwulan.objects.filter(rencana=rencana).exists()
    assert rencana.status == Status.DRAF
    # Last year's plan is untouched: same lines, not marked, its realisation and report still there.
    assert _lines(reported_2023) == before
    assert not reported_2023.kegiatan.filter(perlu_ditinjau=True).exists()
    assert Realisasi.objects.filter(kegiatan__rencana=reported_2023).count() == 1
    assert reported_2023.laporan.get().status == Status.DIAJUKAN
    copy = rencana.kegiatan.order_by("id").first()
    assert copy.history.first().history_change_reason == "Disalin dari rencana 2023"
    assert rencana.history.first().history_change_reason == "Rencana dibuat; kegiatan disalin dari rencana 2023"


def test_saving_a_copied_line_clears_its_review_mark(reported_2023, petugas_a, opd_a):
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024, salin_sebelumnya=True)
    line = rencana.kegiatan.order_by("id").first()
    services.kegiatan_update(actor=petugas_a, kegiatan=line, data=line_data(target=150), versi=version_of(line))
    line.refresh_from_db()
    assert not line.perlu_ditinjau and line.target == 150
    assert rencana.kegiatan.filter(perlu_ditinjau=True).count() == 1


def test_copy_takes_the_most_recent_earlier_plan_not_only_the_year_before(reported_2023, petugas_a, opd_a):
    before = _lines(reported_2023)
    rencana = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2025, salin_sebelumnya=True)
    assert _lines(rencana) == before and rencana.sumber_salinan == reported_2023
    assert rencana.history.first().history_change_reason == "Rencana dibuat; kegiatan disalin dari rencana 2023"


def test_copy_without_an_earlier_plan_creates_nothing(reported_2023, petugas_a, opd_a):
    with pytest.raises(ValidationError) as refused:
        services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2023 - 1, salin_sebelumnya=True)
    assert "belum memiliki rencana sebelum tahun 2022" in str(refused.value)
    assert not Rencana.objects.filter(tahun=2022).exists()


def test_copy_is_refused_into_a_plan_with_lines_or_from_another_opd(reported_2023, plan_a, petugas_a, petugas_b, opd_b):
    with pytest.raises(ValidationError, match="masih kosong"):
        services.rencana_copy_from(actor=petugas_a, rencana=plan_a, sumber=reported_2023)
    plan_b = services.rencana_create(actor=petugas_b, opd=opd_b, tahun=2024)
    with pytest.raises(PermissionDenied):
        services.rencana_copy_from(actor=petugas_a, rencana=plan_b, sumber=reported_2023)
    with pytest.raises(ValidationError, match="OPD yang sama"):
        services.rencana_copy_from(actor=petugas_b, rencana=plan_b, sumber=reported_2023)
    assert plan_a.kegiatan.count() == 1 and not plan_b.kegiatan.exists()


def test_copy_is_refused_into_a_submitted_plan(reported_2023, petugas_a, opd_a):
    target = services.rencana_create(actor=petugas_a, opd=opd_a, tahun=2024)
    Rencana.objects.filter(pk=target.pk).update(status=Status.DIAJUKAN)
    with pytest.raises(ValidationError, match="sedang diajukan"):
        services.rencana_copy_from(actor=petugas_a, rencana=target, sumber=reported_2023)
    assert not target.kegiatan.exists()
