"""Browser journey of the dashboards: Staf Diskop reads the cards, changes the year, follows a number to its records,
opens the map (38 regions) and the OPD matrix; a Petugas OPD sees their own OPD only; the public page needs no
login. Screenshots land in test-artifacts/."""

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import PerangkatDaerah, User
from tests.dashboard.conftest import PERSON_NAME, build_plans, build_registry
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base, username):
    page.context.clear_cookies()
    login(page, base, username, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")


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


def test_dashboards_for_staf_petugas_and_the_public(page, live_server, screenshot):
    _data()
    base = live_server.url

    # 1. Staf Diskop: four cards with the registry counts, per-time and counting rule.
    _sign_in(page, base, "staf")
    cards = page.locator("[data-indicator]").filter(has=page.locator(".ind-value"))
    assert cards.count() == 4
    santri = page.locator('section[data-indicator="santripreneur"]')
    assert santri.locator('[data-number="realisasi"]').inner_text() == "4"
    assert "WIB" in santri.inner_text() and "Aturan hitung" in santri.inner_text()
    screenshot(page, "dashboard-staf")

    # The year selector reloads the page for 2022 (three active santripreneur then).
    page.locator("#pilih-tahun").select_option("2022")
    page.wait_for_url(f"{base}/?tahun=2022")
    assert page.locator('section[data-indicator="santripreneur"] [data-number="realisasi"]').inner_text() == "3"

    # Every number leads to the records it counts.
    page.goto(f"{base}/")
    page.locator('section[data-indicator="sociopreneur"] a[data-number="realisasi"]').click()
    page.wait_for_url(f"{base}/sociopreneur/?status=aktif")
    assert page.locator("table tbody tr").count() == 3

    # 2. By kab/kota: the map draws the 38 regions; a region opens that kab/kota's records.
    page.goto(f"{base}/dasbor/kabkota/?tahun=2023")
    assert page.locator("svg.choropleth path").count() == 38
    assert page.locator("#tabel-kabkota tbody tr").count() == 38
    assert page.locator("#tabel-kabkota tbody tr").first.get_attribute("data-kode") == "35.17"  # largest gap
    screenshot(page, "dashboard-staf-kabkota")
    page.locator('svg.choropleth path[data-kode="35.78"]').click()
    page.wait_for_url(f"{base}/santripreneur/?status=aktif&kabkota=35.78")

    # 3. By OPD: the matrix warns that 2023 commitments cannot reach the santripreneur need.
    page.goto(f"{base}/dasbor/opd/?tahun=2023")
    assert page.locator('#matriks [data-warning="santripreneur"]').is_visible()
    assert "Dinas Pendidikan" in page.locator("#matriks").inner_text()
    screenshot(page, "dashboard-staf-opd")

    # 4. Petugas OPD (Kominfo): their own plans only, nothing of Dinas Pendidikan's draft, no personal data.
    _sign_in(page, base, "petugas.kominfo")
    screenshot(page, "dashboard-petugas")
    page.goto(f"{base}/dasbor/opd/?tahun=2023")
    body = page.locator("main").inner_text()
    assert "Dinas Kominfo" in body and "Dinas Pendidikan" not in body and PERSON_NAME not in body
    screenshot(page, "dashboard-petugas-opd")

    # 5. The public page: no login, cards and the 38-region map.
    page.context.clear_cookies()
    page.goto(f"{base}/publik/")
    assert page.locator("section.ind-card").count() == 4
    assert page.locator("svg.choropleth path").count() == 38
    assert page.locator("svg.choropleth").get_attribute("data-regions") == "38"
    screenshot(page, "dashboard-publik")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "dashboard-publik-390")
