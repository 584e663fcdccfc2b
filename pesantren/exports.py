"""CSV/XLSX exports of the registry lists, exactly as filtered on screen. Identifiers (NSPP, NIK, NIB) stay text;
personal-data columns follow the viewer's visibility: full for Staf Diskop and Admin, masked for Pimpinan and
left out entirely for Petugas OPD. Rows are read with `.iterator()` so the queryset is never held in memory.

Each list is a `Sheet` (file stem, headers, rows, text columns): small ones are answered in the request, larger
ones (EXPORT_IMMEDIATE_MAX_ROWS) are written by a background job from the same `*_sheet(user, query)`, which
rebuilds the filtered queryset from the list's query string as that user sees it."""

from django.utils import timezone

from opop.common.spreadsheet import Sheet
from pesantren.filters import PesantrenFilterForm, SantripreneurFilterForm, SociopreneurFilterForm
from pesantren.models import JenisKelamin, StatusAktif
from pesantren.personal_data import MASKS, Visibility, personal_data_visibility
from pesantren.selectors import pesantren_visible_to, santripreneur_visible_to, sociopreneur_visible_to

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


def _sheet(kind, headers, rows, queryset, *, personal):
    """A list's sheet: named after the list and the day, its identifier columns kept as text."""
    return Sheet(
        stem=f"{kind}-{timezone.localdate().isoformat()}",
        headers=headers,
        rows=rows,
        queryset=queryset,
        text_columns=_text(headers),
        personal=personal,
    )


PESANTREN_HEADERS = [
    "NSPP",
    "Nama pesantren",
    "Kode kab/kota",
    "Kabupaten/kota",
    "Kecamatan",
    "Alamat",
    "Pengasuh",
    "Telepon",
    "Email",
    "Tahun berdiri",
    "Tipologi",
    "Jumlah santri",
    "Tahun kohort OPOP",
    "Status",
    "Lintang",
    "Bujur",
    "Kopontren",
    "NIB kopontren",
    "Status kopontren",
]


def pesantren_sheet(user, query):
    form = PesantrenFilterForm(query, user=user)
    queryset = form.filter(pesantren_visible_to(user)).order_by(*form.ordering())

    def rows():
        for p in queryset.select_related("kabkota", "kecamatan", "kopontren").iterator(chunk_size=CHUNK):
            kop = getattr(p, "kopontren", None)
            yield [
                p.nspp,
                p.nama,
                p.kabkota_id,
                p.kabkota.nama,
                p.kecamatan.nama if p.kecamatan else "",
                p.alamat,
                p.pengasuh,
                p.telepon,
                p.email,
                p.tahun_berdiri,
                p.get_tipologi_display(),
                p.jumlah_santri,
                p.tahun_kohort,
                p.get_status_display(),
                p.latitude,
                p.longitude,
                kop.nama if kop else "",
                kop.nib if kop else "",
                kop.get_status_display() if kop else "",
            ]

    return _sheet("pesantren", PESANTREN_HEADERS, rows, queryset, personal=False)


SANTRI_FIELDS = [
    "pk",
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "telepon",
    "pesantren__nspp",
    "pesantren__nama",
    "pesantren__kabkota__nama",
    "bidang_usaha",
    "tahun_terdaftar",
    "status",
]


def santripreneur_sheet(user, query):
    """Read as plain tuples (no model instances): a million-row export runs at the speed of the writer."""
    form = SantripreneurFilterForm(query, user=user)
    field, descending = form.keyset()
    order = [f"-{field}", "-pk"] if descending else [field, "pk"]
    queryset = form.filter(santripreneur_visible_to(user)).order_by(*order)
    visibility = personal_data_visibility(user)
    personal = _personal_headers(visibility)
    headers = [
        "ID",
        *personal[:1],
        "Nama",
        "Jenis kelamin",
        *personal[1:],
        "NSPP pesantren",
        "Pesantren",
        "Kabupaten/kota",
        "Bidang usaha",
        "Tahun terdaftar",
        "Status",
    ]
    genders, statuses = dict(JenisKelamin.choices), dict(StatusAktif.choices)
    genders = {k: str(v) for k, v in genders.items()}
    statuses = {k: str(v) for k, v in statuses.items()}
    masked = visibility == Visibility.MASKED
    mask_nik, mask_date, mask_phone = MASKS["nik"], MASKS["tanggal_lahir"], MASKS["telepon"]

    def rows():
        values = queryset.values_list(*SANTRI_FIELDS).iterator(chunk_size=CHUNK)
        for pk, nik, nama, jk, lahir, telepon, nspp, pesantren, kabkota, bidang, tahun, status in values:
            if visibility == Visibility.HIDDEN:
                yield [pk, nama, genders.get(jk, jk), nspp, pesantren, kabkota, bidang, tahun, statuses.get(status)]
                continue
            if masked:
                nik, lahir, telepon = mask_nik(nik), mask_date(lahir), mask_phone(telepon)
            yield [
                pk,
                nik,
                nama,
                genders.get(jk, jk),
                lahir,
                telepon,
                nspp,
                pesantren,
                kabkota,
                bidang,
                tahun,
                statuses.get(status),
            ]

    return _sheet("santripreneur", headers, rows, queryset, personal=visibility != Visibility.HIDDEN)


def sociopreneur_sheet(user, query):
    form = SociopreneurFilterForm(query, user=user)
    queryset = form.filter(sociopreneur_visible_to(user)).order_by(*form.ordering())
    visibility = personal_data_visibility(user)
    personal = _personal_headers(visibility)
    headers = [
        "ID",
        *personal[:1],
        "Nama",
        "Jenis kelamin",
        *personal[1:],
        "Nama usaha",
        "Sektor",
        "Kabupaten/kota usaha",
        "NIB",
        "Tahun mulai usaha",
        "Jumlah pekerja",
        "NSPP pesantren asal",
        "Pesantren asal",
        "Status",
    ]

    def rows():
        for s in queryset.select_related("kabkota", "pesantren_asal").iterator(chunk_size=CHUNK):
            values = _personal_values(s, visibility)
            asal = s.pesantren_asal
            yield [
                s.pk,
                *values[:1],
                s.nama,
                s.get_jenis_kelamin_display(),
                *values[1:],
                s.nama_usaha,
                s.sektor,
                s.kabkota.nama,
                s.nib,
                s.tahun_mulai,
                s.jumlah_pekerja,
                asal.nspp if asal else "",
                asal.nama if asal else "",
                s.get_status_display(),
            ]

    return _sheet("sociopreneur", headers, rows, queryset, personal=visibility != Visibility.HIDDEN)
