"""Browser journey of fast plan entry (issue 15): the officer creates the 2027 plan as a copy of 2026's, uploads
three lines from XLSX, adds a line typing the pagu the Indonesian way, finds Kota Surabaya through the filter box,
"Simpan & tambah lagi" keeps the shared fields for the next line (places and quarters start empty: the second line
stores exactly what was ticked, issue 29), and submits; once Diskop has verified, TW I of
every line is entered on one page (one line wrong at first, fixed in place), and the same work one form per line is
timed beside it. Screenshots of the line form and the quarter grid at 1366 px and 390 px."""

import io
import time

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from programs import services
from programs.exports import PLAN_COLUMNS
from programs.models import Kegiatan, Realisasi, Rencana, Status
from tests.e2e.conftest import ARTIFACTS, login
from tests.programs.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


def _seed_2026():
    officer = User.objects.get(username="petugas.kominfo")
    staf = User.objects.get(username="staf")
    return make_plan(
        actor=officer, opd=officer.opd, tahun=2026, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf
    )


def _three_lines_xlsx():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    headers = [str(header) for header, _width in PLAN_COLUMNS]
    sheet.append(headers)  # the export's own header row; the quarterly columns left blank (split evenly)
    for number, (uraian, pagu) in enumerate(
        [("Literasi digital santri", "Rp 90.000.000"), ("Podcast OPOP", 45000000), ("Expo produk", "120.000.000")], 1
    ):
        cells = {
            "No.": number,
            "Tingkat": "Non-nomenklatur",
            "Program / Kegiatan / Sub Kegiatan": uraian,
            "Indikator Kinerja": "Peserta",
            "Target": 50,
            "Satuan": "orang",
            "Lokasi": "Kota Surabaya",
            "Waktu Pelaksanaan": "TW II",
            "Sumber Dana": "APBD",
            "Pagu Indikatif (Rp)": pagu,
            "PPTK": "Budi Santoso",
            "Pilar OPOP": "Santripreneur",
            "Indikator OPOP": "Santripreneur",
        }
        sheet.append([cells.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_copy_last_year_then_add_lines_keeping_the_shared_fields(page, live_server, screenshot, tmp_path):
    seed_demo_users()
    last_year = _seed_2026()
    make_plan(actor=User.objects.get(username="petugas.kominfo"), opd=last_year.opd, tahun=2024)  # never verified
    base = live_server.url
    _sign_in(page, base, "petugas.kominfo")

    # 1. The create page names the plan it can copy once 2026 is chosen; the copy marks every line for review.
    page.goto(f"{base}/program/baru/")
    page.locator("#id_tahun").select_option("2027")
    copy_box = page.get_by_label("Salin kegiatan dari rencana 2026 (2 kegiatan)")
    copy_box.check()
    page.locator("#id_tahun").select_option("2024")  # no plan before 2024: the offer goes away
    assert page.locator("#div_id_salin_sebelumnya").is_hidden()
    # For 2026 (no 2025 plan) the most recent earlier plan, 2024's draft, is named, with the warning.
    page.locator("#id_tahun").select_option("2026")
    page.get_by_label(
        "Salin kegiatan dari rencana 2024 (1 kegiatan) — Rencana 2024 belum pernah diverifikasi Diskop"
    ).wait_for()
    page.locator("#id_tahun").select_option("2027")
    page.get_by_label("Salin kegiatan dari rencana 2026 (2 kegiatan)").check()
    page.get_by_role("button", name="Buat rencana").click()
    page.get_by_text("2 kegiatan disalin dari rencana 2026").wait_for()
    plan = Rencana.objects.get(opd=last_year.opd, tahun=2027)
    assert plan.kegiatan.filter(perlu_ditinjau=True).count() == 2
    assert page.locator(".review-badge").count() == 2
    screenshot(page, "entry-01-copied-plan")

    # 2. Three more lines from an XLSX in the export's shape: preview, then written all at once.
    page.get_by_role("link", name="Unggah kegiatan dari XLSX").click()
    upload = tmp_path / "tambahan.xlsx"
    upload.write_bytes(_three_lines_xlsx())
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Periksa berkas").click()
    page.locator("[data-count=create]").get_by_text("3").wait_for()
    screenshot(page, "entry-02-upload-preview")
    page.get_by_role("button", name="Tulis ke rencana").click()
    page.get_by_text("Semua baris sudah ditulis").wait_for()  # the write job's progress, then its result
    page.get_by_text("Impor selesai: 3 data baru").wait_for()
    assert plan.kegiatan.count() == 5
    page.get_by_role("link", name="Buka rencana").click()

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

    # 4. "Simpan & tambah lagi": the next form starts with the shared fields of the line just saved; places and
    # quarters start empty (they sat below the fold and were stored unseen, issue 29).
    page.get_by_role("button", name="Simpan & tambah lagi").click()
    page.get_by_text("Kegiatan ditambahkan.").wait_for()
    saved = Kegiatan.objects.get(uraian="Kurasi produk unggulan pesantren")
    assert saved.pagu == 125_000_000 and saved.triwulan == "23" and saved.sumber_dana == "dak"
    assert sorted(saved.lokasi.values_list("kode", flat=True)) == ["35.17", "35.78"]
    page.get_by_text("Kegiatan No. 7").wait_for()
    assert page.locator("#id_pptk").input_value() == "Siti Aminah, S.E."
    assert page.locator("#id_pilar").input_value() == "pesantrenpreneur"
    assert page.locator("#id_uraian").input_value() == "" and page.locator("#id_pagu").input_value() == ""
    assert page.locator("input[name=lokasi]:checked").count() == 0
    assert page.locator("input[name=triwulan]:checked").count() == 0
    assert page.get_by_label("Lokasi dan triwulan sama seperti kegiatan sebelumnya").is_checked() is False
    screenshot(page, "entry-03b-next-line-empty-places")

    # 5. The second line in other places and one quarter. A decimal pagu is refused with a message and the typed
    # value stays on the page, ticks included.
    page.locator("#id_uraian").fill("Pameran produk")
    page.locator("#id_indikator_kinerja").fill("Pameran terselenggara")
    page.locator("#id_target").fill("10")
    page.locator("input[name=triwulan][value='4']").check()
    page.locator("input[name=lokasi][value='35.07']").check()  # Kabupaten Malang
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

    # 7. Saved on the phone too, then the plan goes to Diskop through the confirmation.
    page.locator("#id_pagu").fill("75.000.000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Kegiatan ditambahkan.").wait_for()
    second = Kegiatan.objects.get(uraian="Pameran produk")
    assert second.triwulan == "4" and list(second.lokasi.values_list("kode", flat=True)) == ["35.07"]
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("button", name="Ajukan ke Diskop").click()
    page.get_by_role("button", name="Ya, ajukan ke Diskop").click()
    page.get_by_text("Rencana diajukan ke Diskop").wait_for()
    plan.refresh_from_db()
    assert plan.status == Status.DIAJUKAN and plan.kegiatan.count() == 7
    services.rencana_verify(actor=User.objects.get(username="staf"), rencana=plan)  # Diskop's part (cycle journey)

    # 8. TW I of every line on one page: one line spends above its pagu without the explanation at first.
    lines = list(plan.kegiatan.order_by("nomor"))
    started = time.perf_counter()
    clicks = 0
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Isi TW I semua kegiatan").click()
    clicks += 1
    page.get_by_role("heading", name="Realisasi TW I — semua kegiatan").wait_for()
    for kegiatan in lines:
        prefix = f"#id_k{kegiatan.pk}-"
        page.locator(f"{prefix}output").fill(str(kegiatan.target_sampai(1) or 0))
        page.locator(f"{prefix}fisik_persen").fill("25")
        page.locator(f"{prefix}anggaran_terserap").fill("10.000.000")
    wrong = lines[2]
    page.locator(f"#id_k{wrong.pk}-anggaran_terserap").fill(f"{int(wrong.pagu) + 1_000_000}")
    page.locator(f"#baris-{wrong.pk} .grid-more summary").click()  # the narrative fields fold away
    clicks += 1
    page.locator(f"#id_k{wrong.pk}-permasalahan").fill("Harga sewa tempat naik")
    screenshot(page, "entry-05-quarter-grid-1366")
    page.get_by_role("button", name="Simpan semua").click()
    clicks += 1
    page.get_by_text("belum disimpan karena perlu diperbaiki: No. 3").wait_for()
    assert Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).count() == 6
    assert page.locator(f"#id_k{wrong.pk}-permasalahan").input_value() == "Harga sewa tempat naik"
    screenshot(page, "entry-06-quarter-grid-error")
    page.locator(f"#id_k{wrong.pk}-penjelasan_anggaran").fill("Tambahan dari APBD perubahan.")
    page.get_by_role("button", name="Simpan semua").click()
    clicks += 1
    page.get_by_text("Realisasi TW I disimpan untuk 1 kegiatan.").wait_for()
    grid_seconds = time.perf_counter() - started
    assert Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=1).count() == 7

    # 9. The same work one form per line (TW II), for the note: clicks and time beside the grid's.
    started = time.perf_counter()
    form_clicks = 0
    for kegiatan in lines:
        page.goto(f"{live_server.url}/program/kegiatan/{kegiatan.pk}/realisasi/2/")
        form_clicks += 2  # "Isi" on the plan page, then "Simpan realisasi"
        page.locator("#id_output").fill(str(kegiatan.target_sampai(2) or 0))
        page.locator("#id_fisik_persen").fill("50")
        page.locator("#id_anggaran_terserap").fill("20.000.000")
        page.get_by_role("button", name="Simpan realisasi").click()
        page.get_by_text("Realisasi TW II disimpan.").wait_for()
    form_seconds = time.perf_counter() - started
    assert Realisasi.objects.filter(kegiatan__rencana=plan, triwulan=2).count() == 7
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "entry-timing.txt").write_text(
        f"{len(lines)} kegiatan, TW I on the grid: {clicks} clicks, {grid_seconds:.1f} s (one line fixed once)\n"
        f"{len(lines)} kegiatan, TW II one form per line: {form_clicks} clicks, {form_seconds:.1f} s\n"
    )

    # 10. The grid on a phone: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/program/{plan.pk}/realisasi/3/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "entry-07-quarter-grid-390")
