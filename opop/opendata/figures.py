"""The year's figures behind every dataset: one function, `year_figures(tahun)`, so the numbers published equal the
dashboards' for the same year — they are read through the very selectors the dashboards use (the public path of
opop/dashboard/selectors.py `kabkota_counts`, products.selectors, programs.selectors `commitments_by_indicator_opd`
with `verified_only`, as the OPD board's "terverifikasi" view).

The seam for the year-end freeze (issue 30, "angka tetap"): an open year is read live and published as
*angka sementara*. When a year can be frozen, `year_figures` returns that year's snapshot instead (status "tetap",
or "perbaikan" after a reopen) in the same `AngkaTahun` shape, and nothing downstream changes."""

import datetime
from dataclasses import dataclass, field, replace

from django.utils import timezone

from opop.common.years import FIRST_YEAR
from opop.dashboard import selectors as dashboard
from opop.dashboard.angka import kabkota_as_kept
from products import selectors as catalogue
from programs import selectors as plans

SEMENTARA = "sementara"  # provisional: the live registry of an open year
TETAP = "tetap"  # final: a frozen year's snapshot (the freeze plugs in here)
PERBAIKAN = "perbaikan"  # corrected after a final release


@dataclass(frozen=True)
class AngkaTahun:
    """What the registry and the plans hold for one year, as the dashboards count it."""

    tahun: int
    status_angka: str
    # {kab/kota kode: {indicator kode: value at the end of the year}}, as the kab/kota dashboard's rows
    kabkota: dict = field(default_factory=dict)
    # {(kab/kota kode, category kode): unggulan products designated by the end of the year}
    produk_kategori: dict = field(default_factory=dict)
    # {(kab/kota kode, certificate kind): unggulan products holding a valid certificate of that kind at the year's end}
    produk_sertifikat: dict = field(default_factory=dict)
    # {(indicator kode, triwulan): {"target", "target_sd", "realisasi"}}: verified plans, lines in the indicator's unit
    komitmen: dict = field(default_factory=dict)


def published_years(today=None):
    """The years the open data covers: the first OPOP cohort up to this year."""
    today = today or timezone.localdate()
    return list(range(FIRST_YEAR, today.year + 1))


def year_figures(tahun, *, today=None) -> AngkaTahun:
    """THE one source of a year's published figures. An open year: live, *angka sementara*. A closed year: the
    registry counts its latest version kept (*angka tetap*, or *perbaikan* after a reopening), as the dashboards
    read it; its plan figures come from the version through commitments_by_indicator_opd."""
    angka = plans.angka_terakhir(tahun)
    kept = kabkota_as_kept(angka)
    figures = _live(tahun, today or timezone.localdate(), kept)
    if angka is None:
        return figures
    return replace(figures, status_angka=PERBAIKAN if angka.perbaikan else TETAP)


def _live(tahun, today, kept=None):
    # None: the public page's counts (aggregates only, every row)
    counts = kept if kept is not None else dashboard.kabkota_counts(None, tahun)
    kabkota = {
        kode: {kind: value[1] if isinstance(value, tuple) else value for kind, value in per_kind.items()}
        for kode, per_kind in counts.items()
    }
    designated = catalogue.public_products().filter(tahun_unggulan__lte=tahun)
    year_end = min(datetime.date(tahun, 12, 31), today)
    komitmen = {}
    for triwulan in range(1, plans.quarters_over(tahun, today) + 1):
        rows = plans.commitments_by_indicator_opd(None, tahun, triwulan=triwulan, verified_only=True, public=True)
        for row in rows:
            if row["satuan"] != row["indikator__satuan"]:
                continue  # as the dashboards: a line counts toward its indicator only in the indicator's unit
            entry = komitmen.setdefault(
                (row["indikator__kode"], triwulan), {"target": 0, "target_sd": 0, "realisasi": 0}
            )
            for name in entry:
                entry[name] += row[name] or 0
    return AngkaTahun(
        tahun=tahun,
        status_angka=SEMENTARA,
        kabkota=kabkota,
        produk_kategori=catalogue.unggulan_per_kabkota_category(designated),
        produk_sertifikat=catalogue.unggulan_certified_per_kabkota(designated, year_end),
        komitmen=komitmen,
    )
