"""Scoping and the aggregates later dashboards read, against the hand-counted `fgd_data` fixture."""

from decimal import Decimal

import pytest

from opop.common.achievement import Band, band_of, persen
from programs.selectors import (
    budget_by_opd,
    commitments_by_indicator_opd,
    kegiatan_visible_to,
    realisasi_visible_to,
    rencana_visible_to,
)

JT = Decimal(1_000_000)


def test_scoping_per_role(fgd_data, petugas_a, petugas_b, staf, pimpinan, admin, opd_a):
    assert {p.opd_id for p in rencana_visible_to(petugas_a)} == {opd_a.pk}
    assert rencana_visible_to(petugas_b).count() == 2
    assert (
        rencana_visible_to(staf).count()
        == rencana_visible_to(pimpinan).count()
        == rencana_visible_to(admin).count()
        == 4
    )
    assert {kegiatan.rencana.opd_id for kegiatan in kegiatan_visible_to(petugas_a)} == {opd_a.pk}
    assert {r.kegiatan.rencana.opd_id for r in realisasi_visible_to(petugas_a)} == {opd_a.pk}


def test_commitments_by_indicator_and_opd(fgd_data, staf):
    rows = {
        (r["indikator__kode"], r["rencana__opd__singkatan"], r["satuan"]): r
        for r in commitments_by_indicator_opd(staf, 2023)
    }
    assert set(rows) == {
        ("santripreneur", "Dinas Kominfo", "orang"),
        ("produk-unggulan", "Dinas Kominfo", "produk"),
        ("santripreneur", "Dinas Pendidikan", "orang"),
    }
    kominfo = rows[("santripreneur", "Dinas Kominfo", "orang")]
    assert (kominfo["target"], kominfo["realisasi"], kominfo["pagu"], kominfo["terserap"]) == (
        100,
        70,
        150 * JT,
        100 * JT,
    )
    assert kominfo["indikator__satuan"] == "orang"  # the kegiatan counts toward its indicator


def test_commitments_up_to_a_quarter(fgd_data, staf):
    rows = commitments_by_indicator_opd(staf, 2023, triwulan=1)
    kominfo = next(
        r for r in rows if r["indikator__kode"] == "santripreneur" and r["rencana__opd__singkatan"] == "Dinas Kominfo"
    )
    assert (kominfo["realisasi"], kominfo["terserap"]) == (30, 40 * JT)


def test_commitments_verified_only_and_scoped(fgd_data, staf, petugas_b):
    assert commitments_by_indicator_opd(staf, 2024, verified_only=True) == []
    assert {r["rencana__opd__singkatan"] for r in commitments_by_indicator_opd(petugas_b, 2023)} == {"Dinas Pendidikan"}


def test_budget_by_opd(fgd_data, staf):
    rows = {r["rencana__opd__singkatan"]: r for r in budget_by_opd(staf, 2023)}
    assert (rows["Dinas Kominfo"]["pagu"], rows["Dinas Kominfo"]["terserap"]) == (350 * JT, 150 * JT)
    assert rows["Dinas Kominfo"]["serapan_persen"] == Decimal("42.86")
    assert rows["Dinas Pendidikan"]["jumlah_kegiatan"] == 1


def test_aggregates_run_in_one_query(fgd_data, staf, django_assert_num_queries):
    with django_assert_num_queries(2):  # the aggregate, and whether the (past) year is closed: angka tetap
        commitments_by_indicator_opd(staf, 2023)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (Decimal("120"), Band.SANGAT_TINGGI),
        (Decimal("91"), Band.SANGAT_TINGGI),
        (Decimal("90.5"), Band.SANGAT_TINGGI),
        (Decimal("90"), Band.TINGGI),
        (Decimal("76"), Band.TINGGI),
        (Decimal("75"), Band.SEDANG),
        (Decimal("66"), Band.SEDANG),
        (Decimal("65"), Band.RENDAH),
        (Decimal("51"), Band.RENDAH),
        (Decimal("50"), Band.SANGAT_RENDAH),
        (Decimal("0"), Band.SANGAT_RENDAH),
        (None, None),
    ],
)
def test_bands_of_product_md(value, band):
    assert band_of(value) == band


def test_percentage_of_zero_whole_is_none():
    assert persen(5, 0) is None and persen(1, 3) == Decimal("33.33")
