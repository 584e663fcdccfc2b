"""Browser journey of the open data (issue 30, Done-when 5): the Staf previews and publishes version 1; an anonymous
visitor finds a dataset from the public page, reads its metadata and downloads the CSV. Screenshots at 1366 px and
390 px land in test-artifacts/."""

import csv
import io

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import PerangkatDaerah, User
from opop.opendata.datasets import COLUMNS
from tests.dashboard.conftest import NIK, PERSON_NAME, build_plans, build_registry
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _data():
    seed_demo_users()
    users = {u.username: u for u in User.objects.all()}
    build_registry(users["admin"])
    build_plans(
        users["petugas.kominfo"],
        users["petugas.dindik"],
        PerangkatDaerah.objects.get(kode="kominfo"),
        PerangkatDaerah.objects.get(kode="dindik"),
        users["staf"],
    )


def test_staf_publishes_and_a_visitor_downloads_a_dataset(page, browser, live_server, screenshot):
    _data()
    base = live_server.url

    # 1. The Staf opens the preview (every row new in version 1) and publishes it with a note.
    login(page, base, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/data-terbuka/")
    page.get_by_role("link", name="Terbitkan versi baru").click()
    page.wait_for_url(f"{base}/data-terbuka/terbitkan/")
    assert "versi pertama" in page.locator("main").inner_text()
    assert page.locator("#ringkasan-perubahan tbody tr").count() == 6
    screenshot(page, "data-terbuka-terbitkan")
    page.get_by_label("Catatan versi").fill("Rilis pertama data OPOP")
    page.get_by_role("button", name="Terbitkan versi 1").click()
    page.get_by_text("Versi 1 data terbuka diterbitkan.").wait_for()
    page.context.clear_cookies()

    # 2. An anonymous visitor: the public page links to the open data; the index lists the datasets.
    page.goto(f"{base}/publik/")
    page.get_by_role("link", name="Data terbuka (unduh dataset)").click()
    page.wait_for_url(f"{base}/data-terbuka/")
    assert "versi 1" in page.locator("main").inner_text()
    screenshot(page, "data-terbuka-indeks")
    page.locator("#daftar-dataset").get_by_role("link", name="Santripreneur per kabupaten/kota").click()
    page.wait_for_url(f"{base}/data-terbuka/santripreneur-kabkota/")

    # 3. The metadata (MS-Ind) on the page, and the CSV of version 1.
    metadata = page.locator("#metadata-indikator").inner_text()
    for element in ("Konsep", "Definisi", "Satuan", "Produsen data", "Level estimasi", "Penekanan sel kecil"):
        assert element in metadata
    screenshot(page, "data-terbuka-dataset")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh CSV").click()
    download = download_info.value
    assert download.suggested_filename == "opop-jatim-santripreneur-kabkota-v1.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    province_2023 = next(r for r in rows if r["tahun"] == "2023" and r["kode_kabupaten_kota"] == "")
    assert province_2023["nilai"] == "<5"  # four active santripreneur in the hand count: a small cell
    assert NIK not in text and PERSON_NAME not in text

    # 4. The same pages on a 390 px phone: nothing scrolls sideways.
    phone = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    small = phone.new_page()
    for name, url in (("indeks", "/data-terbuka/"), ("dataset", "/data-terbuka/santripreneur-kabkota/")):
        small.goto(base + url)
        screenshot(small, f"data-terbuka-{name}-390")
        assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    phone.close()
