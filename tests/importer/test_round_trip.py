"""Issue 16, Done 3: for every importable kind that has a list export, the list's own XLSX export — made with the
Indonesian or the English interface — re-imports as "tidak berubah" for every row, and writes nothing.

(Participations have no list export of their own: they are shown on each person's page.)"""

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from openpyxl import load_workbook

from opop.accounts.models import PerangkatDaerah
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren import services as registry
from pesantren.models import Pesantren, Santripreneur, Sociopreneur
from products import services as catalogue
from products.models import Product, ProductCategory
from programs.importers import KegiatanImport
from tests.programs.factories import make_plan

LANGUAGES = ["id", "en"]


def _pesantren(nspp, nama, kabkota="35.17", kecamatan="35.17.08", **data):
    obj = Pesantren(kabkota_id=kabkota, kecamatan_id=kecamatan)
    return registry.pesantren_save(actor=None, pesantren=obj, nspp=nspp, nama=nama, **data)


@pytest.fixture
def registry_data(db):
    tebuireng = _pesantren(
        "510035170239",
        "PP Tebuireng",
        alamat="Jl. Irian Jaya 10, Cukir",
        pengasuh="KH. Abdul Hakim Mahfudz",
        telepon="0321861719",
        email="info@tebuireng.net",
        tahun_berdiri=1899,
        tipologi="kombinasi",
        jumlah_santri=4200,
        tahun_kohort=2021,
        latitude=Decimal("-7.607000"),
        longitude=Decimal("112.235000"),
    )
    lirboyo = _pesantren("510035710101", "PP Lirboyo", kabkota="35.71", kecamatan=None, status="tidak_aktif")
    _pesantren("510035170240", "PP Darul Ulum", tipologi="salafiyah", jumlah_santri=0)
    for i, (nik, born, phone, status) in enumerate(
        [
            ("3517014708040001", datetime.date(2004, 8, 7), "081234567890", "aktif"),
            (None, datetime.date(2003, 2, 2), "", "tidak_aktif"),
            (None, None, "", "aktif"),
        ]
    ):
        registry.santripreneur_save(
            actor=None,
            nama=f"Santri Uji {i}",
            nik=nik,
            jenis_kelamin="P" if i % 2 else "L",
            tanggal_lahir=born,
            telepon=phone,
            status=status,
            pesantren=tebuireng if i < 2 else lirboyo,
            bidang_usaha="Kuliner" if i else "",
            tahun_terdaftar=2023,
        )
    for i, (asal, nib, nik) in enumerate([(tebuireng, "9120001234567", "3517015502950002"), (None, "", None)]):
        registry.sociopreneur_save(
            actor=None,
            person=Sociopreneur(kabkota_id="35.78"),
            nama=f"Sociopreneur Uji {i}",
            nik=nik,
            jenis_kelamin="P",
            tanggal_lahir=datetime.date(1995, 2, 15) if i == 0 else None,
            telepon="",
            pesantren_asal=asal,
            nama_usaha=f"Usaha {i}",
            sektor="Fesyen" if i == 0 else "",
            nib=nib,
            tahun_mulai=2020,
            jumlah_pekerja=6 * i,
        )
    return {"tebuireng": tebuireng, "lirboyo": lirboyo}


@pytest.fixture
def catalogue_data(registry_data, admin):
    makanan = ProductCategory.objects.get(kode="makanan-minuman")
    kerajinan = ProductCategory.objects.get(kode="kerajinan")
    kopi = catalogue.product_save(
        actor=admin,
        nama="Kopi Santri",
        pesantren=registry_data["tebuireng"],
        kategori=makanan,
        deskripsi="Kopi robusta.\nDari lereng Wilis.",
        harga=Decimal("35000"),
        satuan="bungkus 250 g",
        kapasitas_bulanan=500,
        jangkauan_pasar="ekspor",
        negara_tujuan="Malaysia, Arab Saudi",
        tautan_opop_mart="https://opopmart.example/kopi",
    )
    for jenis, nomor in [
        ("pirt", "2063517010123-29"),
        ("pirt", "2063517010124-30"),
        ("halal", "ID35110000123450824"),
        ("bpom", "MD 224113001234"),
        ("nib", "9120301234567"),
        ("merek", "IDM000123456"),
    ]:
        catalogue.certification_save(actor=admin, product=kopi, jenis=jenis, nomor=nomor)
    catalogue.product_save(
        actor=admin, nama="Batik Tulis", pesantren=registry_data["lirboyo"], kategori=kerajinan, jangkauan_pasar="lokal"
    )
    catalogue.product_save(
        actor=admin,
        nama="Sabun Herbal",
        pesantren=registry_data["tebuireng"],
        kategori=ProductCategory.objects.get(kode="herbal-kosmetik"),
        harga=Decimal("12500"),
        jangkauan_pasar="ritel_modern",
    )


