"""Issue 27, observation 1 and Done 2: an update never writes a value the file does not carry. A column absent from
the file and a blank cell leave the stored value as it was, for every kind; only the officer's choice "kosongkan yang
kosong di berkas" (per column) empties a field, listed old → "" in the preview and written after a confirmation; the
history shows old → new."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from opop.accounts.models import PerangkatDaerah
from opop.common.reader_language import shown
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from opop.indicators.models import Indicator
from pesantren.models import Pesantren, Santripreneur, Sociopreneur
from products.models import Product, ProductCategory
from programs.models import Kegiatan
from tests.importer.data import agency_xlsx, nik, to_csv, to_xlsx
from tests.programs.agency_plan import COMMAND_LINE_TITLES
from tests.programs.factories import make_plan

FULL_PESANTREN = [
    "NSPP",
    "Nama pesantren",
    "Alamat",
    "Kabupaten/kota",
    "Kecamatan",
    "Pengasuh",
    "Telepon",
    "Tahun berdiri",
    "Tipologi",
    "Jumlah santri",
    "Tahun kohort OPOP",
    "Status",
]


def _stored(instance, fields):
    instance.refresh_from_db()
    return {name: getattr(instance, name) for name in fields}


def _last_change(instance):
    """{field: (old, new)} of the instance's latest history row against the one before."""
    new = instance.history.first()
    return {change.field: (change.old, change.new) for change in new.diff_against(new.prev_record).changes}


def _refused_then_confirmed(spec, data, name, *, actor, emptied):
    """The emptying waits for the confirmation: refused without it (nothing written), written with it."""
    unconfirmed = run_import(spec, data, name, actor=actor, commit=True, emptied=emptied)
    assert not unconfirmed.committed and "perlu konfirmasi" in " ".join(unconfirmed.file_errors)
    result = run_import(spec, data, name, actor=actor, commit=True, emptied=emptied, confirmed=True)
    assert result.committed, result.error_list()
    return unconfirmed, result


# ---------------------------------------------------------------- pesantren


@pytest.fixture
def tebuireng(db):
    row = [
        "510035170239",
        "PP Tebuireng",
        "Jl. Irian Jaya 10",
        "Jombang",
        "Diwek",
        "KH. Abdul Hakim",
        "0321861719",
        1899,
        "Kombinasi",
        4500,
        2021,
        "Tidak aktif",
    ]
    result = run_import(get_spec("pesantren"), to_xlsx(FULL_PESANTREN, [row]), "p.xlsx", actor=None, commit=True)
    assert result.committed, result.error_list()
    return Pesantren.objects.get()


PESANTREN_FIELDS = [
    "nama",
    "alamat",
    "kabkota_id",
    "kecamatan_id",
    "pengasuh",
    "telepon",
    "tahun_berdiri",
    "tipologi",
    "jumlah_santri",
    "tahun_kohort",
    "status",
]


def test_a_pesantren_file_with_a_missing_column_and_blank_cells_changes_nothing_on_record(tebuireng, staf):
    before = _stored(tebuireng, PESANTREN_FIELDS)
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Kecamatan", "Pengasuh", "Telepon", "Tipologi", "Status"]
    data = to_xlsx(headers, [["510035170239", "PP Tebuireng", "Jombang", "", "", "", "", ""]])
    result = run_import(get_spec("pesantren"), data, "kemenag.xlsx", actor=staf, commit=True)
    assert result.committed and result.counts["unchanged"] == 1
    assert _stored(tebuireng, PESANTREN_FIELDS) == before
    assert [key for key, _title, _n in result.kept_blank] == ["kecamatan", "pengasuh", "telepon", "tipologi"]
    assert any("Tahun kohort OPOP" in notice and "tidak mengubah" in notice for notice in result.notices)


def test_a_pesantren_field_is_emptied_only_when_chosen_and_confirmed_with_history(tebuireng, staf):
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Pengasuh", "Telepon", "Tahun kohort OPOP"]
    data = to_xlsx(headers, [["510035170239", "PP Tebuireng", "Jombang", "", "", 2022]])
    spec = get_spec("pesantren")
    unconfirmed, result = _refused_then_confirmed(spec, data, "p.xlsx", actor=staf, emptied=["pengasuh"])
    assert unconfirmed.field_counts == [["Pengasuh/pimpinan", 0, 1], ["Tahun kohort OPOP", 1, 0]]
    assert [c[1] for c in unconfirmed.confirmations] == ["Pengasuh/pimpinan"]
    assert ("Pengasuh/pimpinan", "KH. Abdul Hakim", "—") in result.rows[0].changes
    tebuireng.refresh_from_db()
    assert (tebuireng.pengasuh, tebuireng.telepon, tebuireng.tahun_kohort) == ("", "0321861719", 2022)
    assert _last_change(tebuireng) == {"pengasuh": ("KH. Abdul Hakim", ""), "tahun_kohort": (2021, 2022)}


