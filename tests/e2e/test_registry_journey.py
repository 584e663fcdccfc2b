"""Registry journey: Staf Diskop registers a pesantren and a santripreneur through the forms and finds the person in
the list; a Pimpinan opens the person and sees the NIK masked; a Petugas OPD sees no NIK at all."""

import re

import pytest

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from tests.e2e.conftest import login, open_nav
from tests.pesantren.conftest import make_pesantren

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIK = "3517010101900001"
NIK_MASKED = "3517********0001"


def _signed_in(browser, live_server, username, width=1366):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, live_server.url, username, DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_staf_registers_then_pimpinan_sees_masked_and_petugas_sees_no_nik(browser, live_server, screenshot):
    seed_demo_users()
    base = live_server.url

    # Staf Diskop: a new pesantren through the form (kecamatan narrowed to the chosen kab/kota by registri.js).
    context, page = _signed_in(browser, live_server, "staf")
    open_nav(page, "Registri", "Pesantren")
    page.get_by_role("link", name="Tambah pesantren").click()
    page.locator("#id_nspp").fill("510035170239")
    page.locator("#id_nama").fill("Pondok Pesantren Tebuireng")
    assert page.locator("#id_kecamatan").is_disabled()
    page.locator("#id_kabkota").select_option("35.17")
    assert page.locator("#id_kecamatan option[value='35.07.01']").is_hidden()
    page.locator("#id_kecamatan").select_option("35.17.08")
    page.locator("#id_tipologi").select_option("kombinasi")
    page.locator("#id_tahun_kohort").fill("2021")
    screenshot(page, "registry-pesantren-form-staf")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/pesantren/\d+/$"))
    assert page.get_by_role("heading", name="Pondok Pesantren Tebuireng").is_visible()
    assert page.get_by_text("Pesantren Pondok Pesantren Tebuireng ditambahkan.").is_visible()

    # A santripreneur: the pesantren select is filled for the chosen kab/kota (JSON from pesantren:options).
    open_nav(page, "Registri", "Santripreneur")
    page.get_by_role("link", name="Tambah santripreneur").click()
    page.locator("#id_nama").fill("Siti Aminah")
    page.locator("#id_nik").fill(NIK)
    page.locator("#id_jenis_kelamin").select_option("P")
    page.locator("#id_tanggal_lahir").fill("1990-01-01")
    page.locator("#id_telepon").fill("081234567890")
    page.locator("#id_kabkota_pesantren").select_option("35.17")
    page.locator("#id_pesantren option", has_text="Tebuireng").wait_for(state="attached")
    page.locator("#id_pesantren").select_option(label="Pondok Pesantren Tebuireng (510035170239)")
    page.locator("#id_bidang_usaha").fill("Kuliner")
    page.locator("#id_tahun_terdaftar").fill("2023")
    screenshot(page, "registry-santripreneur-form-staf")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/santripreneur/\d+/$"))
    person_url = page.url
    assert page.locator("[data-personal=nik]").inner_text() == NIK

    # ...and finds the person in the list.
    open_nav(page, "Registri", "Santripreneur")
    page.locator("#id_q").fill("siti aminah")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(re.compile(r".*q=siti\+aminah.*"))
    row = page.locator("table tbody tr", has_text="Siti Aminah")
    assert row.count() == 1 and NIK in row.inner_text()
    screenshot(page, "registry-santripreneur-list-staf")
    # Choosing a kab/kota in the filter bar reloads the list with that kab/kota's pesantren to choose from.
    page.locator("#id_kabkota").select_option("35.17")
    page.wait_for_url(re.compile(r".*kabkota=35\.17.*"))
    page.locator("#id_pesantren").select_option(label="Pondok Pesantren Tebuireng (510035170239)")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(re.compile(r".*pesantren=\d+.*"))
    assert page.locator("table tbody tr", has_text="Siti Aminah").count() == 1
    context.close()

    # Pimpinan: the same person, NIK masked.
    context, page = _signed_in(browser, live_server, "pimpinan")
    page.goto(f"{base}/santripreneur/?q=siti")
    page.get_by_role("link", name="Siti Aminah").click()
    page.wait_for_url(person_url)
    assert page.locator("[data-personal=nik]").inner_text() == NIK_MASKED
    assert NIK not in page.content()
    assert page.get_by_role("link", name="Ubah").count() == 0
    screenshot(page, "registry-santripreneur-detail-pimpinan")
    context.close()

    # Petugas OPD: no NIK, no birth date, no phone — not even masked.
    context, page = _signed_in(browser, live_server, "petugas.kominfo")
    page.goto(person_url)
    html = page.content()
    assert "Siti Aminah" in html
    for value in (NIK, NIK_MASKED, "081234567890", "0812******90", "1990"):
        assert value not in html
    assert page.get_by_text("Tidak ditampilkan untuk peran Anda.").is_visible()
    screenshot(page, "registry-santripreneur-detail-petugas")
    page.goto(f"{base}/santripreneur/")
    assert NIK_MASKED not in page.content() and page.locator("#cari-nik").count() == 0
    context.close()


def test_registry_list_is_usable_on_a_phone(browser, live_server, screenshot):
    seed_demo_users()
    make_pesantren()
    make_pesantren(
        nspp="510035070001",
        nama="Pondok Pesantren Al-Hikmah",
        kabkota_id="35.07",
        kecamatan_id="35.07.01",
        status="tidak_aktif",
    )
    context, page = _signed_in(browser, live_server, "pimpinan", width=390)
    page.goto(f"{live_server.url}/pesantren/")
    # Filters fold away behind one button on a phone.
    assert not page.locator("#id_tipologi").is_visible()
    page.get_by_role("button", name="Saringan").click()
    page.locator("#id_tipologi").wait_for(state="visible")
    page.locator("#saringan-lain.collapse.show").wait_for()  # the opening transition has ended
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "registry-pesantren-list-phone")
    context.close()
