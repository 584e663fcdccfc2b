"""Staf Diskop registers a product with a photo and certificates, curates it to unggulan, and the public sees it."""

import io

import pytest
from PIL import Image, ImageDraw

from opop.accounts.demo import DEMO_PASSWORD, seed_demo_users
from opop.accounts.models import User
from opop.wilayah.models import KabupatenKota
from pesantren.services import pesantren_save
from products.models import CurationEvent, Product
from tests.e2e.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


def _photo(path):
    image = Image.new("RGB", (800, 600), "#c0392b")
    ImageDraw.Draw(image).ellipse([500, 60, 760, 320], fill="#f2c14e")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_staf_curates_a_product_to_the_public_catalogue(page, browser, live_server, screenshot, tmp_path):
    seed_demo_users()
    staf = User.objects.get(username="staf")
    pesantren_save(
        actor=staf, nspp="510035170239", nama="PP Tebuireng", kabkota=KabupatenKota.objects.get(kode="35.17")
    )

    login(page, live_server.url, "staf", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.locator("#nav-utama").get_by_role("link", name="Produk").click()
    page.get_by_role("link", name="Daftarkan produk").click()

    page.get_by_label("Nama produk").fill("Kopi Robusta Tebuireng")
    page.get_by_label("Pesantren produsen").select_option(label="PP Tebuireng (Kabupaten Jombang)")
    page.get_by_label("Kategori").select_option(label="Makanan & minuman")
    page.get_by_label("Harga (Rp)").fill("45000")
    page.get_by_label("Satuan").fill("bungkus 250 g")
    page.get_by_label("Jangkauan pasar").select_option(label="Ekspor")
    page.get_by_label("Negara tujuan ekspor").fill("Malaysia, Arab Saudi")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("terdaftar.").wait_for()
    product = Product.objects.get(nama="Kopi Robusta Tebuireng")

    page.get_by_role("link", name="Tambah foto").click()
    page.get_by_label("Foto").set_input_files(str(_photo(tmp_path / "kopi.jpg")))
    page.get_by_label("Keterangan").fill("Kemasan 250 g")
    page.get_by_role("button", name="Unggah").click()
    page.get_by_text("Foto ditambahkan.").wait_for()

    for jenis, nomor in [
        ("P-IRT", "2063517010123-29"),
        ("Sertifikat halal", "ID35110000123450122"),
        ("NIB", "9120301234567"),
        ("Merek/HKI", "IDM000812345"),
    ]:
        page.get_by_role("link", name="Tambah sertifikat").click()
        page.get_by_label("Jenis").select_option(label=jenis)
        page.get_by_label("Nomor").fill(nomor)
        page.get_by_label("Tanggal terbit").fill("2023-01-15")
        page.get_by_label("Sudah diverifikasi").check()
        page.get_by_role("button", name="Simpan").click()
        page.get_by_text("disimpan.").first.wait_for()
    assert page.locator(".readiness-card").get_by_text("100%").is_visible()

    page.get_by_role("button", name="Verifikasi administrasi").click()
    page.get_by_text("Status kurasi sekarang: Diverifikasi.").wait_for()
    page.get_by_role("button", name="Nyatakan sudah dikurasi").click()
    page.get_by_text("Status kurasi sekarang: Dikurasi.").wait_for()
    page.get_by_label("Tahun penetapan").select_option("2024")
    page.locator("#catatan-unggulan").fill("Lolos rapat kurasi Februari")
    page.get_by_role("button", name="Tetapkan sebagai unggulan").click()
    page.get_by_role("button", name="Ya, tetapkan sebagai unggulan").click()  # the confirmation step
    page.get_by_text("Status kurasi sekarang: Unggulan.").wait_for()
    screenshot(page, "produk-staf-unggulan")

    product.refresh_from_db()
    assert (product.status_kurasi, product.tahun_unggulan) == ("unggulan", 2024)
    assert list(CurationEvent.objects.filter(produk=product).values_list("oleh__username", flat=True)) == ["staf"] * 3

    # The public catalogue, without logging in, on a desktop and on a phone.
    for width, name in [(1366, "katalog-publik"), (390, "katalog-publik-phone")]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        public = context.new_page()
        public.goto(f"{live_server.url}/publik/")
        public.get_by_role("link", name="Lihat katalog produk unggulan").click()
        public.get_by_role("link", name="Kopi Robusta Tebuireng").click()
        public.get_by_role("heading", name="Kopi Robusta Tebuireng").wait_for()
        assert public.get_by_text("Produk unggulan 2024").is_visible()
        assert public.get_by_text("ID35110000123450122").is_visible()
        assert public.get_by_text("9120301234567").count() == 0  # NIB number is not public
        # The heading can show before the photo has arrived: wait until the browser is done with it (`complete` is
        # true for a loaded and for a broken image alike), then check it decoded.
        public.wait_for_function("document.querySelector('img.public-main-photo')?.complete")
        assert public.locator("img.public-main-photo").evaluate("img => img.naturalWidth") > 0
        screenshot(public, name)
        context.close()
