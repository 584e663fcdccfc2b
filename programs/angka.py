"""Numbers of record (issue 30), the read side: whether a year is closed (angka tetap) or open (angka sementara),
the latest version of a closed year's figures, and the one guard every write to a year's plans, reports and
realisation passes (programs.services calls it under the plan's lock; the admin's forms and the plan-line import,
through programs.services.kegiatan_upload, inherit it).

A version's `data` (AngkaTetap.data), taken by programs.angka_services from the same selectors the pages use:
    "rencana":  the plan figures, one row per PLAN_KEYS (pillar × indicator × OPD × satuan) with the sums of
                programs.selectors._kegiatan_totals at the end of TW IV (kegiatan, target, pagu, anggaran kas,
                realisation, spending, verified);
    "registri": what the upper layers register as "angka_tetap_sources" (the dashboard: the registry series per
                indicator and the counts per kab/kota), each under its name.
A year is locked while it has a version and no approved reopening window is running (PembukaanTahun); a window
that has run out locks the year even before the worker has taken the next version."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.formatting import tanggal
from programs.models import AngkaTetap, PembukaanTahun, StatusPembukaan

# The finest rows of the plan figures: every grouping the pages ask of _kegiatan_totals is a subset of these.
PLAN_KEYS = [
    "pilar",
    "indikator_id",
    "indikator__kode",
    "indikator__nama",
    "indikator__satuan",
    "indikator__urutan",
    "rencana__opd_id",
    "rencana__opd__singkatan",
    "satuan",
]
PLAN_SUMS = ["jumlah_kegiatan", "target", "target_sd", "pagu", "kas_sd", "realisasi", "terserap"]
MONEY_SUMS = ("pagu", "kas_sd", "terserap")
FROZEN_QUARTER = 4  # a year is closed after its TW IV deadline: its figures are those of the whole year


def angka_terakhir(tahun):
    """The latest version of the year's figures (None: the year was never closed). One query."""
    return AngkaTetap.objects.filter(tahun=tahun).select_related("ditetapkan_oleh").order_by("-versi").first()


def angka_versions(tahun):
    return AngkaTetap.objects.filter(tahun=tahun).select_related("ditetapkan_oleh", "pembukaan").order_by("versi")


def window_open(tahun, *, now=None):
    """The approved reopening of the year whose window is still running, or None."""
    now = now or timezone.now()
    return PembukaanTahun.objects.filter(tahun=tahun, status=StatusPembukaan.DIBUKA, berakhir_pada__gt=now).first()


def tahun_terkunci(tahun):
    """The latest version of the year's figures when the year is locked; None when it may be written."""
    angka = angka_terakhir(tahun)
    if angka is None or window_open(tahun) is not None:
        return None
    return angka


def freeze_message(angka):
    return _(
        "Tahun %(tahun)s sudah ditetapkan sebagai angka tetap pada %(tanggal)s; rencana, laporan dan realisasinya "
        "terkunci dan tidak dapat diubah. Perubahan hanya melalui pembukaan tahun yang disetujui (menu Angka tetap)."
    ) % {"tahun": angka.tahun, "tanggal": tanggal(timezone.localtime(angka.ditetapkan_pada).date())}


def require_year_open(tahun):
    """The guard of every write to a year's plans, reports and realisation: ValidationError naming the freeze."""
    angka = tahun_terkunci(tahun)
    if angka is not None:
        raise ValidationError(freeze_message(angka), code="angka_tetap")


@dataclass(frozen=True)
class StatusAngka:
    """What a page says of a year's figures: "Angka tetap per <tanggal>" (or "Angka perbaikan v2 per …") from the
    latest version, "Angka sementara" while the year is open."""

    tahun: int
    angka: AngkaTetap | None

    @property
    def tetap(self):
        return self.angka is not None

    @property
    def label(self):
        if self.angka is None:
            return _("Angka sementara")
        when = tanggal(timezone.localtime(self.angka.ditetapkan_pada).date())
        if self.angka.perbaikan:
            return _("Angka perbaikan (versi %(versi)s) per %(tanggal)s") % {"versi": self.angka.versi, "tanggal": when}
        return _("Angka tetap per %(tanggal)s") % {"tanggal": when}


def status_angka(tahun) -> StatusAngka:
    """The year's status for a page: the latest version, if any (a year in a reopening window keeps showing the
    version it had until the next one is taken)."""
    return StatusAngka(tahun=tahun, angka=angka_terakhir(tahun))


# ---------------------------------------------------------------- plan rows in and out of a version


def plain(value):
    """A figure as JSON keeps it: whole Rupiah and counts as int, anything else as text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def stored_plan_rows(rows):
    return [{key: plain(row[key]) for key in (*PLAN_KEYS, *PLAN_SUMS, "diverifikasi")} for row in rows]


def plan_rows_of(angka, keys, *, opd_ids, verified_only):
    """The version's plan rows summed per `keys` (a subset of PLAN_KEYS), for the OPDs the viewer may see, in the
    order _kegiatan_totals gives; the caller adds each row's capaian as for live rows."""
    grouped = {}
    for row in angka.data.get("rencana", []):
        if row["rencana__opd_id"] not in opd_ids or (verified_only and not row["diverifikasi"]):
            continue
        key = tuple(row[k] for k in keys)
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = {**{k: row[k] for k in keys}, **dict.fromkeys(PLAN_SUMS, 0), "diverifikasi": 0}
        for name in PLAN_SUMS:
            entry[name] += row[name] or 0
        entry["diverifikasi"] = max(entry["diverifikasi"], row["diverifikasi"] or 0)
    for entry in grouped.values():
        for name in MONEY_SUMS:
            entry[name] = Decimal(entry[name])
    return [grouped[key] for key in sorted(grouped, key=lambda key: [(v is None, v) for v in key])]
