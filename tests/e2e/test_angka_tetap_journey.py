"""Closing a year in a browser (issue 30), at desk and phone width: the Admin opens the confirmation, which names what
it locks, and closes 2025; a santripreneur recorded afterwards with year 2025 leaves the 2025 dashboard at its final
figures, which say "Angka tetap per …". Screenshots in test-artifacts/."""

import pytest

from programs import services
from programs.models import AngkaTetap, Status
from tests.conftest import PASSWORD
from tests.e2e.conftest import login
from tests.pesantren.conftest import make_pesantren, make_santri
from tests.programs.factories import first_kegiatan, make_plan, realisasi_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_close_2025_and_read_the_frozen_dashboard(page, live_server, screenshot, admin, staf, petugas_a, opd_a):
    pesantren = make_pesantren()
    make_santri(pesantren, nama="Siti Aminah", tahun_terdaftar=2025)
    rencana = make_plan(actor=petugas_a, opd=opd_a, tahun=2025, status=Status.DIVERIFIKASI, verifier=staf)
    services.realisasi_save(actor=petugas_a, kegiatan=first_kegiatan(rencana), triwulan=4, data=realisasi_data())
    base = live_server.url
    login(page, base, admin.username, PASSWORD)
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/program/angka-tetap/?tahun=2025")
    page.get_by_role("link", name="Tetapkan angka 2025…").click()
    page.wait_for_url(f"{base}/program/angka-tetap/2025/tetapkan/")
    locked = page.locator("[data-terkunci]").inner_text()
    assert "1 rencana OPD" in locked and "1 kegiatan" in locked and "1 isian realisasi triwulan" in locked
    screenshot(page, "angka-tetap-konfirmasi-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "angka-tetap-konfirmasi-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Ya, tetapkan dan kunci tahun 2025").click()
    page.wait_for_url(f"{base}/program/angka-tetap/?tahun=2025")
    assert AngkaTetap.objects.filter(tahun=2025, versi=1).exists()

    make_santri(pesantren, nama="Budi Santoso", tahun_terdaftar=2025)  # after the freeze
    page.goto(f"{base}/?tahun=2025")
    badge = page.locator("[data-status-angka=tetap] .badge")
    assert badge.inner_text().startswith("Angka tetap per")
    card = page.locator(".dash-grid").inner_text()
    assert "1" in card
    screenshot(page, "angka-tetap-dasbor-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "angka-tetap-dasbor-390")
    page.goto(f"{base}/program/angka-tetap/?tahun=2025")
    assert "+1" in page.locator("[data-perubahan=santripreneur]").inner_text()
    screenshot(page, "angka-tetap-perubahan-390")
