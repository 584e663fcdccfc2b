import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_NAV = {  # role badge, and an entry of the Referensi menu that only this role has
    "admin": ("Admin", "Perangkat Daerah"),
    "staf": ("Staf Diskop", "Perangkat Daerah"),
    "pimpinan": ("Pimpinan", "Perangkat Daerah"),
    "petugas.kominfo": ("Petugas OPD", "OPD Saya"),
    "petugas.dindik": ("Petugas OPD", "OPD Saya"),
}


def test_each_demo_role_logs_in_and_sees_its_home(page, live_server, screenshot):
    seed_demo_users()
    for username, (role_label, nav_label) in ROLE_NAV.items():
        login(page, live_server.url, username, DEMO_PASSWORD)
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_role("heading", name="Selamat datang").is_visible()
        assert page.locator(".role-badge").inner_text().startswith(role_label)
        navbar = page.locator("#nav-utama")
        assert navbar.get_by_role("link", name="Admin Django").is_visible() == (username == "admin")
        navbar.get_by_role("button", name="Referensi").click()
        assert navbar.get_by_role("link", name=nav_label).is_visible()
        page.keyboard.press("Escape")
        assert page.locator(".indicator-card").count() == 4
        screenshot(page, f"home-{username}")
        page.get_by_role("button", name=role_label).click()
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_url(f"{live_server.url}/akun/masuk/")


def test_petugas_is_kept_out_of_django_admin(page, live_server, screenshot):
    seed_demo_users()
    login(page, live_server.url, "petugas.kominfo", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/login/" in page.url
    screenshot(page, "admin-refused-petugas")


def test_wrong_password_shows_indonesian_error(page, live_server):
    seed_demo_users()
    login(page, live_server.url, "staf", "bukan-sandinya")
    assert page.get_by_text("dan sandi yang benar").is_visible()


def test_home_is_readable_on_a_phone(browser, live_server, screenshot):
    seed_demo_users()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    login(page, live_server.url, "pimpinan", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    # The menu collapses behind the toggler on a phone and opens with it.
    assert not page.locator("#nav-utama").get_by_role("link", name="Produk").is_visible()
    page.get_by_role("button", name="Buka menu").click()
    page.locator("#nav-utama").get_by_role("link", name="Produk").wait_for(state="visible")
    screenshot(page, "home-pimpinan-phone")
    context.close()


def test_five_wrong_passwords_lock_the_account_in_the_browser(page, live_server, screenshot):
    seed_demo_users()
    for _ in range(5):
        login(page, live_server.url, "pimpinan", "tebakan-salah")
    login(page, live_server.url, "pimpinan", DEMO_PASSWORD)  # the right password is refused while locked
    assert page.get_by_role("heading", name="Akun dikunci sementara").is_visible()
    assert "/akun/masuk/" in page.url
    screenshot(page, "login-locked")