def test_a_kemenag_list_without_kohort_and_with_empty_kyai_cells_wipes_neither(tebuireng, staf):
    """Observation 1: the Kemenag list of the pondok pesantren of Jawa Timur (a title row, NSPP, name, kab/kota,
    address and kyai; no kohort, kecamatan, santri count or phone; kyai empty in most rows)."""
    other = ["510035170240", "PP Darul Ulum", "Jl. Rejoso", "Jombang", "", "KH. Dimyati", "", "", "", "", 2023, ""]
    assert run_import(get_spec("pesantren"), to_xlsx(FULL_PESANTREN, [other]), "p.xlsx", actor=None, commit=True).ok
    headers = ["No", "NSPP", "Nama Lembaga", "Alamat", "Kab/Kota", "Kyai"]
    rows = [
        [1, "510035170239", "PP Tebuireng", "Jl. Irian Jaya 10", "KAB. JOMBANG", ""],
        [2, "510035170240", "PP Darul Ulum", "Jl. Rejoso", "KAB. JOMBANG", "KH. Cholil Dahlan"],
    ]
    data = agency_xlsx(headers, rows, title="DATA PONDOK PESANTREN PROVINSI JAWA TIMUR")
    preview = run_import(get_spec("pesantren"), data, "kemenag.xlsx", actor=staf, commit=False)
    assert preview.ok and preview.counts["update"] == 1  # the filled kyai cell
    assert preview.field_counts == [["Pengasuh/pimpinan", 1, 0]] and not preview.confirmations
    assert preview.kept_blank == [["pengasuh", "Pengasuh", 1]]
    assert run_import(get_spec("pesantren"), data, "kemenag.xlsx", actor=staf, commit=True).committed
    tebuireng.refresh_from_db()
    assert (tebuireng.pengasuh, tebuireng.tahun_kohort, tebuireng.kecamatan.nama) == ("KH. Abdul Hakim", 2021, "Diwek")
    darul = Pesantren.objects.get(nspp="510035170240")
    assert (darul.pengasuh, darul.tahun_kohort) == ("KH. Cholil Dahlan", 2023)


# ---------------------------------------------------------------- santripreneur, participations


SANTRI_FULL = ["Nama lengkap", "NIK", "Jenis kelamin", "Tanggal lahir", "Telepon", "NSPP pesantren"]
SANTRI_MORE = ["Bidang usaha", "Status", "Tahun terdaftar"]
SANTRI_FIELDS = ["nik", "jenis_kelamin", "tanggal_lahir", "telepon", "pesantren_id", "bidang_usaha", "status"]


@pytest.fixture
def santri(pesantren_nspps):
    row = ["Ahmad Fauzi", nik(1), "L", "17-08-2004", "081234567890", pesantren_nspps[0], "Kuliner", "Tidak aktif", 2021]
    result = run_import(
        get_spec("santripreneur"), to_csv(SANTRI_FULL + SANTRI_MORE, [row]), "s.csv", actor=None, commit=True
    )
    assert result.committed, result.error_list()
    return Santripreneur.objects.get()


def test_a_santripreneur_file_with_a_missing_column_and_blank_cells_changes_nothing_on_record(santri, staf):
    before = _stored(santri, [*SANTRI_FIELDS, "tahun_terdaftar"])
    headers = ["Nama lengkap", "NIK", "Jenis kelamin", "Telepon", "NSPP pesantren", "Bidang usaha", "Status", "Tahun"]
    row = ["Ahmad Fauzi", nik(1), "", "", santri.pesantren.nspp, "", "", 2021]
    result = run_import(get_spec("santripreneur"), to_csv(headers, [row]), "s.csv", actor=staf, commit=True)
    assert result.committed and result.counts["unchanged"] == 1
    assert _stored(santri, [*SANTRI_FIELDS, "tahun_terdaftar"]) == before