@pytest.fixture
def plan(admin):
    lines = [
        {},
        {"kode_sipd": "", "level_sipd": "", "uraian": "Pendampingan santripreneur di luar nomenklatur", "lokasi": []},
        {
            "kode_sipd": "2.17.07",
            "level_sipd": "program",
            "uraian": "Program pemberdayaan UMKM",
            "triwulan": "23",
            "pagu": Decimal("1250000000"),
            "sumber_dana": "dak",
            "satuan": "pesantren",
            "pilar": "pesantrenpreneur",
        },
    ]
    return make_plan(
        actor=admin, opd=PerangkatDaerah.objects.get(kode="kominfo"), jumlah_kegiatan=3, line_overrides=lines
    )


def _export(client, language, url):
    """The list's XLSX as a viewer with the `language` interface downloads it; the import then runs in Indonesian
    (an English export is read back by whoever imports it)."""
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(url)
    translation.activate(settings.LANGUAGE_CODE)  # the request left its language active in this thread
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    return response.content


def _first_row(data):
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return next(sheet.iter_rows(values_only=True))


def _assert_all_unchanged(result, expected_rows):
    assert result.ok, result.error_list()
    assert result.counts == {"create": 0, "update": 0, "unchanged": expected_rows, "invalid": 0}, [
        (row.number, row.action, row.changes) for row in result.rows if row.action != "unchanged"
    ]


def _reimport(kind, data, actor, **options):
    spec = get_spec(kind, **options) if not options.get("spec") else options["spec"]
    return run_import(spec, data, f"{kind}.xlsx", actor=actor, commit=True)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "url", "model"),
    [
        ("pesantren", "/pesantren/?format=xlsx", Pesantren),
        ("santripreneur", "/santripreneur/?format=xlsx", Santripreneur),
        ("sociopreneur", "/sociopreneur/?format=xlsx", Sociopreneur),
    ],
)
def test_a_registry_list_export_reimports_unchanged(kind, url, model, language, registry_data, as_persona, staf):
    data = _export(as_persona("staf"), language, url)
    before = list(model.history.values_list("history_id", flat=True))
    result = _reimport(kind, data, staf)
    _assert_all_unchanged(result, model.objects.count())
    assert list(model.history.values_list("history_id", flat=True)) == before  # nothing written


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_product_list_export_reimports_unchanged(language, catalogue_data, as_persona, staf):
    data = _export(as_persona("staf"), language, "/produk/ekspor.xlsx")
    assert _first_row(data)[1] == {"id": "Nama produk", "en": "Product name"}[language]
    result = _reimport("products", data, staf)
    _assert_all_unchanged(result, Product.objects.count())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_export_reimports_unchanged(language, plan, as_persona, admin):
    data = _export(as_persona("admin"), language, f"/program/{plan.pk}/ekspor.xlsx")
    assert (
        _first_row(data)[3]
        == {"id": "Program / Kegiatan / Sub Kegiatan", "en": "Programme / Activity / Sub-activity"}[language]
    )
    result = _reimport("plan_lines", data, admin, spec=KegiatanImport(rencana=plan))
    _assert_all_unchanged(result, plan.kegiatan.count())


def test_the_round_trip_kinds_cover_every_importable_kind_with_a_list_export():
    from opop.imports.registry import import_kinds

    without_list_export = {"participations"}
    tested = {"pesantren", "santripreneur", "sociopreneur", "products", "plan_lines"}
    assert set(import_kinds()) == tested | without_list_export
