"""Browser journey of issue 27 (Done when 3): an OPD officer uploads an agency-shaped plan workbook ("KODE REKENING",
"TW III - TW IV") from the plan page, maps the code column in the browser on the import preview, which names the plan,
writes it, fixes one line's pagu "in Excel" and uploads again: the preview shows one line changed and nothing added,
and the plan's pagu moves by that line's difference only. Screenshots at 1366 px."""

import io
from decimal import Decimal

import pytest
from django.db.models import Sum

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from programs import services
from tests.e2e.conftest import login
from tests.programs.agency_plan import TITLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _agency_workbook(pagu_pelatihan):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["RENCANA KEGIATAN OPOP DINAS KOMINFO TAHUN 2025"])
    sheet.append(TITLES)
    rows = [
        ["2.17.07.1.01", "Fasilitasi Kurasi Produk Pesantren", "Produk terkurasi", 25, "produk", 500_000_000],
        ["2.17.07.1.01.0002", "Pelatihan Digital Marketing Santri", "Santri terlatih", 120, "orang", pagu_pelatihan],
    ]
    for number, (code, uraian, indicator, target, unit, pagu) in enumerate(rows, 1):
        sheet.append(
            [number, code, uraian, indicator, target, unit, "Kota Surabaya", "TW III - TW IV", "APBD", pagu]
            + ["Budi Santoso", "Santripreneur", "Santripreneur"]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_officer_uploads_an_agency_workbook_maps_its_code_and_uploads_a_correction(
    page, live_server, screenshot, tmp_path
):
    seed_demo_users()
    officer = User.objects.get(username="petugas.kominfo")
    plan = services.rencana_create(actor=officer, opd=officer.opd, tahun=2025)
    base = live_server.url
    login(page, base, "petugas.kominfo", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")

    # 1. From the plan page to the import pages' upload, this plan already chosen.
    page.goto(f"{base}/program/{plan.pk}/")
    screenshot(page, "kegiatan-upload-01-plan-page")
    page.get_by_role("link", name="Unggah kegiatan dari XLSX").click()
    assert page.locator("#id_rencana").input_value() == str(plan.pk)
    first = tmp_path / "rencana-dinas.xlsx"
    first.write_bytes(_agency_workbook(432_250_000))
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(first))
    screenshot(page, "kegiatan-upload-02-upload-page")
    page.get_by_role("button", name="Periksa berkas").click()

    # 2. The preview names the plan; "KODE REKENING" is not a title the portal knows: the officer maps it here.
    page.locator("[data-count=create]").get_by_text("2").wait_for()
    assert f"Ditulis ke rencana {plan.opd} 2025" in page.locator("#tujuan-impor").inner_text()
    page.get_by_label("KODE REKENING").select_option("kode_sipd")
    page.get_by_role("button", name="Periksa ulang dengan pemetaan ini").click()
    page.get_by_text("Berkas diperiksa ulang dengan pemetaan kolom Anda").wait_for()
    screenshot(page, "kegiatan-upload-03-preview-mapped")
    page.get_by_role("button", name="Tulis ke rencana").click()
    page.get_by_text("Impor selesai: 2 data baru").wait_for()
    assert set(plan.kegiatan.values_list("kode_sipd", "triwulan")) == {
        ("2.17.07.1.01", "34"),
        ("2.17.07.1.01.0002", "34"),
    }
    assert plan.kegiatan.aggregate(total=Sum("pagu"))["total"] == Decimal("932250000")

    # 3. One pagu fixed in Excel, uploaded again into the same plan: the mapping is remembered, one line changes.
    page.get_by_role("link", name="Unggah berkas lain").click()
    assert page.locator("#id_rencana").input_value() == str(plan.pk)
    corrected = tmp_path / "rencana-dinas-perbaikan.xlsx"
    corrected.write_bytes(_agency_workbook(450_000_000))
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(corrected))
    page.get_by_role("button", name="Periksa berkas").click()
    page.locator("[data-count=update]").get_by_text("1").wait_for()
    assert page.locator("[data-count=create]").inner_text() == "0"
    changes = page.locator("#tabel-perubahan").inner_text()
    assert "Rp 432.250.000" in changes and "Rp 450.000.000" in changes
    screenshot(page, "kegiatan-upload-04-reupload-preview")
    page.get_by_role("button", name="Tulis ke rencana").click()
    page.get_by_text("Impor selesai: 0 data baru, 1 diperbarui").wait_for()
    assert plan.kegiatan.count() == 2
    assert plan.kegiatan.aggregate(total=Sum("pagu"))["total"] == Decimal("932250000") + 17_750_000
    page.get_by_role("link", name=f"Buka rencana {plan.opd} 2025").click()
    page.wait_for_url(f"{base}/program/{plan.pk}/")
    screenshot(page, "kegiatan-upload-05-plan-after")