def test_a_santripreneur_field_is_emptied_only_when_chosen_and_confirmed_with_history(santri, staf):
    headers = ["Nama lengkap", "NIK", "Telepon", "NSPP pesantren", "Bidang usaha", "Tahun terdaftar"]
    data = to_csv(headers, [["Ahmad Fauzi", nik(1), "", santri.pesantren.nspp, "", 2022]])
    spec = get_spec("santripreneur")
    unconfirmed, _result = _refused_then_confirmed(spec, data, "s.csv", actor=staf, emptied=["bidang_usaha"])
    assert unconfirmed.field_counts == [["Bidang usaha", 0, 1], ["Tahun terdaftar", 1, 0]]
    santri.refresh_from_db()
    assert (santri.bidang_usaha, santri.telepon, santri.tahun_terdaftar) == ("", "081234567890", 2022)
    assert _last_change(santri) == {"bidang_usaha": ("Kuliner", ""), "tahun_terdaftar": (2021, 2022)}


def test_a_training_list_keeps_a_registered_persons_phone_and_year_unless_chosen(santri, admin, staf):
    plan = make_plan(actor=admin, opd=PerangkatDaerah.objects.get(kode="kominfo"), tahun=2023)
    spec_for = lambda: get_spec("participations", kegiatan=plan.kegiatan.get().pk)  # noqa: E731
    headers = ["No", "Nama Lengkap", "NIK", "No HP", "Asal pondok pesantren", "Tahun terdaftar"]
    data = agency_xlsx(headers, [[1, "Ahmad Fauzi", nik(1), "", santri.pesantren.nspp, ""]])
    result = run_import(spec_for(), data, "peserta.xlsx", actor=staf, commit=True)
    assert result.committed, result.error_list()
    santri.refresh_from_db()
    assert (santri.telepon, santri.tahun_terdaftar) == ("081234567890", 2021)
    assert santri.partisipasi.count() == 1
    _refused_then_confirmed(spec_for(), data, "peserta.xlsx", actor=staf, emptied=["telepon"])
    santri.refresh_from_db()
    assert (santri.telepon, santri.tahun_terdaftar) == ("", 2021)
    assert _last_change(santri) == {"telepon": ("081234567890", "")}


# ---------------------------------------------------------------- sociopreneur


@pytest.fixture
def socio(pesantren_nspps):
    headers = [
        "Nama lengkap",
        "NIK",
        "NSPP pesantren asal",
        "Nama usaha",
        "Sektor usaha",
        "Kabupaten/kota usaha",
        "NIB",
        "Tahun mulai usaha",
        "Jumlah pekerja",
    ]
    row = ["Siti Aminah", nik(2), pesantren_nspps[1], "Batik Santri", "Fesyen", "Jombang", "9120001234567", 2021, 5]
    result = run_import(get_spec("sociopreneur"), to_csv(headers, [row]), "a.csv", actor=None, commit=True)
    assert result.committed, result.error_list()
    return Sociopreneur.objects.get()


SOCIO_FIELDS = ["pesantren_asal_id", "nama_usaha", "sektor", "kabkota_id", "nib", "tahun_mulai", "jumlah_pekerja"]


def test_a_sociopreneur_file_with_a_missing_column_and_blank_cells_changes_nothing_on_record(socio, staf):
    before = _stored(socio, SOCIO_FIELDS)
    headers = [
        "Nama lengkap",
        "NIK",
        "NSPP pesantren asal",
        "Nama usaha",
        "Sektor usaha",
        "Kab/kota",
        "NIB",
        "Tahun mulai usaha",
    ]
    row = ["Siti Aminah", nik(2), "", "Batik Santri", "", "Jombang", "", 2021]
    result = run_import(get_spec("sociopreneur"), to_csv(headers, [row]), "a.csv", actor=staf, commit=True)
    assert result.committed and result.counts["unchanged"] == 1, result.error_list()
    assert _stored(socio, SOCIO_FIELDS) == before


def test_a_sociopreneur_field_is_emptied_only_when_chosen_and_confirmed_with_history(socio, staf):
    headers = [
        "Nama lengkap",
        "NIK",
        "NSPP pesantren asal",
        "Nama usaha",
        "Sektor usaha",
        "Kab/kota",
        "NIB",
        "Tahun mulai usaha",
    ]
    data = to_csv(headers, [["Siti Aminah", nik(2), "", "Batik Santri", "", "Jombang", "", 2021]])
    spec = get_spec("sociopreneur")
    emptied = ["nspp_pesantren_asal", "sektor"]
    unconfirmed, _result = _refused_then_confirmed(spec, data, "a.csv", actor=staf, emptied=emptied)
    assert sorted(c[1] for c in unconfirmed.confirmations) == ["Pesantren asal", "Sektor usaha"]
    was = socio.pesantren_asal_id
    socio.refresh_from_db()
    assert (socio.pesantren_asal_id, socio.sektor, socio.nib) == (None, "", "9120001234567")
    assert _last_change(socio) == {"pesantren_asal": (was, None), "sektor": ("Fesyen", "")}


