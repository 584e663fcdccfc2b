import pytest

from products.models import Product
from tests.access import PERSONAS
from tests.once import post_twice
from tests.products.matrix import WRITE, assert_access

URL = "/produk/baru/"


def _data(producer, category, **extra):
    return {
        "nama": "Keripik Tempe",
        "pesantren": producer.pk,
        "kategori": category.pk,
        "harga": "15000",
        "satuan": "bungkus 200 g",
        "kapasitas_bulanan": "500",
        "jangkauan_pasar": "lokal",
        "negara_tujuan": "",
        "deskripsi": "Renyah",
        "tautan_opop_mart": "",
        **extra,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, db):
    assert_access(as_persona(persona).get(URL), WRITE[persona])


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_hand_crafted_post_by_a_reader_is_403_and_saves_nothing(persona, as_persona, pesantren, makanan):
    response = as_persona(persona).post(URL, _data(pesantren, makanan))
    assert response.status_code == 403
    assert not Product.objects.exists()


def test_staf_registers_a_product(as_persona, pesantren, makanan, staf):
    response = as_persona("staf").post(URL, _data(pesantren, makanan))
    product = Product.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/produk/{product.pk}/"
    assert (product.nama, product.harga, product.status_kurasi, product.tahun_unggulan) == (
        "Keripik Tempe",
        15000,
        "terdaftar",
        None,
    )
    assert product.history.get().history_user == staf


def test_status_and_year_cannot_be_posted(as_persona, pesantren, makanan):
    as_persona("staf").post(URL, _data(pesantren, makanan, status_kurasi="unggulan", tahun_unggulan="2024"))
    product = Product.objects.get()
    assert (product.status_kurasi, product.tahun_unggulan) == ("terdaftar", None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"nama": ""}, "Bidang ini tidak boleh kosong"),
        ({"harga": "-5"}, "tidak boleh negatif"),
        ({"harga": "12.50"}, "Tulis rupiah tanpa desimal"),
        ({"harga": "12,5"}, "Tulis rupiah tanpa desimal"),
        ({"jangkauan_pasar": "ekspor"}, "Sebutkan negara tujuan"),
        ({"negara_tujuan": "Malaysia"}, "hanya diisi bila jangkauan pasar ekspor"),
        ({"tautan_opop_mart": "javascript:alert(1)"}, ""),
        ({"pesantren": "999999"}, "Masukkan pilihan yang valid"),  # a foreign id
        ({"kategori": "999999"}, "Masukkan pilihan yang valid"),
    ],
)
def test_invalid_input_shows_errors_and_saves_nothing(extra, message, as_persona, pesantren, makanan):
    response = as_persona("staf").post(URL, _data(pesantren, makanan, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "is-invalid" in response.content.decode()
    assert not Product.objects.exists()


def test_retired_category_cannot_be_picked(as_persona, pesantren, makanan):
    makanan.aktif = False
    makanan.save()
    as_persona("staf").post(URL, _data(pesantren, makanan))
    assert not Product.objects.exists()


def test_same_name_twice_for_one_pesantren_is_refused(as_persona, pesantren, makanan):
    client = as_persona("staf")
    client.post(URL, _data(pesantren, makanan))
    response = client.post(URL, _data(pesantren, makanan))
    assert "sudah mempunyai produk dengan nama yang sama" in response.content.decode()
    assert Product.objects.count() == 1


def test_export_product_with_countries(as_persona, pesantren, makanan):
    as_persona("admin").post(
        URL, _data(pesantren, makanan, jangkauan_pasar="ekspor", negara_tujuan="Malaysia ,  Arab Saudi,")
    )
    assert Product.objects.get().negara_tujuan == "Malaysia, Arab Saudi"


def test_double_submitted_form_creates_one_product_and_the_second_goes_to_it(as_persona, pesantren, makanan):
    client = as_persona("staf")
    first, second = post_twice(client, URL, _data(pesantren, makanan))
    product = Product.objects.get()
    assert first["Location"] == second["Location"] == f"/produk/{product.pk}/"
    assert "sudah dikirim sebelumnya" in client.get(second["Location"]).content.decode()
