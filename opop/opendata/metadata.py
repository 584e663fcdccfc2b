"""Metadata in the Satu Data Indonesia shape (Peraturan BPS 5/2020): one MS-Keg record for the activity that
produces the data (the OPOP monitoring through this portal) and one MS-Ind record per dataset, filled from the
indicator dictionary (opop.indicators) where it has the text. Shown on each dataset's page and downloadable as XLSX
in the same two-column layout (element, content)."""

from django.utils.translation import gettext as _

from opop.opendata.datasets import PRODUSEN_DATA
from opop.opendata.suppression import PRIMARY, SECONDARY


def suppression_note():
    return _(
        'Jumlah orang 1 sampai 4 dalam satu sel ditulis "%(primary)s". Agar tidak dapat dihitung dari jumlah '
        'provinsi, sel lain disembunyikan sebagai "%(secondary)s" (penekanan sekunder, mulai dari sel terkecil) '
        'sampai tidak satu pun sel "%(primary)s" dapat ditentukan nilainya; bila tetap tidak cukup, jumlahnya '
        "juga disembunyikan. Nilai 0 ditampilkan."
    ) % {"primary": PRIMARY, "secondary": SECONDARY}


def ms_keg():
    """[(element, content)] of the activity's MS-Keg record."""
    return [
        (_("Judul kegiatan"), _("Pemantauan Program One Pesantren One Product (OPOP) Jawa Timur")),
        (_("Jenis kegiatan statistik"), _("Statistik sektoral")),
        (_("Cara pengumpulan data"), _("Pemanfaatan data administrasi (registri portal OPOP)")),
        (_("Sektor kegiatan"), _("Koperasi dan usaha mikro; pemberdayaan ekonomi pesantren")),
        (_("Penyelenggara"), PRODUSEN_DATA),
        (_("Dasar hukum"), _("Peraturan Gubernur Jawa Timur Nomor 62 Tahun 2020 tentang Program OPOP")),
        (
            _("Tujuan"),
            _(
                "Memantau capaian santripreneur, pesantrenpreneur, sociopreneur, produk unggulan dan kegiatan OPD "
                "pendukung terhadap target program."
            ),
        ),
        (_("Frekuensi penyelenggaraan"), _("Terus-menerus; rilis tahunan dan triwulanan")),
        (_("Cakupan wilayah"), _("38 kabupaten/kota di Provinsi Jawa Timur")),
        (_("Unit observasi"), _("Pesantren, santripreneur, sociopreneur, produk, kegiatan OPD")),
        (
            _("Sarana pengumpulan data"),
            _("Portal OPOP Jatim: entri dan impor oleh petugas, diverifikasi Dinas Koperasi"),
        ),
        (_("Level penyajian"), _("Provinsi dan kabupaten/kota")),
        (_("Kerahasiaan"), _("Tanpa data pribadi; penekanan sel kecil: %(note)s") % {"note": suppression_note()}),
    ]


def _reference(text):
    """A text the portal seeds as reference data (the indicator dictionary), in the page's language when the catalog
    has it (as the `reference_text` template filter); an admin's own edit shows as typed."""
    return _(text) if text else text


def ms_ind(dataset, indicator=None):
    """[(element, content)] of a dataset's MS-Ind record; `indicator`: its entry of the indicator dictionary."""
    definisi = _reference(indicator.definisi) if indicator else ""
    rumus = _reference(indicator.aturan_hitung) if indicator else ""
    if dataset.build == "commitment":
        konsep = _("Komitmen kegiatan OPD pendukung OPOP dan realisasinya")
        definisi = _(
            "Target dan realisasi keluaran kegiatan dalam rencana OPD yang telah diverifikasi, yang menunjuk "
            "indikator program dan dihitung dalam satuan indikator itu."
        )
        rumus = _(
            "Target tahunan = jumlah target kegiatan; target sampai triwulan = jumlah pembagian target triwulan "
            "yang sudah jatuh tempo; realisasi = jumlah realisasi kumulatif terakhir setiap kegiatan sampai "
            "triwulan itu."
        )
        interpretasi = _("Realisasi mendekati target sampai triwulan menunjukkan kegiatan OPD berjalan sesuai jadwal.")
    else:
        konsep = _reference(indicator.nama) if indicator else str(dataset.judul)
        interpretasi = _(
            "Makin tinggi nilainya, makin besar capaian program di wilayah itu; bandingkan dengan target pada "
            "halaman publik OPOP."
        )
    rows = [
        (_("Nama indikator"), str(dataset.judul)),
        (_("Konsep"), konsep),
        (_("Definisi"), definisi or str(dataset.deskripsi)),
        (_("Interpretasi"), interpretasi),
        (_("Metode/rumus perhitungan"), rumus),
        (_("Ukuran"), _("Jumlah")),
        (_("Satuan"), dataset.satuan or _("satuan indikator masing-masing (kolom satuan)")),
        (_("Klasifikasi penyajian"), str(dataset.rincian)),
        (_("Produsen data"), PRODUSEN_DATA),
        (_("Periode"), str(dataset.periode)),
        (_("Level estimasi"), str(dataset.level)),
        (_("Sumber data"), _reference(indicator.sumber) if indicator else _("Registri portal OPOP Jatim")),
        (
            _("Status angka"),
            _(
                "Angka sementara: dihitung dari registri saat diterbitkan; berubah menjadi angka tetap setelah "
                "tahun ditutup."
            ),
        ),
        (
            _("Kode wilayah"),
            _(
                "kode_kabupaten_kota: kode Kemendagri tanpa titik (3517 = Kabupaten Jombang); baris dengan "
                "kode_kabupaten_kota kosong adalah jumlah Provinsi Jawa Timur."
            ),
        ),
    ]
    if dataset.orang:
        rows.append((_("Penekanan sel kecil"), suppression_note()))
    return rows