# ---------------------------------------------------------------- products


@pytest.fixture
def kopi(pesantren_nspps, staf):
    headers = ["Nama produk", "NSPP", "Kategori", "Deskripsi", "Harga (Rp)", "Satuan", "Kapasitas per bulan"]
    row = ["Kopi Santri", pesantren_nspps[0], "Makanan & minuman", "Kopi robusta", "35000", "bungkus 250 g", 500]
    result = run_import(get_spec("products"), to_xlsx(headers, [row]), "produk.xlsx", actor=staf, commit=True)
    assert result.committed, result.error_list()
    return Product.objects.get()


PRODUCT_FIELDS = ["kategori_id", "deskripsi", "harga", "satuan", "kapasitas_bulanan", "jangkauan_pasar"]


def test_a_product_file_with_a_missing_column_and_blank_cells_changes_nothing_on_record(kopi, staf):
    before = _stored(kopi, PRODUCT_FIELDS)
    headers = ["Nama produk", "NSPP", "Kategori", "Harga (Rp)", "Satuan", "Jangkauan pasar"]
    data = to_xlsx(headers, [["Kopi Santri", kopi.pesantren.nspp, "Makanan & minuman", "", "", ""]])
    result = run_import(get_spec("products"), data, "produk.xlsx", actor=staf, commit=True)
    assert result.committed and result.counts["unchanged"] == 1, result.error_list()
    assert _stored(kopi, PRODUCT_FIELDS) == before


def test_a_product_field_is_emptied_only_when_chosen_and_confirmed_with_history(kopi, staf):
    headers = ["Nama produk", "NSPP", "Kategori", "Harga (Rp)", "Satuan"]
    data = to_xlsx(headers, [["Kopi Santri", kopi.pesantren.nspp, "Makanan & minuman", "", ""]])
    _refused_then_confirmed(get_spec("products"), data, "produk.xlsx", actor=staf, emptied=["harga"])
    kopi.refresh_from_db()
    assert (kopi.harga, kopi.satuan, kopi.deskripsi) == (None, "bungkus 250 g", "Kopi robusta")
    assert _last_change(kopi) == {"harga": (Decimal("35000"), None)}
    assert ProductCategory.objects.filter(pk=kopi.kategori_id).exists()


# ---------------------------------------------------------------- plan lines


@pytest.fixture
def line(admin):
    plan = make_plan(
        actor=admin, opd=PerangkatDaerah.objects.get(kode="kominfo"), tahun=2023, line_overrides=[{"triwulan": "12"}]
    )
    return plan.kegiatan.get()


def _plan_row(line, *, lokasi="", triwulan="", level=None):
    return [
        line.kode_sipd,
        line.uraian,
        "Santripreneur",
        Indicator.objects.get(pk=line.indikator_id).nama,
        line.indikator_kinerja,
        line.target,
        "orang",
        int(line.pagu),
        "APBD",
        lokasi,
        triwulan,
        line.pptk,
    ]


def test_a_plan_file_with_blank_places_and_quarters_changes_nothing_on_record(line, admin):
    places = sorted(line.lokasi.values_list("pk", flat=True))
    headers = COMMAND_LINE_TITLES
    data = to_xlsx(headers, [_plan_row(line)])
    result = run_import(get_spec("plan_lines", opd="kominfo", tahun=2023), data, "r.xlsx", actor=admin, commit=True)
    assert result.committed and result.counts["unchanged"] == 1, result.error_list()
    line = Kegiatan.objects.get(pk=line.pk)
    assert (line.triwulan, sorted(line.lokasi.values_list("pk", flat=True))) == ("12", places)
    assert line.level_sipd == "sub_kegiatan"  # the file has no Tingkat column


def test_a_plan_lines_places_are_emptied_only_when_chosen_and_confirmed(line, admin):
    data = to_xlsx(COMMAND_LINE_TITLES, [_plan_row(line, triwulan="TW I, TW II, TW III")])
    spec = get_spec("plan_lines", opd="kominfo", tahun=2023)
    unconfirmed = run_import(spec, data, "r.xlsx", actor=admin, commit=False, emptied=["lokasi"])
    assert unconfirmed.counts["update"] == 1
    changes = unconfirmed.rows[0].changes
    assert ("Rencana triwulan pelaksanaan", "TW I, TW II", "TW I, TW II, TW III") in changes  # as officers read them
    assert ("Lokasi (kab/kota)", "Kabupaten Jombang, Kota Surabaya", "Provinsi Jawa Timur") in changes  # emptied
    assert run_import(spec, data, "r.xlsx", actor=admin, commit=True, emptied=["lokasi"]).committed
    line = Kegiatan.objects.get(pk=line.pk)
    assert (line.triwulan, line.lokasi.count()) == ("123", 0)


