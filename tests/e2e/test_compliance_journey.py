"""The compliance board in a browser (issue 29), at desk and phone width: OPDs without a plan show one
"Belum mengajukan rencana" across the quarters, and the reporting-rate section follows; the Staf home's late item
opens that year's board. Screenshots in test-artifacts/."""

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from programs.demo import seed_demo_plans
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_and_home_link(page, live_server, screenshot):
    seed_demo_users()
    seed_demo_plans()
    base = live_server.url
    login(page, base, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
    page.locator('[data-item="terlambat"] > a').first.click()
    page.wait_for_url(f"{base}/program/kepatuhan/?tahun=2024")
    assert "Kepatuhan pelaporan realisasi 2024" in page.locator("h1").inner_text()
    merged = page.locator('td[data-plan-state="belum_rencana"]').first
    assert merged.is_visible() and merged.inner_text() == "Belum mengajukan rencana"
    assert page.get_by_role("heading", name="Tingkat dan ketepatan pelaporan 2024").is_visible()
    screenshot(page, "compliance-board-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "compliance-board-390")
