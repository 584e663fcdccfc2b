"""Browser journey of a workbook with one sheet per training batch (issue 16): Staf uploads it; the preview reads
the first sheet and offers "Angkatan II" with its data rows; the officer ticks it, the file is checked again and
the row hidden in Excel on that sheet is listed by name ("Angkatan II baris 6: Eko Mundur"); the officer includes
it, and the write registers the people of both sheets. Screenshots at 1366 px and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from pesantren.models import Santripreneur
from tests.e2e.conftest import login
from tests.importer.test_other_sheets import workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staf_reads_a_second_sheet_and_its_hidden_row_into_one_batch(
    page, live_server, screenshot, tmp_path, pesantren_nspps
):
    seed_demo_users()
    base = live_server.url
    upload = tmp_path / "peserta-dua-angkatan.xlsx"
    upload.write_bytes(workbook(pesantren_nspps, hide=True))
    login(page, base, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/impor/santripreneur/")
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(upload))
    with page.expect_navigation(url=re.compile(r".*/impor/batch/\d+/$")):
        page.get_by_role("button", name="Periksa berkas").click()
    sheets = page.locator("#lembar-lain")
    sheets.wait_for()
    assert "“Angkatan II”" in sheets.inner_text()
    expect(page.locator("[data-count=create]")).to_have_text("2")  # the first sheet only
    screenshot(page, "sheets-01-offered")

    sheets.get_by_label(re.compile("Angkatan II")).check()
    page.get_by_role("button", name="Periksa ulang dengan lembar ini").click()
    expect(page.locator("[data-count=create]")).to_have_text("4", timeout=20_000)
    hidden = page.locator("#daftar-baris-tersembunyi")
    expect(hidden).to_contain_text("Angkatan II baris 6: Eko Mundur")
    assert page.locator("#lembar-lain input[type=checkbox]").first.is_checked()
    screenshot(page, "sheets-02-second-sheet-read")

    page.get_by_role("button", name="Ikutkan baris tersembunyi").click()
    expect(page.locator("[data-count=create]")).to_have_text("5", timeout=20_000)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "sheets-03-hidden-included-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.get_by_role("button", name="Tulis ke registri").click()
    page.get_by_text("Semua baris sudah ditulis").wait_for(timeout=20_000)
    names = set(Santripreneur.objects.values_list("nama", flat=True))
    assert {"Ahmad Fauzi", "Siti Aminah", "Budi Santoso", "Dewi Lestari", "Eko Mundur"} <= names
