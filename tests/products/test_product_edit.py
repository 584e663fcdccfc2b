import pytest

from opop.common.concurrency import version_of
from products.models import CurationStatus, Product
from products.services import product_move
from tests.access import PERSONAS
from tests.products.matrix import WRITE, assert_access


def _url(product):
    return f"/produk/{product.pk}/ubah/"


def _data(product, **extra):
    return {
        "nama": product.nama,
        "pesantren": product.pesantren_id,
        "kategori": product.kategori_id,
        "harga": "20000",
        "satuan": "bungkus",
        "kapasitas_bulanan": "",
        "jangkauan_pasar": "lokal",
        "negara_tujuan": "",
        "deskripsi": "",
        "tautan_opop_mart": "https://opopmart.example/p/1",
        "versi": version_of(product),
        **extra,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, product):
    assert_access(as_persona(persona).get(_url(product)), WRITE[persona])


@pytest.mark.parametrize("persona", ["staf", "pimpinan"])
def test_unknown_product_is_404(persona, as_persona, db):
    assert as_persona(persona).get("/produk/999999/ubah/").status_code == 404


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_hand_crafted_post_by_a_reader_is_403_and_changes_nothing(persona, as_persona, product):
    response = as_persona(persona).post(_url(product), _data(product, nama="Diganti"))
    assert response.status_code == 403
    assert Product.objects.get(pk=product.pk).nama == product.nama


def test_staf_edits_and_the_change_is_in_the_history(as_persona, product, staf):
    response = as_persona("staf").post(_url(product), _data(product, harga="20000"))
    assert response.status_code == 302 and response["Location"] == f"/produk/{product.pk}/"
    product.refresh_from_db()
    assert product.harga == 20000 and product.tautan_opop_mart == "https://opopmart.example/p/1"
    latest = product.history.order_by("-history_id").first()
    assert latest.history_user == staf and latest.history_change_reason == "Data produk diubah"


def test_editing_keeps_curation_status(as_persona, make_product):
    product = make_product(status=CurationStatus.UNGGULAN, year=2021)
    as_persona("staf").post(_url(product), _data(product, status_kurasi="terdaftar", tahun_unggulan=""))
    product.refresh_from_db()
    assert (product.status_kurasi, product.tahun_unggulan) == ("unggulan", 2021)


def test_invalid_edit_saves_nothing(as_persona, product):
    response = as_persona("staf").post(_url(product), _data(product, nama="", harga="-1"))
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert Product.objects.get(pk=product.pk).harga == 15000


def test_foreign_pesantren_id_is_refused(as_persona, product):
    response = as_persona("staf").post(_url(product), _data(product, pesantren=999999))
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert Product.objects.get(pk=product.pk).pesantren_id == product.pesantren_id


def test_second_editor_is_refused_and_the_first_edit_stays(client, product, staf, admin):
    loaded = _data(product)  # both open the form at the same version
    client.force_login(staf)
    assert client.post(_url(product), {**loaded, "harga": "21000"}).status_code == 302
    client.force_login(admin)
    response = client.post(_url(product), {**loaded, "harga": "99000", "nama": "Kopi Lain"})
    assert response.status_code == 200
    assert "Data ini sudah diubah oleh Bob" in response.content.decode()
    product.refresh_from_db()
    assert (product.harga, product.nama) == (21000, "Kopi Robusta Santri")
    assert product.history.count() == 2  # created + the first edit; nothing from the refused one


def test_a_curation_move_meanwhile_also_refuses_the_stale_form(as_persona, product, staf):
    loaded = _data(product)
    product_move(actor=staf, product=product, to=CurationStatus.DIVERIFIKASI)
    response = as_persona("staf").post(_url(product), {**loaded, "harga": "99000"})
    assert "sudah diubah" in response.content.decode()
    assert Product.objects.get(pk=product.pk).harga == 15000


def test_edit_without_a_version_is_refused(as_persona, product):
    response = as_persona("staf").post(_url(product), _data(product, versi="", harga="99000"))
    assert response.status_code == 200 and "sudah diubah" in response.content.decode()
    assert Product.objects.get(pk=product.pk).harga == 15000
