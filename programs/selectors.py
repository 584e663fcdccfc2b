"""Reads of plan data, always scoped to the viewer: a Petugas OPD sees their own OPD's plans only, every other role
sees all. Views look objects up through these querysets (404 for what the user may not see); dashboards and exports
aggregate through them, so a number never includes what the viewer could not open."""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from opop.accounts.models import User
from opop.accounts.permissions import can_administer, can_edit_plans, can_upload_plan_lines
from opop.accounts.roles import Role
from opop.accounts.selectors import opd_visible_to
from opop.common.achievement import band_of, persen
from opop.common.audit import history_entries
from opop.dashboard.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs.models import (
    BatasPelaporan,
    Kegiatan,
    Kepatuhan,
    LaporanTriwulan,
    Pilar,
    Realisasi,
    Rencana,
    Satuan,
    Status,
    Triwulan,
)

# ---------------------------------------------------------------- who may do what (roles; objects are scoped below)


def can_edit_rencana(user, rencana) -> bool:
    """`can_edit_plans`, narrowed to the officer's own OPD (admins: every OPD)."""
    if not can_edit_plans(user):
        return False
    return can_administer(user) or rencana.opd_id == user.opd_id


def can_upload_to_rencana(user, rencana) -> bool:
    """Upload lines into a plan from XLSX: its own OPD's officer; Diskop staff and admins for any OPD."""
    if not can_upload_plan_lines(user):
        return False
    return user.role != Role.PETUGAS_OPD or rencana.opd_id == user.opd_id


# ---------------------------------------------------------------- scoped querysets


def rencana_visible_to(user):
    qs = Rencana.objects.select_related("opd")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(opd_id=user.opd_id)
    return qs


def kegiatan_visible_to(user):
    qs = Kegiatan.objects.select_related("rencana__opd", "indikator")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(rencana__opd_id=user.opd_id)
    return qs


def realisasi_visible_to(user):
    qs = Realisasi.objects.select_related("kegiatan__rencana__opd")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(kegiatan__rencana__opd_id=user.opd_id)
    return qs


def opd_choices_for_plans(user):
    """OPDs the user may create a plan for (the form's choice queryset)."""
    if not can_edit_plans(user):
        return opd_visible_to(user).none()
    return opd_visible_to(user).filter(aktif=True)


def plan_line_counts(user):
    """{opd id: {year: number of lines}} of the plans of the OPDs the user may plan for (the create page offers to copy
    the one of the year before). Keys are strings, as they travel to the page's script in JSON."""
    rows = (
        rencana_visible_to(user)
        .filter(opd__in=opd_choices_for_plans(user))
        .annotate(jumlah=Count("kegiatan"))
        .values_list("opd_id", "tahun", "jumlah")
    )
    counts = {}
    for opd_id, tahun, jumlah in rows:
        counts.setdefault(str(opd_id), {})[str(tahun)] = jumlah
    return counts


def indicator_choices(user):
    """The indicator dictionary is reference data every signed-in role may pick from."""
    return Indicator.objects.order_by("urutan", "kode")


# ---------------------------------------------------------------- lists and detail


def rencana_list(user, *, tahun=None, opd=None, status=None):
    qs = rencana_visible_to(user).annotate(
        jumlah_kegiatan=Count("kegiatan"),
        total_pagu=Coalesce(Sum("kegiatan__pagu"), Value(0), output_field=IntegerField()),
    )
    if tahun:
        qs = qs.filter(tahun=tahun)
    if opd:
        qs = qs.filter(opd=opd)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tahun", "opd__nama")


def rencana_years(user):
    return list(rencana_visible_to(user).order_by("-tahun").values_list("tahun", flat=True).distinct())


def kegiatan_with_realisasi(rencana):
    """The plan's kegiatan with indicator, locations and every quarter's realisation, in 3 queries."""
    return (
        rencana.kegiatan.select_related("indikator")
        .prefetch_related(
            "lokasi", Prefetch("realisasi", queryset=Realisasi.objects.order_by("triwulan"), to_attr="realisasi_list")
        )
        .order_by("kode_sipd", "id")
    )


def kegiatan_number(rencana, kegiatan=None):
    """The line's number in the plan as the plan page lists it (by SIPD code, then id); a new line's is the next."""
    if kegiatan is None:
        return rencana.kegiatan.count() + 1
    before = Q(kode_sipd__lt=kegiatan.kode_sipd) | Q(kode_sipd=kegiatan.kode_sipd, id__lt=kegiatan.id)
    return rencana.kegiatan.filter(before).count() + 1


