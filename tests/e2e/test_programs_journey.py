"""Browser journey of an OPD plan: the officer plans 2023 and submits, Diskop returns it with a note, the officer
fixes and resubmits, Diskop verifies, the officer enters TW I realisation, and the FGD recap shows it."""

import re

import pytest
from django.utils import timezone

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from programs.models import Kegiatan, Realisasi, Rencana, Status
from tests.e2e.conftest import ARTIFACTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINES = [
    # kode, uraian, pilar, indikator, kinerja, target, satuan, pagu, quarters, kab/kota
    (
        "2.16.02.1.02.0004",
        "Promosi digital produk OPOP",
        "pesantrenpreneur",
        "Produk unggulan",
        "Produk dipromosikan",
        "120",
        "produk",
        "450000000",
        ["1", "2"],
        ["35.17"],
    ),
    (
        "2.16.03.1.01.0001",
        "Literasi digital pesantren",
        "santripreneur",
        "Santripreneur",
        "Santri terlatih",
        "600",
        "orang",
        "300000000",
        ["1", "2", "3"],
        ["35.09", "35.78"],
    ),
    (
        "",
        "Pendampingan marketplace alumni (CSR)",
        "sociopreneur",
        "Sociopreneur",
        "Alumni didampingi",
        "40",
        "orang",
        "0",
        ["1"],
        [],
    ),
]


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


def _fill_line(page, kegiatan):
    kode, uraian, pilar, indikator, kinerja, target, satuan, pagu, quarters, regions = kegiatan
    page.locator("#id_kode_sipd").fill(kode)
    page.locator("#id_uraian").fill(uraian)
    page.locator("#id_pilar").select_option(pilar)
    page.locator("#id_indikator").select_option(label=indikator)
    page.locator("#id_indikator_kinerja").fill(kinerja)
    page.locator("#id_target").fill(target)
    page.locator("#id_satuan").select_option(satuan)
    page.locator("#id_pagu").fill(pagu)
    page.locator("#id_sumber_dana").select_option("csr" if pagu == "0" else "apbd")
    # "Simpan & tambah lagi" keeps the previous line's quarters and places: set this line's own.
    for quarter in "1234":
        page.locator(f"input[name=triwulan][value='{quarter}']").set_checked(quarter in quarters)
    kept = [box.get_attribute("value") for box in page.locator("input[name=lokasi]:checked").all()]
    for code in set(kept) | set(regions):
        page.locator(f"input[name=lokasi][value='{code}']").set_checked(code in regions)
    page.locator("#id_pptk").fill("Budi Santoso, S.Kom.")


