"""Browser journeys: Playwright for Python driving the system Chromium against pytest-django's live server.

Where Chromium is missing they skip with the reason; with E2E_REQUIRED=1 (CI) they fail instead."""

import os
from pathlib import Path

import pytest

from tests.jobs.conftest import real_queue, start_worker  # noqa: F401 - the jobs journey runs a real db_worker

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium tidak ditemukan di {CHROMIUM} (pasang dengan: apt-get install -y chromium)"
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(f"E2E_REQUIRED=1 tetapi {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's ORM calls are in another.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    blocked = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
    yield page
    context.close()
    assert not blocked, f"The Content-Security-Policy blocked something on a page: {blocked[:3]}"


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(page, base_url, username, password):
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def open_nav(page, *labels):
    """Follow the navbar: open_nav(page, "Registri", "Santripreneur") opens the dropdown, then the link."""
    navbar = page.locator("#nav-utama")
    if len(labels) == 2:
        navbar.get_by_role("button", name=labels[0]).click()
    navbar.get_by_role("link", name=labels[-1], exact=True).click()


# What the site checks counted (pages, errors, seconds), shown at the end of the run even when they pass:
# tests/conftest.py carries the lines to the terminal summary (through each test's report, for xdist).
SUMMARY = []
