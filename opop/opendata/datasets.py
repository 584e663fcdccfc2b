"""The published datasets: one per indicator and breakdown, each a list of tidy rows (COLUMNS) built from the
years' figures (figures.py) — the same numbers as the dashboards — with small person counts suppressed
(suppression.py). Rows are written in Indonesian, the data's language; the pages around them follow the visitor's."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from opop.dashboard import selectors as dashboard
from opop.opendata import suppression
from opop.opendata.figures import published_years, year_figures
from products import selectors as catalogue

COLUMNS = (
    "tahun",
    "periode",
    "kode_provinsi",
    "nama_provinsi",
    "kode_kabupaten_kota",
    "nama_kabupaten_kota",
    "kode_indikator",
    "nama_indikator",
    "nilai",
    "satuan",
    "status_angka",
    "versi",
    "produsen_data",
)
NILAI = COLUMNS.index("nilai")
VERSI = COLUMNS.index("versi")
KODE_PROVINSI, NAMA_PROVINSI = "35", "Jawa Timur"
PRODUSEN_DATA = "Dinas Koperasi dan Usaha Mikro Provinsi Jawa Timur"
TAHUNAN = "tahunan"
TEXT_COLUMNS = (2, 4, 6)  # codes stay text in the XLSX ("3501", not 3501)


@dataclass(frozen=True)
class Dataset:
    kode: str  # its URL and file name
    judul: str
    deskripsi: str
    indikator: str  # the indicator of the dictionary it breaks down ("" for every indicator)
    satuan: str  # the unit of its values (Indonesian, as in the files)
    orang: bool  # counts persons: small cells are suppressed
    rincian: str  # klasifikasi penyajian
    level: str  # level estimasi
    periode: str
    build: str  # its row builder in BUILDERS (one year's rows)

    @property
    def kata_kunci(self):
        return ["OPOP", "pesantren", self.indikator or "OPD"]


DATASETS = (
    Dataset(
        "santripreneur-kabkota",
        _("Santripreneur per kabupaten/kota"),
        _("Jumlah santripreneur aktif yang terdaftar di registri OPOP sampai akhir tahun, per kabupaten/kota."),
        "santripreneur",
        "orang",
        True,
        _("Kabupaten/kota; jumlah Provinsi Jawa Timur"),
        _("Kabupaten/kota"),
        _("Tahunan, keadaan akhir tahun (kumulatif sejak 2019)"),
        "registry",
    ),
    Dataset(
        "sociopreneur-kabkota",
        _("Sociopreneur per kabupaten/kota"),
        _("Jumlah sociopreneur aktif menurut tahun mulai usaha sampai akhir tahun, per kabupaten/kota."),
        "sociopreneur",
        "orang",
        True,
        _("Kabupaten/kota; jumlah Provinsi Jawa Timur"),
        _("Kabupaten/kota"),
        _("Tahunan, keadaan akhir tahun (kumulatif sejak 2019)"),
        "registry",
    ),
    Dataset(
        "pesantren-peserta-kabkota",
        _("Pesantren peserta OPOP per kabupaten/kota"),
        _("Jumlah pesantren peserta OPOP menurut tahun angkatan sampai akhir tahun, per kabupaten/kota."),
        "pesantren-opop",
        "pesantren",
        False,
        _("Kabupaten/kota; jumlah Provinsi Jawa Timur"),
        _("Kabupaten/kota"),
        _("Tahunan, keadaan akhir tahun (kumulatif sejak 2019)"),
        "registry",
    ),
    Dataset(
        "produk-unggulan-kategori-kabkota",
        _("Produk unggulan per kategori dan kabupaten/kota"),
        _(
            "Jumlah produk yang ditetapkan sebagai produk unggulan sampai akhir tahun, per kategori produk dan "
            "kabupaten/kota."
        ),
        "produk-unggulan",
        "produk",
        False,
        _("Kategori produk × kabupaten/kota; jumlah per kabupaten/kota dan Provinsi Jawa Timur"),
        _("Kabupaten/kota"),
        _("Tahunan, keadaan akhir tahun (kumulatif sejak 2019)"),
        "category",
    ),
    Dataset(
        "produk-unggulan-sertifikat-kabkota",
        _("Produk unggulan bersertifikat per jenis sertifikat dan kabupaten/kota"),
        _(
            "Jumlah produk unggulan yang memegang sertifikat berlaku (NIB, P-IRT, BPOM, halal, merek, SNI, HACCP) "
            "pada akhir tahun, per jenis sertifikat dan kabupaten/kota."
        ),
        "produk-unggulan",
        "produk",
        False,
        _("Jenis sertifikat × kabupaten/kota; jumlah Provinsi Jawa Timur per jenis"),
        _("Kabupaten/kota"),
        _("Tahunan, keadaan akhir tahun"),
        "certificate",
    ),
    Dataset(
        "komitmen-opd-triwulan",
        _("Komitmen dan realisasi OPD per triwulan dan indikator"),
        _(
            "Target tahunan, target sampai triwulan dan realisasi kumulatif kegiatan OPD pendukung OPOP dari rencana "
            "yang telah diverifikasi Dinas Koperasi, per indikator dan triwulan."
        ),
        "",
        "",
        True,
        _("Indikator × triwulan; Provinsi Jawa Timur"),
        _("Provinsi"),
        _("Triwulanan, kumulatif sampai akhir triwulan"),
        "commitment",
    ),
)
BY_KODE = {dataset.kode: dataset for dataset in DATASETS}


class _Context:
    """What every dataset's rows need besides the year's figures, read once per publication."""

    def __init__(self):
        self.regions = dashboard.regions()
        self.indicators = {i.kode: i for i in dashboard.dictionary(None)}
        self.categories = catalogue.category_names()
        self.certificates = [(kind, str(label)) for kind, label in catalogue.certification_types()]

    def indicator_name(self, kode, fallback=""):
        indicator = self.indicators.get(kode)
        return indicator.nama if indicator else fallback


def _row(figures, versi, kode_indikator, nama_indikator, nilai, satuan, *, region=None, periode=TAHUNAN):
    kode, nama = region or ("", "")
    return [
        figures.tahun,
        periode,
        KODE_PROVINSI,
        NAMA_PROVINSI,
        kode.replace(".", ""),  # "35.17" (Kemendagri) -> "3517", the code SDI data carry
        nama,
        kode_indikator,
        nama_indikator,
        nilai,
        satuan,
        figures.status_angka,
        versi,
        PRODUSEN_DATA,
    ]


def registry_rows(dataset, figures, versi, context):
    """One row per kab/kota and the province's total, the kab/kota dashboard's numbers for the year."""
    cells = {kode: figures.kabkota.get(kode, {}).get(dataset.indikator, 0) for kode, _nama in context.regions}
    total = sum(cells.values())
    if dataset.orang:
        cells, total = suppression.protect(cells, total)
    name = context.indicator_name(dataset.indikator, str(dataset.judul))
    rows = [
        _row(figures, versi, dataset.indikator, name, cells[kode], dataset.satuan, region=(kode, nama))
        for kode, nama in context.regions
    ]
    return [*rows, _row(figures, versi, dataset.indikator, name, total, dataset.satuan)]


def category_rows(dataset, figures, versi, context):
    """Per kab/kota: the unggulan total (as the dashboard) and each category holding one; the province's sums."""
    name = context.indicator_name(dataset.indikator, str(dataset.judul))
    rows, per_category, province = [], dict.fromkeys((kode for kode, _nama in context.categories), 0), 0
    for region in context.regions:
        total = figures.kabkota.get(region[0], {}).get(dataset.indikator, 0)
        province += total
        rows.append(_row(figures, versi, dataset.indikator, name, total, dataset.satuan, region=region))
        for kategori, label in context.categories:
            value = figures.produk_kategori.get((region[0], kategori), 0)
            per_category[kategori] += value
            if value:
                rows.append(
                    _row(
                        figures,
                        versi,
                        f"{dataset.indikator}-{kategori}",
                        f"{name}: {label}",
                        value,
                        dataset.satuan,
                        region=region,
                    )
                )
    rows.append(_row(figures, versi, dataset.indikator, name, province, dataset.satuan))
    for kategori, label in context.categories:
        rows.append(
            _row(
                figures,
                versi,
                f"{dataset.indikator}-{kategori}",
                f"{name}: {label}",
                per_category[kategori],
                dataset.satuan,
            )
        )
    return rows