def test_plan_return_fix_verify_realise_recap(page, live_server, screenshot):
    seed_demo_users()
    base = live_server.url

    # 1. The Kominfo officer creates the 2023 plan with three kegiatan and submits it.
    _sign_in(page, base, "petugas.kominfo")
    page.locator("#nav-utama").get_by_role("link", name="Program OPD").click()
    page.get_by_role("link", name="Buat rencana", exact=True).click()
    page.locator("#id_tahun").select_option("2023")
    page.get_by_role("button", name="Buat rencana").click()
    page.get_by_role("heading", name="Dinas Komunikasi dan Informatika Provinsi Jawa Timur").wait_for()
    plan = Rencana.objects.get(opd__kode="kominfo", tahun=2023)
    page.get_by_role("link", name="Tambah kegiatan").first.click()
    for index, kegiatan in enumerate(LINES):
        _fill_line(page, kegiatan)
        last = index == len(LINES) - 1
        page.get_by_role("button", name="Simpan" if last else "Simpan & tambah lagi", exact=True).click()
        page.get_by_text("Kegiatan ditambahkan.").wait_for()
    assert Kegiatan.objects.filter(rencana=plan).count() == 3
    screenshot(page, "programs-01-draft-plan")
    page.get_by_role("button", name="Ajukan ke Diskop").click()
    page.get_by_text("Selama diajukan, kegiatan tidak dapat diubah").wait_for()  # the confirmation step
    screenshot(page, "programs-01b-confirm-submit")
    page.get_by_role("button", name="Ya, ajukan ke Diskop").click()
    page.get_by_text("Rencana diajukan ke Diskop").wait_for()

    # 2. Staf Diskop returns it with a note.
    _sign_in(page, base, "staf")
    page.goto(f"{base}/program/?tahun=2023")
    page.get_by_role("link", name="Dinas Komunikasi dan Informatika Provinsi Jawa Timur").click()
    page.get_by_text("Kembalikan ke OPD dengan catatan").click()
    page.locator("#catatan-rencana").fill("Target literasi digital terlalu tinggi untuk pagu ini; sesuaikan.")
    page.get_by_role("button", name="Kembalikan", exact=True).click()
    page.get_by_text("Rencana dikembalikan ke OPD").wait_for()
    assert Rencana.objects.get(pk=plan.pk).status == Status.DIKEMBALIKAN

    # 3. The officer sees the note, fixes the kegiatan and resubmits.
    _sign_in(page, base, "petugas.kominfo")
    page.goto(f"{base}{plan.get_absolute_url()}")
    assert "Target literasi digital terlalu tinggi" in page.locator(".alert-warning").inner_text()
    screenshot(page, "programs-02-returned")
    page.get_by_role("link", name="Ubah Literasi digital pesantren").click()
    page.locator("#id_target").fill("450")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Kegiatan disimpan.").wait_for()
    page.get_by_role("button", name="Ajukan ulang ke Diskop").click()
    page.get_by_role("button", name="Ya, ajukan ke Diskop").click()
    page.get_by_text("Rencana diajukan ke Diskop").wait_for()

    # 4. Staf verifies.
    _sign_in(page, base, "staf")
    page.goto(f"{base}{plan.get_absolute_url()}")
    page.get_by_role("button", name="Verifikasi rencana").click()
    page.get_by_text("Rencana dikunci; hanya Admin yang dapat membukanya kembali.").wait_for()
    screenshot(page, "programs-03b-confirm-verify")
    page.get_by_role("button", name="Ya, verifikasi dan kunci").click()
    page.get_by_text("Rencana diverifikasi dan dikunci.").wait_for()
    assert Rencana.objects.get(pk=plan.pk).status == Status.DIVERIFIKASI

    # 5. The officer enters TW I realisation for every kegiatan and submits the quarter's report.
    _sign_in(page, base, "petugas.kominfo")
    page.goto(f"{base}{plan.get_absolute_url()}")
    outputs = {
        "Promosi digital produk OPOP": "30",
        "Literasi digital pesantren": "120",
        "Pendampingan marketplace alumni (CSR)": "12",
    }
    for uraian, output in outputs.items():
        page.get_by_role("link", name=f"Isi TW I (Jan–Mar) {uraian}").click()
        page.locator("#id_output").fill(output)
        page.locator("#id_fisik_persen").fill("30")
        page.locator("#id_anggaran_terserap").fill("0" if "CSR" in uraian else "100000000")
        page.locator("#id_permasalahan").fill("Penyesuaian jadwal dengan kalender pesantren.")
        page.get_by_role("button", name="Simpan realisasi").click()
        page.get_by_text("Realisasi TW I disimpan.").wait_for()
    page.locator("#tw-1").get_by_role("button", name="Ajukan laporan").click()
    page.get_by_text("Laporan TW I diajukan ke Diskop.").wait_for()
    assert Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).count() == 3
    screenshot(page, "programs-03-realisation")

    # 6. The FGD recap of 2024 judges 2023 at TW IV, whose deadline has passed: an OPD that reported TW I only is
    # "belum melapor" (grey, no percentage, out of the sums), never "0 %" — issue 33.
    page.goto(f"{base}/program/rekap-fgd/?tahun=2024")
    table = page.locator(".recap-table")
    santri_row = table.locator("tr", has_text="Belum melapor").first
    row_text = santri_row.inner_text().replace("\t", " ")
    assert "Belum melapor TW IV" in row_text and not re.search(r"\d+,\d+\s%", row_text), row_text
    assert "Rp 750.000.000" in page.locator(".recap-totals").inner_text()  # pagu 2023
    screenshot(page, "programs-04-recap")

    # The printable page fits A4.
    page.emulate_media(media="print")
    screenshot(page, "programs-05-recap-print")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "programs-recap-2024.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages
    width, height = (float(n) for n in re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf).groups())
    assert abs(width - 842) < 2 and abs(height - 595) < 2  # A4 landscape in points (the recap's @page)


def test_recap_of_demo_data_prints_on_few_a4_pages(page, live_server, screenshot):
    from programs.demo import seed_demo_plans

    seed_demo_users()
    seed_demo_plans()
    tahun = timezone.localdate().year  # the demo's year in motion, judging last year
    _sign_in(page, live_server.url, "pimpinan")
    page.goto(f"{live_server.url}/program/rekap-fgd/?tahun={tahun}")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"programs-recap-demo-{tahun}.pdf").write_bytes(pdf)
    # Eleven agencies' lines (every supporting agency plans in the demo's later years) with the kendala digest and
    # the reporting-rate table: four landscape pages at most.
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 4
    screenshot(page, "programs-06-recap-demo-print")


def test_plan_pages_are_usable_on_a_phone(browser, live_server, screenshot):
    from programs.demo import seed_demo_plans

    seed_demo_users()
    seed_demo_plans()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _sign_in(page, live_server.url, "petugas.kominfo")
    plan = Rencana.objects.get(opd__kode="kominfo", tahun=timezone.localdate().year)
    for name, path in [("detail", plan.get_absolute_url()), ("list", "/program/"), ("recap", "/program/rekap-fgd/")]:
        page.goto(f"{live_server.url}{path}")
        # Wide tables scroll inside their card; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        screenshot(page, f"programs-phone-{name}")
    context.close()
