"""CSV/XLSX exports of the registry lists, exactly as filtered on screen. Identifiers (NSPP, NIK, NIB) stay text;
personal-data columns follow the viewer's visibility: full for Staf Diskop and Admin, masked for Pimpinan and
left out entirely for Petugas OPD. Rows are read with `.iterator()` so the queryset is never held in memory."""

from django.utils import timezone

from opop.common.spreadsheet import export_response
from pesantren.personal_data import MASKS, Visibility

CHUNK = 2000
FORMATS = ("csv", "xlsx")


def _personal(value, field, visibility):
    if visibility == Visibility.FULL:
        return value
    return MASKS[field](value)


def _personal_headers(visibility):
    if visibility == Visibility.HIDDEN:
        return []
    return ["NIK", "Tanggal lahir", "Telepon"]


def _personal_values(person, visibility):
    if visibility == Visibility.HIDDEN:
        return []
    return [_personal(getattr(person, f), f, visibility) for f in ("nik", "tanggal_lahir", "telepon")]


TEXT_HEADERS = (
    "NSPP",
    "NIK",
    "NIB",
    "Telepon",
    "NSPP pesantren",
    "NSPP pesantren asal",
    "NIB kopontren",
    "Kode kab/kota",
)


def _text(headers):
    """Indexes of the identifier columns, kept as text so leading zeros survive in Excel."""
    return [i for i, h in enumerate(headers) if h in TEXT_HEADERS]


def _filename(kind):
    return f"{kind}-{timezone.localdate().isoformat()}"


PESANTREN_HEADERS = [
    "NSPP", "Nama pesantren", "Kode kab/kota", "Kabupaten/kota", "Kecamatan", "Alamat", "Pengasuh", "Telepon",
    "Email", "Tahun berdiri", "Tipologi", "Jumlah santri", "Tahun kohort OPOP", "Status", "Lintang", "Bujur",
    "Kopontren", "NIB kopontren", "Status kopontren",
]  # fmt: skip


def pesantren_export(queryset, fmt):
    def rows():
        for p in queryset.select_related("kabkota", "kecamatan", "kopontren").iterator(chunk_size=CHUNK):
            kop = getattr(p, "kopontren", None)
            yield [
                p.nspp, p.nama, p.kabkota_id, p.kabkota.nama, p.kecamatan.nama if p.kecamatan else "", p.alamat,
                p.pengasuh, p.telepon, p.email, p.tahun_berdiri, p.get_tipologi_display(), p.jumlah_santri,
                p.tahun_kohort, p.get_status_display(), p.latitude, p.longitude,
                kop.nama if kop else "", kop.nib if kop else "", kop.get_status_display() if kop else "",
            ]  # fmt: skip

    return export_response(
        filename=_filename("pesantren"),
        headers=PESANTREN_HEADERS,
        rows=rows(),
        fmt=fmt,
        text_columns=_text(PESANTREN_HEADERS),
    )


def santripreneur_export(queryset, fmt, visibility):
    personal = _personal_headers(visibility)
    headers = ["ID", *personal[:1], "Nama", "Jenis kelamin", *personal[1:], "NSPP pesantren", "Pesantren",
               "Kabupaten/kota", "Bidang usaha", "Tahun terdaftar", "Status"]  # fmt: skip

    def rows():
        for s in queryset.select_related("pesantren", "pesantren__kabkota").iterator(chunk_size=CHUNK):
            values = _personal_values(s, visibility)
            yield [
                s.pk, *values[:1], s.nama, s.get_jenis_kelamin_display(), *values[1:], s.pesantren.nspp,
                s.pesantren.nama, s.pesantren.kabkota.nama, s.bidang_usaha, s.tahun_terdaftar, s.get_status_display(),
            ]  # fmt: skip

    return export_response(
        filename=_filename("santripreneur"), headers=headers, rows=rows(), fmt=fmt, text_columns=_text(headers)
    )


def sociopreneur_export(queryset, fmt, visibility):
    personal = _personal_headers(visibility)
    headers = ["ID", *personal[:1], "Nama", "Jenis kelamin", *personal[1:], "Nama usaha", "Sektor",
               "Kabupaten/kota usaha", "NIB", "Tahun mulai usaha", "Jumlah pekerja", "NSPP pesantren asal",
               "Pesantren asal", "Status"]  # fmt: skip

    def rows():
        for s in queryset.select_related("kabkota", "pesantren_asal").iterator(chunk_size=CHUNK):
            values = _personal_values(s, visibility)
            asal = s.pesantren_asal
            yield [
                s.pk, *values[:1], s.nama, s.get_jenis_kelamin_display(), *values[1:], s.nama_usaha, s.sektor,
                s.kabkota.nama, s.nib, s.tahun_mulai, s.jumlah_pekerja, asal.nspp if asal else "",
                asal.nama if asal else "", s.get_status_display(),
            ]  # fmt: skip

    return export_response(
        filename=_filename("sociopreneur"), headers=headers, rows=rows(), fmt=fmt, text_columns=_text(headers)
    )
