"""Browser journey of fast plan entry (issue 15): the officer creates next year's plan as a copy of this year's,
adds a line typing the pagu the Indonesian way, finds Kota Surabaya through the filter box, and "Simpan & tambah
lagi" keeps the shared fields for the next line. Screenshots of the line form at 1366 px and 390 px."""

import io

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from programs.exports import PLAN_COLUMNS
from programs.models import Kegiatan, Rencana, Status
from tests.e2e.conftest import login
from tests.programs.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


def _seed_2025():
    officer = User.objects.get(username="petugas.kominfo")
    staf = User.objects.get(username="staf")
    return make_plan(
        actor=officer, opd=officer.opd, tahun=2025, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf
    )


def _three_lines_xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header, _width in PLAN_COLUMNS])  # the export's own header row
    for number, (uraian, pagu) in enumerate(
        [("Literasi digital santri", "Rp 90.000.000"), ("Podcast OPOP", 45000000), ("Expo produk", "120.000.000")], 1
    ):
        row = [number, "", "Non-nomenklatur", uraian, "Peserta", 50, "orang", "Kota Surabaya", "TW II", "APBD"]
        sheet.append([*row, pagu, "Budi Santoso", "Santripreneur", "Santripreneur"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_copy_last_year_then_add_lines_keeping_the_shared_fields(page, live_server, screenshot, tmp_path):
    seed_demo_users()
    last_year = _seed_2025()
    base = live_server.url
    _sign_in(page, base, "petugas.kominfo")

    # 1. The create page names the plan it can copy once 2026 is chosen; the copy marks every line for review.
    page.goto(f"{base}/program/baru/")
    page.locator("#id_tahun").select_option("2026")
    copy_box = page.get_by_label("Salin kegiatan dari rencana 2025 (2 kegiatan)")
    copy_box.check()
    page.locator("#id_tahun").select_option("2024")  # no 2023 plan: the offer goes away
    assert page.locator("#div_id_salin_sebelumnya").is_hidden()
    page.locator("#id_tahun").select_option("2026")
    page.get_by_label("Salin kegiatan dari rencana 2025 (2 kegiatan)").check()
    page.get_by_role("button", name="Buat rencana").click()
    page.get_by_text("2 kegiatan disalin dari rencana 2025").wait_for()
    plan = Rencana.objects.get(opd=last_year.opd, tahun=2026)
    assert plan.kegiatan.filter(perlu_ditinjau=True).count() == 2
    assert page.locator(".review-badge").count() == 2
    screenshot(page, "entry-01-copied-plan")

    # 2. Three more lines from an XLSX in the export's shape: preview, then written all at once.
    page.get_by_role("link", name="Unggah kegiatan dari XLSX").click()
    upload = tmp_path / "tambahan.xlsx"
    upload.write_bytes(_three_lines_xlsx())
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(str(upload))
    page.get_by_role("button", name="Periksa berkas").click()
    page.locator("[data-count=create]").get_by_text("3").wait_for()
    screenshot(page, "entry-02-upload-preview")
    page.get_by_role("button", name="Tulis ke rencana").click()
    page.get_by_text("Unggahan ditulis: 3 kegiatan baru").wait_for()
    assert plan.kegiatan.count() == 5

    # 3. A new line: the pagu is grouped while typing and shown in words; Surabaya is found by typing.
    page.get_by_role("link", name="Tambah kegiatan").first.click()
    page.get_by_text("Kegiatan No. 6").wait_for()
    page.locator("#id_uraian").fill("Kurasi produk unggulan pesantren")
    page.locator("#id_pilar").select_option("pesantrenpreneur")
    page.locator("#id_indikator").select_option(label="Produk unggulan")
    page.locator("#id_indikator_kinerja").fill("Produk terkurasi")
    page.locator("#id_target").fill("40")
    page.locator("#id_satuan").select_option("produk")
    page.locator("#id_pagu").press_sequentially("125000000")
    assert page.locator("#id_pagu").input_value() == "125.000.000"
    assert page.locator("[data-rupiah-words]").first.inner_text() == "Rp 125 juta"
    page.locator("#id_sumber_dana").select_option("dak")
    page.locator("input[name=triwulan][value='2']").check()
    page.locator("input[name=triwulan][value='3']").check()
    page.locator("#id_pptk").fill("Siti Aminah, S.E.")
    page.get_by_placeholder("Cari kab/kota…").fill("sura")
    visible = page.locator(".lokasi-field .form-check:has(input[name=lokasi]):visible")
    assert visible.count() == 1 and "Surabaya" in visible.inner_text()
    visible.locator("input").check()
    page.get_by_placeholder("Cari kab/kota…").fill("")
    page.get_by_label("Seluruh Jawa Timur (38 kab/kota)").check()
    assert page.locator("input[name=lokasi]:checked").count() == 38
    page.get_by_label("Seluruh Jawa Timur (38 kab/kota)").uncheck()
    assert page.locator("input[name=lokasi]:checked").count() == 0
    page.locator("input[name=lokasi][value='35.78']").check()
    page.locator("input[name=lokasi][value='35.17']").check()
    screenshot(page, "entry-03-line-form-1366")

    # 4. "Simpan & tambah lagi": the next form starts with the shared fields of the line just saved.
    page.get_by_role("button", name="Simpan & tambah lagi").click()
    page.get_by_text("Kegiatan ditambahkan.").wait_for()
    saved = Kegiatan.objects.get(uraian="Kurasi produk unggulan pesantren")
    assert saved.pagu == 125_000_000 and saved.triwulan == "23" and saved.sumber_dana == "dak"
    assert sorted(saved.lokasi.values_list("kode", flat=True)) == ["35.17", "35.78"]
    page.get_by_text("Kegiatan No. 7").wait_for()
    assert page.locator("#id_pptk").input_value() == "Siti Aminah, S.E."
    assert page.locator("#id_pilar").input_value() == "pesantrenpreneur"
    assert page.locator("#id_uraian").input_value() == "" and page.locator("#id_pagu").input_value() == ""
    assert page.locator("input[name=lokasi]:checked").count() == 2
    assert "2 dari 38 kab/kota dipilih" in page.locator("[data-lokasi-tools]").inner_text()

    # 5. A decimal pagu is refused with a message and the typed value stays on the page.
    page.locator("#id_uraian").fill("Pameran produk")
    page.locator("#id_target").fill("10")
    page.locator("#id_pagu").fill("125,5")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Tulis rupiah tanpa desimal, misalnya 125.000.000.").wait_for()
    assert page.locator("#id_pagu").input_value() == "125,5"
    assert not Kegiatan.objects.filter(uraian="Pameran produk").exists()

    # 6. The same form on a phone: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#id_pagu").fill("75000000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "entry-04-line-form-390")
