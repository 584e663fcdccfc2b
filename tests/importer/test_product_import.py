"""Issue 16, Done 4: `import_data products` — products with their certificate numbers through the import engine: the
same preview, failed-rows file and all-or-nothing commit as the registry kinds, audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from products.models import Certification, Product
from tests.access import LOGIN, PERSONAS, assert_access
from tests.importer.data import to_csv, to_xlsx

HEADERS = ["Nama produk", "NSPP", "Kategori", "Harga (Rp)", "Satuan", "Jangkauan pasar", "P-IRT", "Sertifikat halal"]
PIRT = "2063517010123-29"
HALAL = "ID35110000123450824"


def _row(name, nspp, *, kategori="Makanan & minuman", harga="35.000", pirt=PIRT, halal=""):
    return [name, nspp, kategori, harga, "bungkus 250 g", "Lokal", pirt, halal]


def _import(rows, *, actor, commit=True, headers=HEADERS):
    return run_import(get_spec("products"), to_xlsx(headers, rows), "produk.xlsx", actor=actor, commit=commit)


def test_products_and_their_certificates_are_created_with_history(pesantren_nspps, staf):
    rows = [
        _row("Kopi Santri", pesantren_nspps[0], halal=HALAL),
        _row("Batik Tulis", pesantren_nspps[1], kategori="busana/fashion", pirt="", harga=""),
    ]
    result = _import(rows, actor=staf)
    assert result.committed, result.error_list()
    assert result.counts == {"create": 2, "update": 0, "unchanged": 0, "invalid": 0}
    kopi = Product.objects.get(nama="Kopi Santri")
    assert kopi.pesantren.nspp == pesantren_nspps[0] and kopi.harga == 35000 and kopi.status_kurasi == "terdaftar"
    assert sorted(kopi.sertifikasi.values_list("jenis", "nomor")) == [("halal", HALAL), ("pirt", PIRT)]
    assert kopi.sertifikasi.get(jenis="pirt").berlaku_sampai.year == 2029  # the P-IRT's own expiry digits
    created = kopi.history.get()
    assert created.history_user == staf and "produk.xlsx" in created.history_change_reason
    assert Certification.history.filter(history_user=staf).count() == 2


def test_the_same_file_again_is_unchanged_and_a_new_certificate_is_an_update(pesantren_nspps, staf):
    rows = [_row("Kopi Santri", pesantren_nspps[0])]
    assert _import(rows, actor=staf).committed
    again = _import(rows, actor=staf, commit=False)
    assert again.counts["unchanged"] == 1
    rows[0][7] = HALAL
    result = _import(rows, actor=staf)
    assert result.counts["update"] == 1 and result.committed
    assert result.rows[0].changes == [("Sertifikat halal", "—", HALAL)]
    assert Product.objects.count() == 1 and Certification.objects.count() == 2


def test_a_product_is_matched_by_pesantren_and_name_without_regard_to_case(pesantren_nspps, staf):
    assert _import([_row("Kopi Santri", pesantren_nspps[0])], actor=staf).committed
    result = _import([_row("KOPI SANTRI", pesantren_nspps[0], harga="40000")], actor=staf)
    assert result.counts["update"] == 1
    assert result.rows[0].changes == [("Nama produk", "Kopi Santri", "KOPI SANTRI"), ("Harga (Rp)", "35000", "40000")]
    # The same name at another pesantren is another product.
    other = _import([_row("Kopi Santri", pesantren_nspps[1])], actor=staf)
    assert other.counts["create"] == 1 and Product.objects.count() == 2


def test_a_bad_certificate_number_or_unknown_category_makes_nothing_written(pesantren_nspps, staf):
    rows = [
        _row("Kopi Santri", pesantren_nspps[0]),
        _row("Teh Santri", pesantren_nspps[0], pirt="12345"),
        _row("Sabun Santri", pesantren_nspps[0], kategori="Elektronik"),
        _row("Madu Santri", "510035179999"),
        _row("Kopi santri", pesantren_nspps[0]),
    ]
    result = _import(rows, actor=staf)
    errors = {(number, column): message for number, column, message in result.error_list()}
    assert errors[(3, "P-IRT")].startswith("Nomor P-IRT harus 15 digit")
    assert errors[(4, "Kategori")].startswith("Kategori tidak dikenal; pilih salah satu:")
    assert errors[(5, "NSPP")] == "Pesantren dengan NSPP 510035179999 belum terdaftar."
    assert errors[(6, "Nama produk")] == "NSPP dan nama produk sama dengan baris 2 di berkas ini."
    assert not result.committed
    assert Product.objects.count() == 0 and Certification.objects.count() == 0


def test_a_column_the_file_leaves_out_changes_nothing(pesantren_nspps, staf):
    assert _import([_row("Kopi Santri", pesantren_nspps[0])], actor=staf).committed
    Product.objects.update(deskripsi="Kopi robusta dari lereng Wilis.")
    result = _import([_row("Kopi Santri", pesantren_nspps[0])], actor=staf)
    assert result.counts["unchanged"] == 1
    assert Product.objects.get().deskripsi == "Kopi robusta dari lereng Wilis."


def test_command_line_products_dry_run_then_import(pesantren_nspps, staf, tmp_path, capsys):
    path = tmp_path / "produk.csv"
    path.write_bytes(to_csv(HEADERS, [_row("Kopi Santri", pesantren_nspps[0]), _row("Teh", pesantren_nspps[0])]))
    call_command("import_data", "products", str(path), "--dry-run")
    assert "2 baru" in capsys.readouterr().out and Product.objects.count() == 0
    call_command("import_data", "products", str(path), "--user", staf.username)
    assert Product.objects.count() == 2 and Certification.objects.count() == 2
    bad = tmp_path / "buruk.csv"
    bad.write_bytes(to_csv(HEADERS, [_row("Kopi Baru", pesantren_nspps[0]), _row("Teh", pesantren_nspps[0], pirt="1")]))
    with pytest.raises(CommandError):
        call_command("import_data", "products", str(bad), "--user", staf.username)
    assert "baris 3, kolom P-IRT" in capsys.readouterr().err
    assert Product.objects.count() == 2


def test_the_template_has_the_product_and_certificate_columns(as_persona):
    response = as_persona("staf").get("/impor/products/templat.csv")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Nama produk*,NSPP*,Kategori*") and "P-IRT" in header and "Sertifikat halal" in header


def _expected(persona):
    return LOGIN if persona == "anonymous" else (200 if persona in ("admin", "staf") else 403)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", ["/impor/products/", "/impor/products/templat.xlsx"])
def test_product_import_pages_access_matrix(url, persona, as_persona):
    assert_access(as_persona(persona).get(url), _expected(persona))


def test_the_import_page_offers_products(as_persona):
    assert 'href="/impor/products/"' in as_persona("staf").get("/impor/").content.decode()


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_read_only_roles_cannot_upload_products(persona, as_persona, pesantren_nspps, private_media):
    upload = SimpleUploadedFile("p.xlsx", to_xlsx(HEADERS, [_row("Kopi", pesantren_nspps[0])]))
    assert as_persona(persona).post("/impor/products/", {"file": upload}).status_code == 403
    assert not ImportBatch.objects.exists() and not Product.objects.exists()


def test_browser_preview_failed_rows_and_commit(as_persona, pesantren_nspps, private_media):
    client = as_persona("staf")
    rows = [_row("Kopi Santri", pesantren_nspps[0]), _row("Teh", pesantren_nspps[0], pirt="1")]
    upload = SimpleUploadedFile("produk.xlsx", to_xlsx(HEADERS, rows))
    client.post("/impor/products/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert batch.invalid_count == 1 and Product.objects.count() == 0
    failed = b"".join(client.get(f"/impor/batch/{batch.pk}/baris-gagal.csv").streaming_content).decode("utf-8-sig")
    assert failed.splitlines()[1].startswith('"P-IRT: Nomor P-IRT harus 15 digit')
    client.post(f"/impor/batch/{batch.pk}/tulis/")
    assert Product.objects.count() == 0

    good = SimpleUploadedFile("produk2.xlsx", to_xlsx(HEADERS, rows[:1]))
    client.post("/impor/products/", {"file": good})
    batch = ImportBatch.objects.latest("id")
    response = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "1-0-0-0"}, follow=True)
    assert "Impor selesai: 1 data baru" in response.content.decode()
    assert Product.objects.get().sertifikasi.count() == 1


def test_the_xlsx_template_types_nspp_and_certificate_columns_as_text(as_persona):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(as_persona("staf").get("/impor/products/templat.xlsx").content)).active
    formats = {sheet.cell(row=1, column=c).value: sheet.cell(row=3, column=c).number_format for c in range(2, 18)}
    assert formats["NSPP*"] == formats["P-IRT"] == formats["Sertifikat halal"] == "@"
    assert formats["Harga (Rp)"] == "General"
