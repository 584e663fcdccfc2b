"""Numbers of record (issue 30), what the Angka tetap page reads: the years and their state, what closing a year
locks, a version's figures, the difference between the latest version and today's registry ("perubahan sejak angka
tetap", with the kab/kota behind each indicator), the reopening requests and every change made in their window
(old → new, from the history the services already write)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.module_loading import import_string

from opop.accounts.permissions import can_freeze_year, can_verify_plans
from opop.common.registry import registry
from opop.common.years import programme_years
from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs.angka import angka_terakhir, angka_versions, window_open
from programs.models import (
    KEGIATAN_INPUT_FIELDS,
    REALISASI_INPUT_FIELDS,
    AngkaTetap,
    Kegiatan,
    LaporanTriwulan,
    PembukaanTahun,
    Realisasi,
    Rencana,
    Status,
)

DASBOR = "dasbor"  # the dashboard's entry among the registered figures (opop/dashboard/angka.py)


def _diskop(user):
    return can_verify_plans(user) or can_freeze_year(user)


def angka_visible_to(user):
    """Every version of every closed year for Diskop (Staf, Admin); nothing for anyone else."""
    return AngkaTetap.objects.all() if _diskop(user) else AngkaTetap.objects.none()


def pembukaan_visible_to(user):
    return PembukaanTahun.objects.all() if _diskop(user) else PembukaanTahun.objects.none()


def angka_years():
    """The programme years up to last year, newest first: those a Staf may look at or close."""
    this_year = timezone.localdate().year
    return [year for year in programme_years() if year < this_year]


def freeze_preview(tahun):
    """What closing `tahun` locks: its plans by status, kegiatan, quarterly reports and realisation rows, the OPDs."""
    plans = Rencana.objects.filter(tahun=tahun)
    labels = dict(Status.choices)
    by_status = {row["status"]: row["n"] for row in plans.order_by().values("status").annotate(n=Count("id"))}
    return {
        "rencana": sum(by_status.values()),
        "rencana_status": [(labels[s], by_status[s]) for s in Status.values if by_status.get(s)],
        "kegiatan": Kegiatan.objects.filter(rencana__tahun=tahun).count(),
        "laporan": LaporanTriwulan.objects.filter(rencana__tahun=tahun).count(),
        "realisasi": Realisasi.objects.filter(kegiatan__rencana__tahun=tahun).count(),
        "opd": list(plans.order_by("opd__singkatan").values_list("opd__singkatan", flat=True)),
    }


# ---------------------------------------------------------------- a version's figures


@dataclass(frozen=True)
class Figure:
    """One indicator's (or one kab/kota's) figure in a version beside another reading."""

    kode: str
    nama: str
    tetap: int
    kini: int

    @property
    def selisih(self):
        return self.kini - self.tetap


def _names():
    return (
        dict(Indicator.objects.values_list("kode", "nama")),
        dict(KabupatenKota.objects.values_list("kode", "nama")),
    )


def _cumulative(seri, kode, tahun):
    return sum(n for year, n in seri.get(kode, {}).items() if int(year) <= tahun)


def version_figures(angka):
    """A version's figures for its page and its XLSX: per indicator (registry, up to the year), per kab/kota and
    indicator, per OPD and indicator (plan rows)."""
    kept = (angka.data.get("registri") or {}).get(DASBOR) or {"seri": {}, "kabkota": {}}
    indicators, regions = _names()
    per_indicator = [
        (
            kode,
            indicators.get(kode, kode),
            kept["seri"].get(kode, {}).get(str(angka.tahun), 0),
            _cumulative(kept["seri"], kode, angka.tahun),
        )
        for kode in sorted(kept["seri"])
    ]
    per_kabkota = []
    for kab in sorted(kept["kabkota"]):
        figures = kept["kabkota"][kab]
        values = {kode: figures[kode][1] for kode in kept["seri"] if isinstance(figures.get(kode), list)}
        per_kabkota.append((kab, regions.get(kab, kab), figures.get("pesantren", 0), values))
    return {
        "indikator": per_indicator,
        "indikator_kode": sorted(kept["seri"]),
        "kabkota": per_kabkota,
        "rencana": angka.data.get("rencana", []),
        "pagu": sum(row["pagu"] or 0 for row in angka.data.get("rencana", [])),
        "terserap": sum(row["terserap"] or 0 for row in angka.data.get("rencana", [])),
    }


def perubahan_sejak_angka_tetap(user, angka):
    """Per indicator, its figure up to the year in the latest version and in today's registry, with the kab/kota
    whose figure moved (the drill-down); only what differs. Today's figures come from the same registered reading
    the version was taken with, as `user` sees them."""
    kept = (angka.data.get("registri") or {}).get(DASBOR)
    path = registry["angka_tetap_sources"].get(DASBOR)
    if kept is None or path is None:
        return []
    live = import_string(path)(user, angka.tahun)
    indicators, regions = _names()
    changes = []
    for kode in sorted(set(kept["seri"]) | set(live["seri"])):
        before, now = _cumulative(kept["seri"], kode, angka.tahun), _cumulative(live["seri"], kode, angka.tahun)
        rows = []
        for kab in sorted(set(kept["kabkota"]) | set(live["kabkota"])):
            old = (kept["kabkota"].get(kab, {}).get(kode) or [0, 0])[1]
            new = (live["kabkota"].get(kab, {}).get(kode) or [0, 0])[1]
            if old != new:
                rows.append(Figure(kab, regions.get(kab, kab), old, new))
        if before != now or rows:
            changes.append({"indikator": Figure(kode, indicators.get(kode, kode), before, now), "kabkota": rows})
    return changes


# ---------------------------------------------------------------- reopening requests and their changes

HISTORY = [
    (Rencana, "tahun", ["status", "catatan"]),
    (LaporanTriwulan, "rencana__tahun", ["status", "catatan"]),
    (Kegiatan, "rencana__tahun", [f for f in KEGIATAN_INPUT_FIELDS if f != "indikator"]),
    (Realisasi, "kegiatan__rencana__tahun", [f for f in REALISASI_INPUT_FIELDS if f != "kategori_kendala"]),
]
CHANGES_SHOWN = 200


def changes_in_window(pembukaan, *, now=None):
    """Every save to the year's plans, reports, kegiatan and realisation between the approval and the relock (or
    now), oldest first, each with its fields old → new (from the history rows the services write)."""
    if pembukaan.dibuka_pada is None:
        return []
    end = pembukaan.ditutup_pada or now or timezone.now()
    entries = []
    for model, year_path, fields in HISTORY:
        records = (
            model.history.filter(
                **{year_path: pembukaan.tahun}, history_date__gte=pembukaan.dibuka_pada, history_date__lte=end
            )
            .select_related("history_user")
            .order_by("history_date", "history_id")[:CHANGES_SHOWN]
        )
        for record in records:
            older = record.prev_record
            changes = []
            if older is not None:
                delta = record.diff_against(older, included_fields=fields)
                changes = [(model._meta.get_field(c.field).verbose_name, c.old, c.new) for c in delta.changes]
            elif record.history_type == "+":
                changes = [
                    (model._meta.get_field(f).verbose_name, None, getattr(record, f))
                    for f in fields
                    if getattr(record, f) not in (None, "")
                ]
            if changes or record.history_type != "~":
                entries.append(
                    {
                        "record": record,
                        "what": model._meta.verbose_name,
                        "object": str(record.instance),
                        "changes": changes,
                    }
                )
    entries.sort(key=lambda e: e["record"].history_date)
    return entries[:CHANGES_SHOWN]


def pembukaan_of_year(tahun):
    return PembukaanTahun.objects.filter(tahun=tahun).select_related("diminta_oleh", "disetujui_oleh")


def angka_page(user, tahun):
    """Everything the Angka tetap page shows for one year."""
    latest = angka_terakhir(tahun)
    versions = list(angka_versions(tahun))
    requests = list(pembukaan_of_year(tahun))
    for request in requests:
        request.perubahan = changes_in_window(request)
    return {
        "tahun": tahun,
        "angka": latest,
        "versions": [(version, version_figures(version)) for version in versions],
        "window": window_open(tahun),
        "requests": requests,
        "open_request": next((r for r in requests if r.status in ("diminta", "dibuka")), None),
        "perubahan": perubahan_sejak_angka_tetap(user, latest) if latest else [],
        "preview": None if latest else freeze_preview(tahun),
    }