def rencana_quarters(rencana, kegiatan_list):
    """For each quarter: its report (or None), the deadline, and each kegiatan with that quarter's realisation."""
    reports = {lap.triwulan: lap for lap in rencana.laporan.all()}
    deadlines = {b.triwulan: b.batas for b in BatasPelaporan.objects.filter(tahun=rencana.tahun)}
    quarters = []
    for triwulan in Triwulan:
        rows = []
        for kegiatan in kegiatan_list:
            realisasi = next((r for r in kegiatan.realisasi_list if r.triwulan == triwulan), None)
            if realisasi is not None:
                realisasi.kegiatan = kegiatan  # already loaded: derived percentages need no query
            rows.append({"kegiatan": kegiatan, "realisasi": realisasi, "wajib": kegiatan.triwulan_mulai <= triwulan})
        missing = sum(1 for row in rows if row["wajib"] and row["realisasi"] is None)
        quarters.append(
            {
                "triwulan": int(triwulan),
                "label": triwulan.label,
                "laporan": reports.get(triwulan),
                "batas": deadlines.get(triwulan),
                "rows": rows,
                "terisi": sum(1 for row in rows if row["realisasi"] is not None),
                "kurang": missing,
            }
        )
    return quarters


def readable_history(obj, *, limit=50):
    """history_entries with user ids shown as names and kab/kota lists as names."""
    entries = history_entries(obj, limit=limit)
    user_fields = {
        str(f.verbose_name)
        for f in obj._meta.get_fields()
        if getattr(f, "related_model", None) is User and not f.auto_created
    }
    user_ids, region_codes = set(), set()
    for entry in entries:
        for change in entry["changes"]:
            for value in (change["old"], change["new"]):
                if str(change["field"]) in user_fields and value:
                    user_ids.add(value)
                elif isinstance(value, list):
                    region_codes.update(item.get("kabupatenkota") for item in value if isinstance(item, dict))
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    regions = dict(KabupatenKota.objects.filter(kode__in=region_codes).values_list("kode", "nama_pendek"))

    def readable(field, value):
        if str(field) in user_fields and value:
            return users.get(value, value)
        if isinstance(value, list):
            names = [regions.get(item.get("kabupatenkota"), "?") for item in value if isinstance(item, dict)]
            return ", ".join(sorted(names)) or "—"
        return value

    for entry in entries:
        for change in entry["changes"]:
            change["old"] = readable(change["field"], change["old"])
            change["new"] = readable(change["field"], change["new"])
    return entries


# ---------------------------------------------------------------- aggregates (dashboards, recap)


def _latest(field, triwulan=None):
    """The latest cumulative figure of a kegiatan (its last reported quarter, up to `triwulan`)."""
    qs = Realisasi.objects.filter(kegiatan=OuterRef("pk"))
    if triwulan:
        qs = qs.filter(triwulan__lte=triwulan)
    output_field = Realisasi._meta.get_field(field).__class__()
    if isinstance(output_field, DecimalField):
        output_field = DecimalField(max_digits=15, decimal_places=0)
    return Coalesce(Subquery(qs.order_by("-triwulan").values(field)[:1]), Value(0), output_field=output_field)


def _kegiatan_totals(user, tahun, keys, *, triwulan=None, verified_only=False):
    kegiatan_list = kegiatan_visible_to(user).filter(rencana__tahun=tahun)
    if verified_only:
        kegiatan_list = kegiatan_list.filter(rencana__status=Status.DIVERIFIKASI)
    return (
        kegiatan_list.annotate(out_=_latest("output", triwulan), spent_=_latest("anggaran_terserap", triwulan))
        .values(*keys)
        .annotate(
            jumlah_kegiatan=Count("id"),
            target=Sum("target"),
            pagu=Sum("pagu"),
            realisasi=Sum("out_"),
            terserap=Sum("spent_"),
        )
        .order_by(*keys)
    )


def commitments_by_indicator_opd(user, tahun, *, triwulan=None, verified_only=False):
    """Commitments and realisation per indicator × OPD × satuan for a year, as the viewer may see them.

    Each row: indikator_id, indikator__kode, indikator__nama, indikator__satuan, opd (rencana__opd_id),
    rencana__opd__singkatan, satuan, jumlah_kegiatan, target, pagu, realisasi (latest cumulative output up to
    `triwulan`), terserap (latest cumulative spending). Targets only add up within one satuan; a kegiatan counts toward
    its indicator's number when `satuan == indikator__satuan`."""
    keys = [
        "indikator_id",
        "indikator__kode",
        "indikator__nama",
        "indikator__satuan",
        "rencana__opd_id",
        "rencana__opd__singkatan",
        "satuan",
    ]
    return list(_kegiatan_totals(user, tahun, keys, triwulan=triwulan, verified_only=verified_only))


