"""A Petugas OPD makes an API token in the browser (issue 31): the account menu's "Token API", the secret shown once,
the token working against the API, the guide "API untuk sistem mitra", and Swagger UI loading only our own files
(the page fixture fails on any Content-Security-Policy block). Screenshots at 1366 and 390 px."""

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_make_a_token_use_it_and_read_the_guide(page, live_server, screenshot):
    seed_demo_users()
    base = live_server.url
    login(page, base, "petugas.kominfo", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
    assert page.locator('a.dropdown-item[href="/akun/token-api/"]').count() == 1
    page.goto(f"{base}/akun/token-api/")
    page.get_by_label("Nama token").fill("e-Monev Kominfo")
    page.get_by_label("Akses").select_option("baca_tulis")
    page.get_by_role("button", name="Buat token").click()
    secret = page.locator("#token-rahasia").inner_text().strip()
    assert secret.startswith("opop_")
    screenshot(page, "api-token-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "api-token-390")
    answer = page.request.get(f"{base}/api/v1/rencana/", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200 and "hasil" in answer.json()
    page.reload()
    assert secret not in page.content()  # shown once

    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="API untuk sistem mitra: panduan dan contoh").click()
    assert page.locator("h1").inner_text() == "API untuk sistem mitra"
    screenshot(page, "api-guide-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "api-guide-390")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "API Portal OPOP Jatim" in page.locator(".swagger-ui .info .title").inner_text()
    screenshot(page, "api-swagger-1366")
