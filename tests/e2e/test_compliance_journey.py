"""The compliance board in a browser (issue 29), at desk and phone width: OPDs without a plan show one
"Belum mengajukan rencana" across the quarters, and the reporting-rate section follows; the Staf home's late item
opens that year's board. Screenshots in test-artifacts/."""

import pytest
from django.utils import timezone

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from programs.demo import seed_demo_plans
from programs.selectors import plan_deadline_for_year
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


def test_board_and_home_link(page, live_server, screenshot):
    if TODAY <= plan_deadline_for_year(TODAY.year):
        pytest.skip("the plan deadline of this year has not passed yet: no OPD owes its plan")
    seed_demo_users()
    seed_demo_plans(today=TODAY)
    base = live_server.url
    login(page, base, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
    # The demo as seeded on TODAY: Disnakertrans's plan is a draft and Dindik's was returned, past the plan deadline.
    page.locator('[data-item="rencana_belum_diajukan"] > a').first.click()
    page.wait_for_url(f"{base}/program/kepatuhan/?tahun={TODAY.year}")
    assert f"Kepatuhan pelaporan realisasi {TODAY.year}" in page.locator("h1").inner_text()
    merged = page.locator('td[data-plan-state="belum_rencana"]').first
    assert merged.is_visible() and merged.inner_text() == "Belum mengajukan rencana"
    assert page.get_by_role("heading", name=f"Tingkat dan ketepatan pelaporan {TODAY.year}").is_visible()
    screenshot(page, "compliance-board-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "compliance-board-390")