def certificate_rows(dataset, figures, versi, context):
    rows, per_kind = [], {kind: 0 for kind, _label in context.certificates}
    for region in context.regions:
        for kind, label in context.certificates:
            value = figures.produk_sertifikat.get((region[0], kind), 0)
            per_kind[kind] += value
            if value:
                rows.append(
                    _row(
                        figures,
                        versi,
                        f"produk-unggulan-sertifikat-{kind}",
                        f"Produk unggulan bersertifikat {label}",
                        value,
                        dataset.satuan,
                        region=region,
                    )
                )
    for kind, label in context.certificates:
        rows.append(
            _row(
                figures,
                versi,
                f"produk-unggulan-sertifikat-{kind}",
                f"Produk unggulan bersertifikat {label}",
                per_kind[kind],
                dataset.satuan,
            )
        )
    return rows


MEASURES = (
    ("komitmen-opd", "Target tahunan kegiatan OPD", "target"),
    ("target-opd", "Target kegiatan OPD sampai triwulan", "target_sd"),
    ("realisasi-opd", "Realisasi kegiatan OPD sampai triwulan", "realisasi"),
)


def commitment_rows(dataset, figures, versi, context):
    rows = []
    for (kode, triwulan), sums in sorted(figures.komitmen.items(), key=lambda item: (item[0][1], item[0][0])):
        indicator = context.indicators.get(kode)
        satuan = indicator.satuan if indicator else ""
        for prefix, label, measure in MEASURES:
            value = sums[measure]
            if measure == "realisasi" and satuan == "orang":
                value = suppression.cell(value)  # persons reached, alone in their cell
            rows.append(
                _row(
                    figures,
                    versi,
                    f"{prefix}-{kode}",
                    f"{label}: {context.indicator_name(kode, kode)}",
                    value,
                    satuan,
                    periode=f"triwulan-{triwulan}",
                )
            )
    return rows


BUILDERS = {
    "registry": registry_rows,
    "category": category_rows,
    "certificate": certificate_rows,
    "commitment": commitment_rows,
}


def current_rows(versi, *, today=None):
    """{dataset kode: [rows]} of every dataset over every published year, as version `versi` would publish them."""
    with translation.override("id"):
        context = _Context()
        per_year = [year_figures(tahun, today=today) for tahun in published_years(today)]
        return {
            dataset.kode: [
                row for figures in per_year for row in BUILDERS[dataset.build](dataset, figures, versi, context)
            ]
            for dataset in DATASETS
        }
