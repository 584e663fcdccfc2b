"""Where each dashboard number leads: the registry or catalogue list filtered to the records it counts.

The lists filter by kab/kota, status and one exact year; they have no "up to year" filter. A cumulative number is
therefore an exact link when the selected year is the current one (everything registered so far) and otherwise
opens the list of everything counted today (`exact` False, said beside the number)."""

from urllib.parse import urlencode

from django.urls import reverse

LISTS = {
    # indicator kode: (url name, the filters that select what the indicator counts)
    "santripreneur": ("pesantren:santripreneur_list", {"status": "aktif"}),
    "pesantren-opop": ("pesantren:list", {"kohort": "peserta"}),
    "sociopreneur": ("pesantren:sociopreneur_list", {"status": "aktif"}),
    "produk-unggulan": ("products:list", {"status": "unggulan"}),
}
# The list filter that selects one year of an indicator ("added that year"); sociopreneur lists have none.
YEAR_PARAM = {"santripreneur": "tahun_terdaftar", "pesantren-opop": "kohort", "produk-unggulan": "tahun"}


def _url(name, params):
    return f"{reverse(name)}?{urlencode(params)}" if params else reverse(name)


def records_url(kode, *, kabkota=None, public=False):
    """The list of the records a cumulative number counts (None when the viewer has no such list)."""
    if public:
        return _url("katalog:list", {"kabkota": kabkota} if kabkota else {}) if kode == "produk-unggulan" else None
    if kode not in LISTS:
        return None
    name, params = LISTS[kode]
    params = dict(params)
    if kabkota:
        params["kabkota"] = kabkota
    return _url(name, params)


def year_url(kode, year):
    """The list of the records an indicator gained in one year (None where the list has no year filter)."""
    if kode not in YEAR_PARAM:
        return None
    name, params = LISTS[kode]
    return _url(name, {**params, YEAR_PARAM[kode]: year})


def pesantren_url(kabkota):
    return _url("pesantren:list", {"kabkota": kabkota})


def plans_url(tahun, opd_id):
    """The OPD's plan for the year in the plan list (a Petugas OPD's list holds their own OPD only)."""
    return _url("programs:list", {"tahun": tahun, "opd": opd_id})


def sinergi_kegiatan_url(tahun, kabkota, pilar=None, *, verified_only=False):
    """The lines of one cell of the synergy map (kabkota "35": the province-wide lines)."""
    params = {"tahun": tahun, "kabkota": kabkota, **({"pilar": pilar} if pilar else {})}
    return _url("dashboard:sinergi_kegiatan", {**params, **({"terverifikasi": 1} if verified_only else {})})


def sinergi_pesantren_url(tahun, kabkota=None):
    """Which OPDs reached each pesantren in the year (of one kab/kota)."""
    return _url("dashboard:sinergi_pesantren", {"tahun": tahun, **({"kabkota": kabkota} if kabkota else {})})


def sinergi_url(tahun, *, verified_only=False):
    return _url("dashboard:sinergi", {"tahun": tahun, **({"terverifikasi": 1} if verified_only else {})})
