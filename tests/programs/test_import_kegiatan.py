"""`import_data plan_lines <file> --opd --tahun`: the OPD officer's spreadsheet becomes the plan's kegiatan."""

import pytest
from django.core.management import CommandError, call_command

from programs.models import Kegiatan, Rencana
from tests.importer.data import to_xlsx
from tests.programs.agency_plan import COMMAND_LINE_TITLES

ROWS = [
    [
        "2.17.07.1.01.0002",
        "Pelatihan digital marketing",
        "Santripreneur",
        "santripreneur",
        "Jumlah peserta",
        100,
        "orang",
        150000000,
        "APBD",
        "Jombang; Kota Surabaya",
        "12",
        "Budi Santoso",
    ],
    [
        "",
        "Pendampingan kurasi produk",
        "Pesantrenpreneur",
        "Produk unggulan",
        "Produk dikurasi",
        20,
        "produk",
        50000000,
        "APBD",
        "KAB. MALANG",
        "34",
        "Dewi Lestari",
    ],
]


def _run(tmp_path, rows, *extra, user="dina"):
    path = tmp_path / "rencana.xlsx"
    path.write_bytes(to_xlsx(COMMAND_LINE_TITLES, rows))
    call_command("import_data", "plan_lines", str(path), "--opd", "kominfo", "--tahun", "2023", "--user", user, *extra)


def test_officer_imports_lines_creating_the_plan_and_reimport_updates(petugas_a, tmp_path):
    _run(tmp_path, ROWS)
    plan = Rencana.objects.get(opd__kode="kominfo", tahun=2023)
    kegiatan_list = {kegiatan.uraian: kegiatan for kegiatan in plan.kegiatan.all()}
    assert sorted(kegiatan_list["Pelatihan digital marketing"].lokasi.values_list("kode", flat=True)) == [
        "35.17",
        "35.78",
    ]
    assert (
        kegiatan_list["Pendampingan kurasi produk"].level_sipd == ""
        and kegiatan_list["Pelatihan digital marketing"].level_sipd
    )
    assert kegiatan_list["Pelatihan digital marketing"].history.first().history_user == petugas_a

    rows = [list(r) for r in ROWS]
    rows[0][5] = 150
    _run(tmp_path, rows)
    assert Kegiatan.objects.count() == 2
    assert Kegiatan.objects.get(uraian="Pelatihan digital marketing").target == 150


def test_a_bad_row_writes_nothing(petugas_a, tmp_path, capsys):
    rows = [list(r) for r in ROWS]
    rows[1][3] = "indikator rahasia"
    with pytest.raises(CommandError):
        _run(tmp_path, rows)
    assert "baris 3, kolom Indikator OPOP" in capsys.readouterr().err
    assert not Kegiatan.objects.exists() and not Rencana.objects.exists()


def test_another_opds_officer_cannot_import_into_this_plan(petugas_b, tmp_path):
    with pytest.raises(CommandError, match="plan_lines butuh"):
        _run(tmp_path, ROWS, user="eko")
    assert not Kegiatan.objects.exists()


def test_a_verified_plan_is_refused(petugas_a, staf, tmp_path, capsys):
    from programs.services import rencana_create

    plan = rencana_create(actor=petugas_a, opd=petugas_a.opd, tahun=2023)
    Rencana.objects.filter(pk=plan.pk).update(status="diverifikasi")
    with pytest.raises(CommandError):
        _run(tmp_path, ROWS)
    assert "tidak dapat diubah" in capsys.readouterr().err
    assert not Kegiatan.objects.exists()