# ---------------------------------------------------------------- the preview, the background job, the command line


def test_the_preview_offers_the_choice_lists_the_emptied_values_and_the_write_waits_for_the_confirmation(
    tebuireng, as_persona, private_media
):
    client = as_persona("staf")
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Pengasuh"]
    upload = SimpleUploadedFile("kemenag.csv", to_csv(headers, [["510035170239", "PP Tebuireng", "Jombang", ""]]))
    client.post("/impor/pesantren/", {"file": upload})
    batch = ImportBatch.objects.get()
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'id="kosongkan-pengasuh"' in page and "1 baris kosong, nilai tersimpan dipertahankan" in page

    client.post(f"/impor/batch/{batch.pk}/kosongkan/", {"kolom": ["pengasuh"]})
    batch.refresh_from_db()
    assert batch.options == {"kosongkan": ["pengasuh"]} and batch.status == "previewed"
    assert shown(batch.field_changes["fields"]) == [["Pengasuh/pimpinan", 0, 1]]
    assert shown(batch.changes)[0][2] == [["Pengasuh/pimpinan", "KH. Abdul Hakim", "—"]]
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "1 dikosongkan" in page and 'name="konfirmasi"' in page and "KH. Abdul Hakim" in page

    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "0-1-0-0"})
    tebuireng.refresh_from_db()
    assert tebuireng.pengasuh == "KH. Abdul Hakim"  # not confirmed: nothing written
    client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "0-1-0-0", "konfirmasi": "ya"})
    tebuireng.refresh_from_db()
    assert tebuireng.pengasuh == "" and ImportBatch.objects.get().status == "committed"


def test_a_column_that_cannot_be_emptied_is_refused(tebuireng, as_persona, private_media):
    client = as_persona("staf")
    upload = SimpleUploadedFile(
        "p.csv", to_csv(["NSPP", "Nama pesantren", "Kabupaten/kota"], [["510035170239", "PP Tebuireng", "Jombang"]])
    )
    client.post("/impor/pesantren/", {"file": upload})
    batch = ImportBatch.objects.get()
    response = client.post(f"/impor/batch/{batch.pk}/kosongkan/", {"kolom": ["nama"]}, follow=True)
    assert "tidak sesuai" in response.content.decode()
    batch.refresh_from_db()
    assert batch.options == {}


def test_the_command_line_prints_what_changes_per_field_and_empties_only_when_told(tebuireng, staf, tmp_path, capsys):
    path = tmp_path / "kemenag.csv"
    headers = ["NSPP", "Nama pesantren", "Kabupaten/kota", "Pengasuh", "Tahun kohort OPOP"]
    path.write_bytes(to_csv(headers, [["510035170239", "PP Tebuireng", "Jombang", "", 2022]]))
    call_command("import_data", "pesantren", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Tahun kohort OPOP: 1 diubah" in out and "dikosongkan" not in out
    assert "Pengasuh: 1 sel kosong, nilai tersimpan dipertahankan (untuk mengosongkannya: --kosongkan pengasuh)" in out
    with pytest.raises(CommandError, match="Impor dibatalkan"):
        call_command("import_data", "pesantren", str(path), "--user", staf.username, "--kosongkan", "pengasuh")
    assert "Pengasuh/pimpinan: 1 dikosongkan" in capsys.readouterr().out
    tebuireng.refresh_from_db()
    assert tebuireng.pengasuh == "KH. Abdul Hakim"
    call_command(
        "import_data", "pesantren", str(path), "--user", staf.username, "--kosongkan", "Pengasuh", "--konfirmasi"
    )
    tebuireng.refresh_from_db()
    assert (tebuireng.pengasuh, tebuireng.tahun_kohort) == ("", 2022)
    with pytest.raises(CommandError, match="tidak dapat dikosongkan"):
        call_command("import_data", "pesantren", str(path), "--dry-run", "--kosongkan", "nama")


def test_every_registered_kind_is_covered_here():
    from opop.imports.registry import import_kinds

    kinds = {"pesantren", "santripreneur", "sociopreneur", "products", "plan_lines", "participations"}
    assert set(import_kinds()) == kinds