def budget_by_opd(user, tahun, *, triwulan=None, verified_only=False):
    """Per OPD: number of kegiatan, pagu and spending (absorption) for a year."""
    rows = list(
        _kegiatan_totals(
            user, tahun, ["rencana__opd_id", "rencana__opd__singkatan"], triwulan=triwulan, verified_only=verified_only
        )
    )
    for row in rows:
        row["serapan_persen"] = persen(row["terserap"], row["pagu"])
    return rows


def rekap_fgd(user, tahun, *, verified_only=False):
    """The FGD recap: this year's plan beside last year's plan and realisation, grouped by pillar and indicator,
    one row per OPD and satuan, with totals of pagu and of targets (per satuan)."""
    keys = [
        "pilar",
        "indikator_id",
        "indikator__nama",
        "indikator__urutan",
        "rencana__opd_id",
        "rencana__opd__singkatan",
        "satuan",
    ]
    now = {_key(r): r for r in _kegiatan_totals(user, tahun, keys, verified_only=verified_only)}
    prev = {_key(r): r for r in _kegiatan_totals(user, tahun - 1, keys, verified_only=verified_only)}
    statuses = {
        (p["opd_id"], p["tahun"]): p["status"]
        for p in rencana_visible_to(user).filter(tahun__in=[tahun, tahun - 1]).values("opd_id", "tahun", "status")
    }
    labels = dict(Status.choices)
    pillar_order = {value: index for index, value in enumerate(Pilar.values)}
    ordered = sorted(
        set(now) | set(prev),
        key=lambda k: (
            pillar_order.get(k[0], 99),
            (now.get(k) or prev.get(k))["indikator__urutan"],
            k[1],
            (now.get(k) or prev.get(k))["rencana__opd__singkatan"],
            k[3],
        ),
    )

    zero = {"jumlah_kegiatan": 0, "target": 0, "pagu": 0, "realisasi": 0, "terserap": 0}
    pillars = []
    total = Counter()
    for key in ordered:
        pilar, indikator_id, opd_id, satuan = key
        this, last = now.get(key) or zero, prev.get(key) or zero
        sample = now.get(key) or prev.get(key)
        if not pillars or pillars[-1]["pilar"] != pilar:
            pillars.append({"pilar": pilar, "label": Pilar(pilar).label, "indikator": [], "totals": Counter()})
        group = pillars[-1]
        if not group["indikator"] or group["indikator"][-1]["indikator_id"] != indikator_id:
            group["indikator"].append(
                {
                    "indikator_id": indikator_id,
                    "nama": sample["indikator__nama"],
                    "rows": [],
                    "totals": Counter(),
                    "target_per_satuan": defaultdict(Counter),
                }
            )
        indicator = group["indikator"][-1]
        capaian = persen(last["realisasi"], last["target"]) if last["target"] else None
        status_now = statuses.get((opd_id, tahun))
        indicator["rows"].append(
            {
                "opd": sample["rencana__opd__singkatan"],
                "status": status_now,
                "status_label": labels.get(status_now, ""),
                "satuan": satuan,
                "satuan_label": Satuan(satuan).label,
                "kegiatan": this["jumlah_kegiatan"],
                "target": this["target"],
                "pagu": this["pagu"],
                "kegiatan_lalu": last["jumlah_kegiatan"],
                "target_lalu": last["target"],
                "realisasi_lalu": last["realisasi"],
                "capaian_lalu": capaian,
                "band_lalu": band_of(capaian),
                "pagu_lalu": last["pagu"],
                "terserap_lalu": last["terserap"],
                "serapan_lalu": persen(last["terserap"], last["pagu"]),
            }
        )
        amounts = {
            "kegiatan": this["jumlah_kegiatan"],
            "pagu": this["pagu"],
            "kegiatan_lalu": last["jumlah_kegiatan"],
            "pagu_lalu": last["pagu"],
            "terserap_lalu": last["terserap"],
        }
        for counter in (indicator["totals"], group["totals"], total):
            counter.update(amounts)
        indicator["target_per_satuan"][satuan].update(
            {"target": this["target"], "target_lalu": last["target"], "realisasi_lalu": last["realisasi"]}
        )
    for group in pillars:
        for indicator in group["indikator"]:
            indicator["target_per_satuan"] = [
                {
                    "satuan": s,
                    "satuan_label": Satuan(s).label,
                    **values,
                    "capaian_lalu": persen(values["realisasi_lalu"], values["target_lalu"]),
                }
                for s, values in indicator["target_per_satuan"].items()
            ]
    plan_status = Counter(s for (opd, year), s in statuses.items() if year == tahun)
    return {
        "tahun": tahun,
        "tahun_lalu": tahun - 1,
        "pilar": pillars,
        "total": dict(total),
        "serapan_lalu": persen(total["terserap_lalu"], total["pagu_lalu"]),
        "status_rencana": [(labels[s], plan_status[s]) for s in Status.values if plan_status[s]],
        "verified_only": verified_only,
    }


