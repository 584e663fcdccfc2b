"""Browser journey of an agency's own participant list (issue 16 Done 2): Staf uploads a workbook titled the agency's
way; the preview's column mapping proposes the columns (NIK and phone recognised from their values), the officer fixes
the name column, picks the pesantren of an ambiguous name, sees the names and old → new of the person updated, and
writes; a second file of the same shape reuses the mapping. Screenshots at 1366 px and 390 px."""

import datetime
import re

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from pesantren import services
from pesantren.models import Pesantren, Santripreneur
from tests.e2e.conftest import login
from tests.importer.data import agency_xlsx, nik

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADERS = [
    "No",
    "Peserta Pelatihan",
    "No. Identitas",
    "L/P",
    "Tempat, Tgl Lahir",
    "Kontak",
    "Asal Pondok Pesantren",
    "Tahun",
]


def _registry():
    staf = User.objects.get(username="staf")
    for nspp, nama, kabkota in (
        ("510035170239", "PP Tebuireng", "35.17"),
        ("510035170303", "PP Darul Ulum", "35.17"),
        ("510035070101", "Ponpes Darul Ulum", "35.07"),
    ):
        services.pesantren_save(actor=staf, pesantren=Pesantren(kabkota_id=kabkota), nspp=nspp, nama=nama)
    tebuireng = Pesantren.objects.get(nspp="510035170239")
    services.santripreneur_save(
        actor=staf,
        nama="Ahmad Fauzi",
        nik=nik(1),
        jenis_kelamin="L",
        tanggal_lahir=datetime.date(2004, 8, 17),
        telepon="081200000000",
        pesantren=tebuireng,
        tahun_terdaftar=2022,
    )


def _workbook(path, rows):
    path.write_bytes(agency_xlsx(HEADERS, rows, title="DAFTAR PESERTA PELATIHAN DIGITAL MARKETING TAHUN 2023"))
    return str(path)


FIRST = [
    [
        1,
        "Ahmad Fauzi",
        nik(1),
        "L",
        "Jombang, 17 Agustus 2004",
        "0812-3456-7890",
        "Ponpes Tebuireng",
        2022,
    ],  # phone changed
    [2, "Siti Aminah", nik(2), "P", "Malang, 02-02-2003", "0813 3456 7890", "Darul Ulum", 2023],  # two Darul Ulum
    [3, "Budi Santoso", nik(3), "L", "Jombang, 01-01-2002", "+62 815 1111 2222", "PP Tebuireng", 2023],
]
SECOND = [
    [1, "Dewi Lestari", nik(4), "P", "Kediri, 05-05-2004", "0816 1111 3333", "PP Tebuireng", 2023],
    [2, "Rina Wati", nik(5), "P", "Jombang, 06-06-2004", "0817 1111 4444", "PP Tebuireng", 2023],
]


def test_staf_maps_an_agency_list_picks_a_pesantren_and_the_next_file_reuses_the_mapping(
    page, live_server, screenshot, tmp_path
):
    seed_demo_users()
    _registry()
    base = live_server.url
    login(page, base, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")

    # 1. Upload: the preview proposes the mapping and says how each column was read.
    page.goto(f"{base}/impor/santripreneur/")
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(_workbook(tmp_path / "peserta-tw1.xlsx", FIRST))
    with page.expect_navigation(url=re.compile(r".*/impor/batch/\d+/$")):
        page.get_by_role("button", name="Periksa berkas").click()
    mapping = page.locator("#pemetaan-kolom")
    mapping.wait_for()
    assert page.locator("#kolom-2").input_value() == "nik"  # "No. Identitas", recognised from its 16 digits
    assert page.locator("#kolom-5").input_value() == "telepon"  # "Kontak", from its phone numbers
    assert "dikenali dari isinya" in mapping.inner_text()
    assert page.locator("#kolom-1").input_value() == ""  # "Peserta Pelatihan": not guessed
    assert "Kolom wajib tidak ada di baris judul: Nama" in page.content()
    screenshot(page, "mapping-01-proposed")

    # 2. The officer maps the name column; the file is checked again, read that way.
    page.locator("#kolom-1").select_option("nama")
    page.get_by_role("button", name="Periksa ulang dengan pemetaan ini").click()
    page.get_by_text("Berkas diperiksa ulang dengan pemetaan kolom Anda").wait_for()
    page.locator("#pilih-pesantren").wait_for()  # "Darul Ulum" resembles two pesantren
    assert "Ponpes Darul Ulum — Kabupaten Malang" in page.locator("#pilih-pesantren").inner_text()
    screenshot(page, "mapping-02-pick-pesantren")

    # 3. The officer picks the pesantren meant; the preview shows names and old → new, then writes.
    page.locator("#pilih-0").select_option("510035070101")
    page.get_by_role("button", name="Periksa ulang dengan pilihan ini").click()
    page.get_by_text("Berkas diperiksa ulang dengan pesantren yang Anda pilih.").wait_for()
    assert page.locator("[data-count=create]").inner_text() == "2"
    assert page.locator("[data-count=update]").inner_text() == "1"
    changes = page.locator("section[aria-labelledby=judul-perubahan]").inner_text()
    assert "Ahmad Fauzi" in changes and "081200000000" in changes and "081234567890" in changes
    screenshot(page, "mapping-03-preview")
    page.get_by_role("button", name="Tulis ke registri").click()
    page.get_by_text("Semua baris sudah ditulis").wait_for(timeout=20_000)
    assert Santripreneur.objects.get(nik=nik(2)).pesantren.nspp == "510035070101"
    assert Santripreneur.objects.get(nik=nik(1)).telepon == "081234567890"
    assert Santripreneur.objects.get(nik=nik(3)).telepon == "081511112222"

    # 4. Next quarter's file of the same shape: the mapping is reused, nothing to fix.
    page.goto(f"{base}/impor/santripreneur/")
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(_workbook(tmp_path / "peserta-tw2.xlsx", SECOND))
    with page.expect_navigation(url=re.compile(r".*/impor/batch/\d+/$")):
        page.get_by_role("button", name="Periksa berkas").click()
    page.locator("#pemetaan-kolom").wait_for()
    assert page.locator("#kolom-1").input_value() == "nama"
    assert "pemetaan tersimpan" in page.locator("#pemetaan-kolom").inner_text()
    assert page.locator("[data-count=create]").inner_text() == "2"
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "mapping-04-reused-390")
