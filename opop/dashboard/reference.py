"""The indicator dictionary and target register of PRODUCT.md §4, seeded by a data migration.

The texts are stored in Indonesian; gettext_noop marks them for the catalog, and templates show their English
through the `reference_text` filter."""

from django.utils.translation import gettext_noop as N_

FGD = N_("FGD Diskop UKM Jatim dengan Perangkat Daerah, 2 Februari 2023")
COHORT = N_("Laporan kohort peserta OPOP")

INDICATORS = [
    {
        "kode": "santripreneur",
        "nama": N_("Santripreneur"),
        "definisi": N_("Santri yang mendapat pelatihan kewirausahaan atau memiliki usaha aktif."),
        "satuan": "orang",
        "aturan_hitung": N_(
            "Orang unik (NIK, atau nama + tanggal lahir + pesantren) dengan status aktif, kumulatif "
            "menurut tahun terdaftar; pelatihan oleh beberapa OPD tetap dihitung satu orang."
        ),
        "sumber": N_("Registri santripreneur portal OPOP"),
        "urutan": 1,
        "targets": {2024: 1_000_000},
        "target_source": FGD,
    },
    {
        "kode": "produk-unggulan",
        "nama": N_("Produk unggulan"),
        "definisi": N_("Produk pesantren yang lolos kurasi dan ditetapkan sebagai produk unggulan OPOP."),
        "satuan": "produk",
        "aturan_hitung": N_("Produk dengan status kurasi unggulan, dihitung kumulatif menurut tahun penetapan."),
        "sumber": N_("Katalog dan kurasi produk portal OPOP"),
        "urutan": 2,
        "targets": {2019: 150, 2020: 200, 2021: 200, 2022: 200, 2023: 250, 2024: 1000},
        "target_source": FGD,
    },
    {
        "kode": "sociopreneur",
        "nama": N_("Sociopreneur"),
        "definisi": N_("Alumni pesantren atau warga sekitar yang menjalankan usaha berdampak sosial."),
        "satuan": "orang",
        "aturan_hitung": N_(
            "Orang unik dengan status aktif di registri sociopreneur, kumulatif menurut tahun mulai "
            "usaha (registri tidak mencatat tahun pendaftaran sociopreneur); usaha yang mulai sebelum 2019 masuk "
            "angka dasar 2019."
        ),
        "sumber": N_("Registri sociopreneur portal OPOP"),
        "urutan": 3,
        "targets": {2024: 1000},
        "target_source": FGD,
    },
    {
        "kode": "pesantren-opop",
        "nama": N_("Pesantren peserta OPOP"),
        "definisi": N_("Pesantren yang telah bergabung dalam program OPOP (pesantrenpreneur)."),
        "satuan": "pesantren",
        "aturan_hitung": N_("Pesantren dengan tahun kohort OPOP terisi, dihitung kumulatif menurut tahun kohort."),
        "sumber": N_("Registri pesantren portal OPOP"),
        "urutan": 4,
        "targets": {2021: 550, 2022: 750, 2023: 1000, 2024: 1000},
        "target_source": COHORT,
    },
]


def seed_indicators(Indicator, Target):
    """Create the dictionary and the first target of each indicator/year; never touches a restated target."""
    for spec in INDICATORS:
        spec = dict(spec)
        targets = spec.pop("targets")
        source = spec.pop("target_source")
        indicator, _ = Indicator.objects.update_or_create(kode=spec.pop("kode"), defaults=spec)
        for year, value in targets.items():
            Target.objects.get_or_create(
                indikator=indicator, tahun=year, berlaku=True, defaults={"nilai": value, "sumber": source}
            )


PRESS_2022 = N_("Pemberitaan pers: capaian OPOP Jawa Timur akhir 2022")

# Realised figures reported outside the registry (PRODUCT.md §4): kept as recorded, with their source.
RECORDED_FIGURES = [
    {
        "indikator": "produk-unggulan",
        "tahun": 2019,
        "nilai": 150,
        "jenis_sumber": "fgd",
        "sumber": FGD,
        "catatan": N_("Milestone yang dipaparkan Kepala Dinas Koperasi dan UKM Jatim pada FGD."),
    },
    {
        "indikator": "produk-unggulan",
        "tahun": 2020,
        "nilai": 200,
        "jenis_sumber": "fgd",
        "sumber": FGD,
        "catatan": N_("Naik menjadi 200 produk pada 2020."),
    },
    {
        "indikator": "produk-unggulan",
        "tahun": 2021,
        "nilai": 200,
        "jenis_sumber": "fgd",
        "sumber": FGD,
        "catatan": N_("Stagnan sejak 2020."),
    },
    {
        "indikator": "produk-unggulan",
        "tahun": 2022,
        "nilai": 200,
        "jenis_sumber": "fgd",
        "sumber": FGD,
        "catatan": N_("Stagnan sampai 2022."),
    },
    {
        "indikator": "santripreneur",
        "tahun": 2022,
        "nilai": 239_993,
        "jenis_sumber": "pers",
        "sumber": PRESS_2022,
        "catatan": N_("Angka pers; tidak menyebut apakah orang unik atau jumlah peserta pelatihan."),
    },
    {
        "indikator": "pesantren-opop",
        "tahun": 2022,
        "nilai": 750,
        "jenis_sumber": "pers",
        "sumber": PRESS_2022,
        "catatan": N_("Disebut 'pesantrenpreneur' dalam pemberitaan."),
    },
    {
        "indikator": "sociopreneur",
        "tahun": 2022,
        "nilai": 1_029,
        "jenis_sumber": "pers",
        "sumber": PRESS_2022,
        "catatan": N_("Angka pers."),
    },
]


def seed_recorded_figures(Indicator, RecordedFigure):
    """Create the recorded figures of PRODUCT.md §4 once; an admin's later correction is never overwritten."""
    indicators = {i.kode: i for i in Indicator.objects.all()}
    for spec in RECORDED_FIGURES:
        spec = dict(spec)
        indicator = indicators.get(spec.pop("indikator"))
        if indicator is None:
            continue
        RecordedFigure.objects.get_or_create(
            indikator=indicator, tahun=spec.pop("tahun"), jenis_sumber=spec.pop("jenis_sumber"), defaults=spec
        )