def _key(row):
    return (row["pilar"], row["indikator_id"], row["rencana__opd_id"], row["satuan"])


# ---------------------------------------------------------------- reporting compliance


def kepatuhan_state(*, laporan, terisi, batas, today):
    """The reporting state of one OPD for one quarter."""
    if laporan is not None and laporan.status == Status.DIVERIFIKASI:
        return Kepatuhan.DIVERIFIKASI
    if laporan is not None and laporan.status == Status.DIAJUKAN:
        return Kepatuhan.DIAJUKAN
    if batas is not None and today > batas:
        return Kepatuhan.TERLAMBAT
    if laporan is not None or terisi:
        return Kepatuhan.DRAF
    return Kepatuhan.BELUM_MULAI


def kepatuhan_by_opd(user, tahun, *, today=None):
    """Each active OPD the viewer may see × the four quarters of `tahun`: its reporting state against the deadline.

    Returns {"rows": [{opd, rencana, cells: [{triwulan, state, label, laporan, terisi, batas, late_submission}]}],
    "summary": {triwulan: {state: count}}, "deadlines": {triwulan: date}} in five queries."""
    today = today or timezone.localdate()
    opds = list(opd_visible_to(user).filter(aktif=True).order_by("-is_lead", "nama"))
    plans = {p.opd_id: p for p in rencana_visible_to(user).filter(tahun=tahun, opd__in=opds)}
    reports = {
        (lap.rencana_id, lap.triwulan): lap
        for lap in LaporanTriwulan.objects.filter(rencana__in=list(plans.values())).select_related("diajukan_oleh")
    }
    entered = {
        (row["kegiatan__rencana_id"], row["triwulan"]): row["n"]
        for row in Realisasi.objects.filter(kegiatan__rencana__in=list(plans.values()))
        .values("kegiatan__rencana_id", "triwulan")
        .annotate(n=Count("id"))
        .order_by()
    }
    deadlines = {b.triwulan: b.batas for b in BatasPelaporan.objects.filter(tahun=tahun)}
    summary = {q: Counter() for q in Triwulan.values}
    rows = []
    for opd in opds:
        plan = plans.get(opd.pk)
        cells = []
        for triwulan in Triwulan.values:
            laporan = reports.get((plan.pk, triwulan)) if plan else None
            terisi = entered.get((plan.pk, triwulan), 0) if plan else 0
            batas = deadlines.get(triwulan)
            state = kepatuhan_state(laporan=laporan, terisi=terisi, batas=batas, today=today)
            submitted = laporan.diajukan_pada if laporan is not None else None
            late = bool(batas and submitted and timezone.localtime(submitted).date() > batas)
            summary[triwulan][state] += 1
            cells.append(
                {
                    "triwulan": triwulan,
                    "state": state,
                    "label": Kepatuhan(state).label,
                    "laporan": laporan,
                    "terisi": terisi,
                    "batas": batas,
                    "late_submission": late,
                }
            )
        rows.append({"opd": opd, "rencana": plan, "cells": cells})
    return {
        "rows": rows,
        "summary": {q: [(Kepatuhan(s).label, s, c[s]) for s in Kepatuhan.values if c[s]] for q, c in summary.items()},
        "deadlines": deadlines,
    }


def batas_pelaporan_for_year(tahun):
    return {b.triwulan: b for b in BatasPelaporan.objects.filter(tahun=tahun).select_related("diatur_oleh")}


def quarter_end(tahun, triwulan):
    month = triwulan * 3
    next_first = datetime.date(tahun + (month == 12), month % 12 + 1, 1)
    return next_first - datetime.timedelta(days=1)
