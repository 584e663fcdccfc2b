"""Issue 16: a row whose NSPP belongs to a pesantren of a very different name is not a quiet "diperbarui": the
preview asks for a confirmation, and the commit is refused without it. Issue 27 (observation 13): any other name
needs it, however alike; letter case and spacing alone do not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Pesantren
from tests.conftest import PESANTREN_HEADERS
from tests.importer.data import agency_xlsx, nspp

RENAMING = [nspp(0), "Pondok Pesantren Darul Ulum", "Jombang", "Diwek", "Salafiyah", 2021]
RENAME_MESSAGE = (
    "NSPP 510035170000 terdaftar sebagai PP Uji 0; baris ini akan mengganti namanya menjadi Pondok Pesantren Darul "
    "Ulum. Pastikan NSPP-nya benar: penulisan menunggu konfirmasi Anda."
)


def _file(*rows):
    return agency_xlsx(PESANTREN_HEADERS, list(rows), title="DATA PONDOK PESANTREN KAB. JOMBANG")


def _preview(staf, *rows):
    upload = SimpleUploadedFile("pesantren.xlsx", _file(*rows))
    batch = import_preview(actor=staf, kind="pesantren", uploaded_file=upload)
    batch.refresh_from_db()
    return batch


def test_a_renaming_nspp_needs_a_confirmation_shown_in_the_preview(pesantren_nspps):
    result = run_import(get_spec("pesantren"), _file(RENAMING), "p.xlsx", actor=None, commit=False)
    assert result.ok and result.counts["update"] == 1
    assert result.confirmations == [[4, "Nama pesantren", RENAME_MESSAGE]]


def test_a_change_of_letter_case_and_spacing_only_needs_no_confirmation(pesantren_nspps):
    row = [nspp(0), "  pp   UJI 0 ", "Jombang", "Diwek", "Salafiyah", 2021]
    result = run_import(get_spec("pesantren"), _file(row), "p.xlsx", actor=None, commit=True, confirmed=False)
    assert result.committed and result.confirmations == []
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "pp UJI 0"


KEMENAG_HEADERS = ["NO", "NSPP", "NAMA LEMBAGA", "nama_kabupaten_kota", "KECAMATAN"]


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("PP Annuqayah", "Kebun Jeruk Annuqayah"),  # two NSPPs of one complex: alike, yet another pesantren
        ("PP Uji 0", "Pondok Pesantren Uji 0"),  # the same words spelt out: still another name on record
        ("PP Al-Falah", "PP Al Falah Ploso"),
    ],
)
def test_any_other_name_for_a_registered_nspp_waits_for_the_rename_confirmation(stored, written, pesantren_nspps):
    """Observation 13: a loose match is no licence to rename; only case and spacing are not a change of name."""
    Pesantren.objects.filter(nspp=nspp(0)).update(nama=stored)
    kemenag = agency_xlsx(
        KEMENAG_HEADERS,
        [[1, nspp(0), written.upper(), "JOMBANG", "DIWEK"]],
        title="DATA PONDOK PESANTREN PROVINSI JAWA TIMUR",
    )
    result = run_import(get_spec("pesantren"), kemenag, "kemenag.xlsx", actor=None, commit=True)
    assert not result.committed and result.counts["update"] == 1
    assert result.confirmations == [
        [
            4,
            "Nama pesantren",
            f"NSPP {nspp(0)} terdaftar sebagai {stored}; baris ini akan mengganti namanya menjadi {written.upper()}. "
            "Pastikan NSPP-nya benar: penulisan menunggu konfirmasi Anda.",
        ]
    ]
    assert Pesantren.objects.get(nspp=nspp(0)).nama == stored
    confirmed = run_import(get_spec("pesantren"), kemenag, "kemenag.xlsx", actor=None, commit=True, confirmed=True)
    assert confirmed.committed
    assert Pesantren.objects.get(nspp=nspp(0)).nama == written.upper()


def test_without_confirmation_run_import_writes_nothing(pesantren_nspps):
    result = run_import(get_spec("pesantren"), _file(RENAMING), "p.xlsx", actor=None, commit=True)
    assert not result.committed
    assert result.file_errors == [
        "1 baris perlu konfirmasi (lihat peringatannya); tidak ada yang ditulis. Periksa barisnya, lalu konfirmasi "
        "penulisannya."
    ]
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "PP Uji 0"


@pytest.mark.usefixtures("private_media")
def test_the_web_commit_is_refused_without_the_ticked_box_and_written_with_it(pesantren_nspps, staf, as_persona):
    batch = _preview(staf, RENAMING)
    assert shown(batch.confirmations) == [[4, "Nama pesantren", RENAME_MESSAGE]]
    client = as_persona("staf")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'id="daftar-konfirmasi"' in page and RENAME_MESSAGE in page
    assert 'name="konfirmasi" value="ya"' in page

    refused = client.post(f"/impor/batch/{batch.pk}/tulis/", follow=True).content.decode()
    assert "Centang konfirmasi bahwa perubahan yang ditandai sudah diperiksa; tidak ada yang ditulis." in refused
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "PP Uji 0"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED

    done = client.post(f"/impor/batch/{batch.pk}/tulis/", {"konfirmasi": "ya"}, follow=True).content.decode()
    assert "Impor selesai: 0 data baru, 1 diperbarui" in done
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "Pondok Pesantren Darul Ulum"


def test_the_command_line_needs_konfirmasi(pesantren_nspps, tmp_path, admin, capsys):
    path = tmp_path / "pesantren.xlsx"
    path.write_bytes(_file(RENAMING))
    with pytest.raises(CommandError):
        call_command("import_data", "pesantren", str(path), "--user", admin.username)
    assert f"baris 4, kolom Nama pesantren: perlu konfirmasi: {RENAME_MESSAGE}" in capsys.readouterr().out
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "PP Uji 0"
    call_command("import_data", "pesantren", str(path), "--user", admin.username, "--konfirmasi")
    assert Pesantren.objects.get(nspp=nspp(0)).nama == "Pondok Pesantren Darul Ulum"
