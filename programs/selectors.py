"""Reads of plan data, always scoped to the viewer: a Petugas OPD sees their own OPD's plans only, every other role
sees all. Views look objects up through these querysets (404 for what the user may not see); dashboards and exports
aggregate through them, so a number never includes what the viewer could not open."""

import datetime
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import reduce
from itertools import groupby

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.permissions import can_administer, can_edit_plans, can_upload_plan_lines
from opop.accounts.roles import Role
from opop.accounts.selectors import opd_visible_to
from opop.common.achievement import band_of, persen
from opop.common.audit import history_entries
from opop.common.concurrency import version_of
from opop.common.formatting import ribuan, triwulan_rentang
from opop.common.querysets import filter_given
from opop.indicators.models import Indicator
from opop.wilayah.models import KabupatenKota
from programs.angka import FROZEN_QUARTER, PLAN_KEYS, StatusAngka, angka_terakhir, plan_rows_of, status_angka
from programs.capaian import QUARTERS, Keadaan, judge, quarters_over
from programs.models import (
    EDITABLE_STATUSES,
    KEGIATAN_INPUT_FIELDS,
    OPEN_TINDAK_LANJUT,
    RENCANA,
    SPLITS,
    BatasPelaporan,
    KategoriKendala,
    Kegiatan,
    Kepatuhan,
    Komentar,
    LaporanTriwulan,
    Pilar,
    Realisasi,
    Rencana,
    Satuan,
    Status,
    TindakLanjut,
    Triwulan,
    default_deadline,
    uraian_key,
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


def rencana_uploadable_by(user):
    """The editable plans `user` may upload lines into (`can_upload_to_rencana` as a queryset): the upload form's
    choice of plan."""
    if not can_upload_plan_lines(user):
        return Rencana.objects.none()
    return rencana_visible_to(user).filter(status__in=EDITABLE_STATUSES).order_by("-tahun", "opd__nama")


def kegiatan_visible_to(user):
    qs = Kegiatan.objects.select_related("rencana__opd", "indikator")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(rencana__opd_id=user.opd_id)
    return qs


def kegiatan_counted_for(user, *, public=False):
    """The lines an aggregate counts: the viewer's, or for the open data (no viewer) every OPD's (sums only, never
    rows: the same `public` switch as pesantren.selectors.pesantren_counted_for)."""
    return Kegiatan.objects.select_related("rencana__opd", "indikator") if public else kegiatan_visible_to(user)


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


def ever_verified():
    """Whether a plan was verified at some time: its history has the state (a reopened plan's stamp is cleared)."""
    return Exists(Rencana.history.model.objects.filter(id=OuterRef("pk"), status=Status.DIVERIFIKASI))


def plan_to_copy(opd, tahun):
    """The OPD's most recent plan before `tahun`, which a new plan of `tahun` may copy (not only the year before's),
    with `pernah_diverifikasi`; None when there is none."""
    earlier = Rencana.objects.filter(opd=opd, tahun__lt=tahun).annotate(pernah_diverifikasi=ever_verified())
    return earlier.order_by("-tahun").first()


def plan_line_counts(user):
    """{opd id: {year: [number of lines, ever verified]}} of the plans of the OPDs the user may plan for (the create
    page offers to copy the most recent one before the chosen year, plan_to_copy). Keys are strings, as they travel to
    the page's script in JSON."""
    rows = (
        rencana_visible_to(user)
        .filter(opd__in=opd_choices_for_plans(user))
        .annotate(jumlah=Count("kegiatan"), diverifikasi=ever_verified())
        .values_list("opd_id", "tahun", "jumlah", "diverifikasi")
    )
    counts = {}
    for opd_id, tahun, jumlah, diverifikasi in rows:
        counts.setdefault(str(opd_id), {})[str(tahun)] = [jumlah, diverifikasi]
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
    return filter_given(qs, tahun=tahun, opd=opd, status=status).order_by("-tahun", "opd__nama")


def rencana_years(user):
    return list(rencana_visible_to(user).order_by("-tahun").values_list("tahun", flat=True).distinct())


def kegiatan_with_realisasi(rencana):
    """The plan's kegiatan with indicator, locations and every quarter's realisation, in 3 queries."""
    return (
        rencana.kegiatan.select_related("indikator")
        .prefetch_related(
            "lokasi", Prefetch("realisasi", queryset=Realisasi.objects.order_by("triwulan"), to_attr="realisasi_list")
        )
        .order_by("nomor", "id")
    )


def laporan_of(rencana, triwulan):
    """The plan's report of one quarter (None before anything of it was written)."""
    return LaporanTriwulan.objects.filter(rencana=rencana, triwulan=triwulan).first()


def realisasi_and_previous(kegiatan, triwulan):
    """A line's realisation of one quarter and of the latest quarter before it (each None when not written)."""
    rows = {r.triwulan: r for r in Realisasi.objects.filter(kegiatan=kegiatan, triwulan__lte=triwulan)}
    earlier = [q for q in rows if q < triwulan]
    return rows.get(triwulan), rows[max(earlier)] if earlier else None


def kegiatan_number(rencana, kegiatan=None):
    """The line's number (Kegiatan.nomor); for a new line the number it will get: the plan's next, never one a
    deleted line had (two queries)."""
    if kegiatan is not None:
        return kegiatan.nomor
    numbers = [
        Kegiatan.objects.filter(rencana=rencana).aggregate(n=Max("nomor"))["n"],
        Kegiatan.history.filter(rencana_id=rencana.pk).aggregate(n=Max("nomor"))["n"],
    ]
    return max(n or 0 for n in numbers) + 1


def rencana_quarters(rencana, kegiatan_list):
    """For each quarter: its report (or None), the deadline, and each kegiatan with that quarter's realisation."""
    reports = {lap.triwulan: lap for lap in rencana.laporan.all()}
    deadlines = deadlines_for_year(rencana.tahun)
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


def quarter_grid(kegiatan_list, triwulan):
    """The quarter grid's rows: each line (from kegiatan_with_realisasi, so no query) with this quarter's
    realisation, the previous quarter's figures, and its target to date."""
    rows = []
    for kegiatan in kegiatan_list:
        by_quarter = {r.triwulan: r for r in kegiatan.realisasi_list}
        for realisasi in by_quarter.values():
            realisasi.kegiatan = kegiatan
        earlier = [by_quarter[q] for q in sorted(by_quarter) if q < triwulan]
        rows.append(
            {
                "kegiatan": kegiatan,
                "realisasi": by_quarter.get(triwulan),
                "previous": earlier[-1] if earlier else None,
                "target_sd": kegiatan.target_sampai(triwulan),
                "kas_sd": kegiatan.kas_sampai(triwulan),
                "wajib": kegiatan.triwulan_mulai <= triwulan,
            }
        )
    return rows


def readable_history(obj, *, limit=50):
    """history_entries with user ids shown as names and kab/kota (or OPD) lists as names."""
    entries = history_entries(obj, limit=limit)
    user_fields = {
        str(f.verbose_name)
        for f in obj._meta.get_fields()
        if getattr(f, "related_model", None) is User and not f.auto_created
    }
    user_ids, region_codes, opd_ids = set(), set(), set()
    for entry in entries:
        for change in entry["changes"]:
            for value in (change["old"], change["new"]):
                if str(change["field"]) in user_fields and value:
                    user_ids.add(value)
                elif isinstance(value, list):
                    items = [item for item in value if isinstance(item, dict)]
                    region_codes.update(item["kabupatenkota"] for item in items if "kabupatenkota" in item)
                    opd_ids.update(item["perangkatdaerah"] for item in items if "perangkatdaerah" in item)
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    regions = dict(KabupatenKota.objects.filter(kode__in=region_codes).values_list("kode", "nama_pendek"))
    opds = dict(PerangkatDaerah.objects.filter(pk__in=opd_ids).values_list("pk", "singkatan")) if opd_ids else {}

    def name_of(item):
        if "perangkatdaerah" in item:
            return opds.get(item["perangkatdaerah"], "?")
        return regions.get(item.get("kabupatenkota"), "?")

    def readable(field, value):
        if str(field) in user_fields and value:
            return users.get(value, value)
        if isinstance(value, list):
            names = [name_of(item) for item in value if isinstance(item, dict)]
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
    if triwulan is not None:
        qs = qs.filter(triwulan__lte=triwulan)
    output_field = Realisasi._meta.get_field(field).__class__()
    if isinstance(output_field, DecimalField):
        output_field = DecimalField(max_digits=15, decimal_places=0)
    return Coalesce(Subquery(qs.order_by("-triwulan").values(field)[:1]), Value(0), output_field=output_field)


def _target_to_date(triwulan, split="target"):
    """Sum of the lines' targets (or anggaran kas, `split="kas"`) due by the end of `triwulan` (their quarterly
    split, Kegiatan.target_tw1…4 / kas_tw1…4)."""
    due = [F(name) for name in SPLITS[split].fields[:triwulan]]
    return Sum(reduce(operator.add, due)) if due else Value(0, output_field=IntegerField())


def _kegiatan_totals(user, tahun, keys, *, triwulan=None, verified_only=False, today=None, public=False):
    """Sums per `keys` of the year's lines: targets (yearly and due by `triwulan`), pagu, realisation and spending
    up to `triwulan` (default: the quarters already over), each row with its `capaian` (programs.capaian.judge).

    A closed year's whole-year figures come from its latest version (programs.angka: angka tetap or perbaikan), the
    rows the viewer may see summed per `keys` (plan_figures_live reads the lines themselves, to take a version)."""
    if triwulan is None:
        triwulan = quarters_over(tahun, today or timezone.localdate())
    angka = angka_terakhir(tahun) if triwulan == FROZEN_QUARTER else None
    if angka is not None:
        plans = Rencana.objects.all() if public else rencana_visible_to(user)
        opd_ids = set(plans.filter(tahun=tahun).values_list("opd_id", flat=True))
        rows = plan_rows_of(angka, keys, opd_ids=opd_ids, verified_only=verified_only)
    else:
        rows = _kegiatan_sums_live(user, tahun, keys, triwulan=triwulan, verified_only=verified_only, public=public)
    for row in rows:
        row["triwulan"] = triwulan
        row["capaian"] = judge_row(row)
        row["keuangan"] = judge_row(row, money=True)
    return rows


def plan_figures_live(user, tahun):
    """The whole-year plan figures of `tahun` per PLAN_KEYS, read from the lines (what a version of it keeps)."""
    return _kegiatan_sums_live(user, tahun, PLAN_KEYS, triwulan=FROZEN_QUARTER, verified_only=False)


def _kegiatan_sums_live(user, tahun, keys, *, triwulan, verified_only, public=False):
    kegiatan_list = kegiatan_counted_for(user, public=public).filter(rencana__tahun=tahun)
    if verified_only:
        kegiatan_list = kegiatan_list.filter(rencana__status=Status.DIVERIFIKASI)
    return list(
        kegiatan_list.annotate(out_=_latest("output", triwulan), spent_=_latest("anggaran_terserap", triwulan))
        .values(*keys)
        .annotate(
            jumlah_kegiatan=Count("id"),
            target=Sum("target"),
            target_sd=_target_to_date(triwulan),
            pagu=Sum("pagu"),
            kas_sd=_target_to_date(triwulan, "kas"),
            realisasi=Sum("out_"),
            terserap=Sum("spent_"),
            diverifikasi=Max(Case(When(rencana__status=Status.DIVERIFIKASI, then=1), default=0)),
        )
        .order_by(*keys)
    )


def judge_row(row, *, money=False):
    """The capaian of a row of sums (`money`: its spending against the anggaran kas to date and the pagu). A plan
    never verified has none (a reopened plan keeps its reported figures)."""
    figures = ("terserap", "kas_sd", "pagu") if money else ("realisasi", "target_sd", "target")
    realisasi, target_sd, target_tahun = (row[name] for name in figures)
    return judge(
        realisasi=realisasi,
        target_sd=target_sd,
        target_tahun=target_tahun,
        triwulan=row["triwulan"],
        assessed=bool(row["diverifikasi"] or realisasi),
    )


def commitments_by_indicator_opd(user, tahun, *, triwulan=None, verified_only=False, today=None, public=False):
    """Commitments and realisation per indicator × OPD × satuan for a year, as the viewer may see them.

    Each row: indikator_id, indikator__kode, indikator__nama, indikator__satuan, opd (rencana__opd_id),
    rencana__opd__singkatan, satuan, jumlah_kegiatan, target, target_sd (due by `triwulan`), pagu, realisasi (latest
    cumulative output up to `triwulan`, default the quarters already over), terserap, triwulan and capaian.
    Targets only add up within one satuan; a kegiatan counts toward its indicator when `satuan == indikator__satuan`.
    `public`: every OPD's lines without a viewer (the open data, opop/opendata)."""
    keys = [
        "indikator_id",
        "indikator__kode",
        "indikator__nama",
        "indikator__satuan",
        "rencana__opd_id",
        "rencana__opd__singkatan",
        "satuan",
    ]
    return _kegiatan_totals(
        user, tahun, keys, triwulan=triwulan, verified_only=verified_only, today=today, public=public
    )


def budget_by_opd(user, tahun, *, triwulan=None, verified_only=False, today=None):
    """Per OPD: number of kegiatan, pagu and spending (absorption) for a year."""
    rows = _kegiatan_totals(
        user,
        tahun,
        ["rencana__opd_id", "rencana__opd__singkatan"],
        triwulan=triwulan,
        verified_only=verified_only,
        today=today,
    )
    for row in rows:
        row["serapan_persen"] = persen(row["terserap"], row["pagu"])
    return rows


# The row states whose figures are summed: a judged plan that reported (an unscheduled line still has its yearly
# capaian). Every other state is shown on its row and left out of sums and averages.
JUDGED = frozenset({Keadaan.DINILAI, Keadaan.BELUM_DIJADWALKAN})


@dataclass(frozen=True)
class RekapJumlah:
    """Amounts that add up across OPDs, indicators and pillars (targets only add up within one satuan). Last year's
    spending and the pagu it is judged against count only the judged rows (`dinilai`, JUDGED), so the serapan of a
    sum is its printed terserap ÷ its printed pagu; rows that did not report are counted in `belum_melapor`."""

    kegiatan: int = 0
    pagu: Decimal = 0
    kegiatan_lalu: int = 0
    pagu_lalu: Decimal = 0  # every line of last year, reported or not
    pagu_dinilai_lalu: Decimal = 0
    terserap_lalu: Decimal = 0
    kas_dinilai_lalu: Decimal = 0  # the judged rows' anggaran kas due by the recap's quarter
    dinilai: int = 0  # rows
    belum_melapor: int = 0  # rows

    @classmethod
    def of(cls, parts):
        """The sum of rows or of other sums (anything with these attributes; None counts as nothing)."""
        parts = list(parts)
        return cls(**{f.name: sum(getattr(part, f.name) or 0 for part in parts) for f in fields(cls)})

    @property
    def serapan_lalu(self):
        return persen(self.terserap_lalu, self.pagu_dinilai_lalu)

    @property
    def serapan_sd_lalu(self):
        """Spending against the anggaran kas due by the recap's quarter (the yearly share: serapan_lalu)."""
        return persen(self.terserap_lalu, self.kas_dinilai_lalu)


@dataclass(frozen=True)
class RekapRow:
    """One OPD and satuan under an indicator: this year's plan beside last year's plan and realisation. Last year's
    realisation, capaian and spending are None unless the row is judged (`keadaan_lalu` in JUDGED)."""

    opd: str
    status: str | None  # this year's plan (None: the OPD has none)
    status_label: str
    satuan: str
    satuan_label: str
    kegiatan: int
    target: int
    pagu: Decimal
    kegiatan_lalu: int
    target_lalu: int  # the yearly target
    target_sd_lalu: int  # the target due by the end of the recap's quarter (RekapFgd.triwulan_lalu)
    keadaan_lalu: str | None  # programs.capaian.Keadaan; None: no line last year
    keadaan_label: str
    realisasi_lalu: int | None
    capaian_lalu: Decimal | None  # realisasi ÷ target s.d. triwulan
    capaian_tahun_lalu: Decimal | None  # realisasi ÷ target tahunan
    band_lalu: str | None  # of capaian_lalu
    pagu_lalu: Decimal
    terserap_lalu: Decimal | None
    serapan_lalu: Decimal | None  # terserap ÷ pagu
    kas_sd_lalu: Decimal = 0  # the anggaran kas due by the end of the recap's quarter
    serapan_sd_lalu: Decimal | None = None  # terserap ÷ kas_sd_lalu (judged rows only)

    @property
    def dinilai(self):
        return self.keadaan_lalu in JUDGED

    @property
    def belum_melapor(self):
        return self.keadaan_lalu == Keadaan.BELUM_MELAPOR

    @property
    def pagu_dinilai_lalu(self):
        return self.pagu_lalu if self.dinilai else 0

    @property
    def kas_dinilai_lalu(self):
        return self.kas_sd_lalu if self.dinilai else 0


@dataclass(frozen=True)
class RekapSatuan:
    """An indicator's targets of one satuan: this year's summed over its OPDs, last year's over the judged rows
    only, so each capaian of the sum is its printed realisasi ÷ the printed target beside it."""

    satuan: str
    satuan_label: str
    target: int
    target_lalu: int
    target_sd_lalu: int
    realisasi_lalu: int
    capaian_lalu: Decimal | None
    capaian_tahun_lalu: Decimal | None
    dinilai: int  # rows summed
    belum_melapor: int  # rows left out because their OPD did not report


@dataclass(frozen=True)
class RekapIndikator:
    indikator_id: int
    nama: str
    rows: tuple  # RekapRow
    target_per_satuan: tuple  # RekapSatuan, in the order the rows first name each satuan
    totals: RekapJumlah


@dataclass(frozen=True)
class RekapPilar:
    pilar: str
    label: str
    indikator: tuple  # RekapIndikator
    totals: RekapJumlah


@dataclass(frozen=True)
class RekapFgd:
    """The FGD recap, read by its page, its print view and its XLSX alike."""

    tahun: int
    tahun_lalu: int
    triwulan_lalu: int  # last year's figures are judged at the end of this quarter (0: none due yet)
    batas_lalu: datetime.date | None  # that quarter's reporting deadline (None: Diskop removed it)
    pilar: tuple  # RekapPilar
    total: RekapJumlah
    status_rencana: tuple  # (label, number of this year's plans) per status, in workflow order
    verified_only: bool
    kendala: "KendalaDigest"  # last year's problems (the year the recap judges)
    pelaporan: "Pelaporan" = None  # last year's reporting rate and timeliness (reporting_rates)
    status_angka_lalu: "StatusAngka" = None  # last year's figures: angka tetap (its version) or sementara

    @property
    def serapan_lalu(self):
        return self.total.serapan_lalu

    @property
    def serapan_sd_lalu(self):
        return self.total.serapan_sd_lalu


@dataclass(frozen=True)
class _Pair:
    """This year's and last year's sums of one (pilar, indicator, OPD, satuan); a missing side is zeros."""

    key: tuple  # (pilar, indikator_id, opd_id, satuan)
    now: dict
    prev: dict

    @property
    def sample(self):
        return self.now if self.now is not _ZERO else self.prev


_ZERO = {"jumlah_kegiatan": 0, "target": 0, "target_sd": 0, "pagu": 0, "kas_sd": 0, "realisasi": 0, "terserap": 0}
REKAP_KEYS = [
    "pilar",
    "indikator_id",
    "indikator__nama",
    "indikator__urutan",
    "rencana__opd_id",
    "rencana__opd__singkatan",
    "satuan",
]


def rekap_fgd(user, tahun, *, verified_only=False, today=None) -> RekapFgd:
    """The FGD recap: this year's plan beside last year's plan and realisation, grouped by pillar and indicator,
    one row per OPD and satuan, with totals of pagu and of targets (per satuan).

    Last year is judged at the end of its last quarter whose reporting deadline has passed (or that Diskop left
    without one): realisation to date beside both the target to date and the yearly target. A plan whose report of
    that quarter was not submitted is "belum melapor" — no percentage, and out of every sum."""
    today = today or timezone.localdate()
    lalu = tahun - 1
    deadlines = deadlines_for_year(lalu)
    triwulan = last_due_quarter(lalu, today, deadlines)
    pairs = _rekap_pairs(user, tahun, triwulan, verified_only=verified_only, today=today)
    statuses = dict(rencana_visible_to(user).filter(tahun=tahun).values_list("opd_id", "status"))  # this year's plans
    reported = _opds_reported(user, lalu, triwulan)
    pillars = tuple(
        _rekap_pilar(pilar, list(group), statuses, reported)
        for pilar, group in groupby(pairs, key=lambda pair: pair.key[0])
    )
    plan_status = Counter(statuses.values())
    labels = dict(Status.choices)
    return RekapFgd(
        tahun=tahun,
        tahun_lalu=lalu,
        triwulan_lalu=triwulan,
        batas_lalu=deadlines.get(triwulan),
        pilar=pillars,
        total=RekapJumlah.of(group.totals for group in pillars),
        status_rencana=tuple((labels[s], plan_status[s]) for s in Status.values if plan_status[s]),
        verified_only=verified_only,
        kendala=kendala_digest(user, lalu),
        pelaporan=reporting_rates(user, lalu, today=today),
        status_angka_lalu=status_angka(lalu),
    )


def last_due_quarter(tahun, today, deadlines):
    """The last quarter of `tahun` that is over and whose report is due on `today`: its deadline has passed, or
    Diskop removed it (`deadlines`: deadlines_for_year). 0 when none is due yet."""
    for triwulan in range(quarters_over(tahun, today), 0, -1):
        batas = deadlines.get(triwulan)
        if batas is None or batas < today:
            return triwulan
    return 0


def _opds_reported(user, tahun, triwulan):
    """The OPDs whose report of `triwulan` of `tahun` is submitted (or verified). One query."""
    if not triwulan:
        return set()
    plans = rencana_visible_to(user).filter(tahun=tahun).values("pk")
    return set(
        LaporanTriwulan.objects.filter(
            rencana__in=plans, triwulan=triwulan, status__in=[Status.DIAJUKAN, Status.DIVERIFIKASI]
        )
        .values_list("rencana__opd_id", flat=True)
        .order_by()
    )


def _rekap_pairs(user, tahun, triwulan, *, verified_only, today):
    """Both years' sums per (pilar, indicator, OPD, satuan), in the recap's order: pillar, indicator, OPD, satuan.
    Last year's realisation is read up to `triwulan`."""
    now = _kegiatan_totals(user, tahun, REKAP_KEYS, verified_only=verified_only, today=today)
    prev = _kegiatan_totals(user, tahun - 1, REKAP_KEYS, triwulan=triwulan, verified_only=verified_only, today=today)
    now, prev = ({_key(r): r for r in rows} for rows in (now, prev))
    pairs = [_Pair(key, now.get(key, _ZERO), prev.get(key, _ZERO)) for key in set(now) | set(prev)]
    pillar_order = {value: index for index, value in enumerate(Pilar.values)}
    return sorted(
        pairs,
        key=lambda pair: (
            pillar_order.get(pair.key[0], 99),
            pair.sample["indikator__urutan"],
            pair.key[1],
            pair.sample["rencana__opd__singkatan"],
            pair.key[3],
        ),
    )


def _rekap_pilar(pilar, pairs, statuses, reported):
    indicators = tuple(
        _rekap_indikator(list(group), statuses, reported)
        for _indikator, group in groupby(pairs, key=lambda pair: pair.key[1])
    )
    return RekapPilar(
        pilar=pilar,
        label=Pilar(pilar).label,
        indikator=indicators,
        totals=RekapJumlah.of(indicator.totals for indicator in indicators),
    )


def _rekap_indikator(pairs, statuses, reported):
    rows = tuple(_rekap_row(pair, statuses.get(pair.key[2]), reported) for pair in pairs)
    return RekapIndikator(
        indikator_id=pairs[0].key[1],
        nama=pairs[0].sample["indikator__nama"],
        rows=rows,
        target_per_satuan=_targets_per_satuan(rows),
        totals=RekapJumlah.of(rows),
    )


def _keadaan_lalu(pair, reported):
    """The state of last year's side of a row (None: no line last year)."""
    judged = pair.prev.get("capaian")
    if judged is None:
        return None
    if judged.keadaan in (Keadaan.DRAF, Keadaan.BELUM_BERJALAN):
        return judged.keadaan
    if pair.key[2] not in reported:
        return Keadaan.BELUM_MELAPOR
    return judged.keadaan


def _rekap_row(pair, status, reported):
    this, last = pair.now, pair.prev
    keadaan = _keadaan_lalu(pair, reported)
    counted = keadaan in JUDGED
    judged = last.get("capaian")
    return RekapRow(
        opd=pair.sample["rencana__opd__singkatan"],
        status=status,
        status_label=dict(Status.choices).get(status) or _("Belum ada rencana"),
        satuan=pair.key[3],
        satuan_label=Satuan(pair.key[3]).label,
        kegiatan=this["jumlah_kegiatan"],
        target=this["target"],
        pagu=this["pagu"],
        kegiatan_lalu=last["jumlah_kegiatan"],
        target_lalu=last["target"],
        target_sd_lalu=last["target_sd"],
        keadaan_lalu=keadaan,
        keadaan_label=Keadaan(keadaan).label if keadaan else "",
        realisasi_lalu=last["realisasi"] if counted else None,
        capaian_lalu=judged.persen if counted else None,
        capaian_tahun_lalu=judged.persen_tahun if counted else None,
        band_lalu=band_of(judged.persen) if counted else None,
        pagu_lalu=last["pagu"],
        terserap_lalu=last["terserap"] if counted else None,
        serapan_lalu=persen(last["terserap"], last["pagu"]) if counted else None,
        kas_sd_lalu=last["kas_sd"] or 0,
        serapan_sd_lalu=persen(last["terserap"], last["kas_sd"]) if counted else None,
    )


def _targets_per_satuan(rows):
    """Per satuan (in the order the rows name them): this year's targets summed; last year's targets, realisation
    and capaian over the judged rows only."""
    by_satuan = {}
    for row in rows:
        by_satuan.setdefault(row.satuan, []).append(row)
    units = []
    for satuan, group in by_satuan.items():
        judged = [row for row in group if row.dinilai]
        target_lalu = sum(row.target_lalu for row in judged)
        target_sd_lalu = sum(row.target_sd_lalu for row in judged)
        realisasi_lalu = sum(row.realisasi_lalu for row in judged)
        units.append(
            RekapSatuan(
                satuan=satuan,
                satuan_label=Satuan(satuan).label,
                target=sum(row.target for row in group),
                target_lalu=target_lalu,
                target_sd_lalu=target_sd_lalu,
                realisasi_lalu=realisasi_lalu,
                capaian_lalu=persen(realisasi_lalu, target_sd_lalu),
                capaian_tahun_lalu=persen(realisasi_lalu, target_lalu),
                dinilai=len(judged),
                belum_melapor=sum(row.belum_melapor for row in group),
            )
        )
    return tuple(units)


def _key(row):
    return (row["pilar"], row["indikator_id"], row["rencana__opd_id"], row["satuan"])


# ---------------------------------------------------------------- reporting compliance


SUBMITTED = (Status.DIAJUKAN, Status.DIVERIFIKASI)


def plan_state(rencana, *, batas_rencana, today):
    """Why an OPD cannot report yet, or None when its plan is verified: "belum mengajukan rencana" once the plan's
    deadline passed without a submitted plan; "menunggu rencana" before it, or while Diskop verifies the plan."""
    if rencana is not None and rencana.status == Status.DIVERIFIKASI:
        return None
    if rencana is None or rencana.status not in SUBMITTED:
        if batas_rencana is not None and today > batas_rencana:
            return Kepatuhan.BELUM_RENCANA
    return Kepatuhan.MENUNGGU_RENCANA


def kepatuhan_state(*, laporan, terisi, batas, today, rencana_state=None):
    """The reporting state of one OPD for one quarter (`rencana_state`: plan_state, the state of a quarter not
    reported because the plan is not verified)."""
    if laporan is not None and laporan.status == Status.DIVERIFIKASI:
        return Kepatuhan.DIVERIFIKASI
    if laporan is not None and laporan.status == Status.DIAJUKAN:
        return Kepatuhan.DIAJUKAN
    if rencana_state is not None:
        return rencana_state
    if batas is not None and today > batas:
        return Kepatuhan.TERLAMBAT
    if laporan is not None or terisi:
        return Kepatuhan.DRAF
    if batas is None:  # Diskop removed the deadline: nothing is late, and "not started" would blame the OPD
        return Kepatuhan.TANPA_TENGGAT
    return Kepatuhan.BELUM_MULAI


def kepatuhan_by_opd(user, tahun, *, today=None):
    """Each active OPD the viewer may see × the four quarters of `tahun`: its reporting state against the deadline.

    An OPD without a verified plan has the plan's state (plan_state) in the quarters it did not report.

    Returns {"rows": [{opd, rencana, plan_state, plan_label, merged, cells: [{triwulan, state, label, laporan,
    terisi, batas, late_submission}]}], "summary": {triwulan: {state: count}}, "deadlines": {triwulan: date},
    "batas_rencana": date, "opd_terlambat": OPDs with a late quarter, "opd_belum_rencana": OPDs "belum mengajukan
    rencana"} in five queries."""
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
    chosen = {b.triwulan: b for b in BatasPelaporan.objects.filter(tahun=tahun)}
    deadlines = deadlines_for_year(tahun, chosen=chosen)
    batas_rencana = plan_deadline_for_year(tahun, chosen=chosen)
    summary = {q: Counter() for q in Triwulan.values}
    rows = []
    for opd in opds:
        plan = plans.get(opd.pk)
        rencana_state = plan_state(plan, batas_rencana=batas_rencana, today=today)
        cells = []
        for triwulan in Triwulan.values:
            laporan = reports.get((plan.pk, triwulan)) if plan else None
            terisi = entered.get((plan.pk, triwulan), 0) if plan else 0
            batas = deadlines.get(triwulan)
            state = kepatuhan_state(
                laporan=laporan, terisi=terisi, batas=batas, today=today, rencana_state=rencana_state
            )
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
        rows.append(
            {
                "opd": opd,
                "rencana": plan,
                "plan_state": rencana_state,
                "plan_label": Kepatuhan(rencana_state).label if rencana_state else "",
                # one cell across the quarters when every quarter only repeats the plan's state
                "merged": rencana_state is not None and all(c["state"] == rencana_state for c in cells),
                "cells": cells,
            }
        )
    return {
        "rows": rows,
        "summary": {q: [(Kepatuhan(s).label, s, c[s]) for s in Kepatuhan.values if c[s]] for q, c in summary.items()},
        "deadlines": deadlines,
        "batas_rencana": batas_rencana,
        "opd_terlambat": sum(any(c["state"] == Kepatuhan.TERLAMBAT for c in r["cells"]) for r in rows),
        "opd_belum_rencana": sum(r["plan_state"] == Kepatuhan.BELUM_RENCANA for r in rows),
    }


def batas_pelaporan_for_year(tahun):
    """Diskop's choices for `tahun` ({triwulan: BatasPelaporan}); quarters without one have the default deadline."""
    return {b.triwulan: b for b in BatasPelaporan.objects.filter(tahun=tahun).select_related("diatur_oleh")}


def deadlines_for_year(tahun, *, chosen=None):
    """The deadline in force for each quarter of `tahun`: Diskop's date, None where Diskop removed it, else the
    default rule. One query (none when `chosen`, the rows of batas_pelaporan_for_year, is given)."""
    if chosen is None:
        chosen = {b.triwulan: b for b in BatasPelaporan.objects.filter(tahun=tahun)}
    return {q: chosen[q].batas if q in chosen else default_deadline(tahun, q) for q in Triwulan.values}


def plan_deadline_for_year(tahun, *, chosen=None):
    """The deadline in force for the plans of `tahun`: Diskop's date, None where Diskop removed it, else the
    default rule (the last working day of January). `chosen` as in deadlines_for_year."""
    if chosen is None:
        chosen = {b.triwulan: b for b in BatasPelaporan.objects.filter(tahun=tahun, triwulan=RENCANA)}
    return chosen[RENCANA].batas if RENCANA in chosen else default_deadline(tahun, RENCANA)


def quarter_end(tahun, triwulan):
    month = triwulan * 3
    next_first = datetime.date(tahun + (month == 12), month % 12 + 1, 1)
    return next_first - datetime.timedelta(days=1)


# ---------------------------------------------------------------- what waits for someone (the home page worklist)


def rencana_waiting_verification(user):
    """Plans submitted to Diskop, oldest first (the verifier's queue)."""
    return rencana_visible_to(user).filter(status=Status.DIAJUKAN).order_by("diajukan_pada", "pk")


def laporan_waiting_verification(user):
    """Quarterly reports submitted to Diskop, oldest first."""
    return (
        LaporanTriwulan.objects.filter(rencana__in=rencana_visible_to(user), status=Status.DIAJUKAN)
        .select_related("rencana__opd")
        .order_by("diajukan_pada", "pk")
    )


def rencana_returned(user):
    """Plans Diskop sent back, with its note (the officer's queue)."""
    return rencana_visible_to(user).filter(status=Status.DIKEMBALIKAN).order_by("tahun", "pk")


def rencana_unverified_counts(user):
    """Plans not yet verified, per status, in one query."""
    open_states = [Status.DRAF, Status.DIAJUKAN, Status.DIKEMBALIKAN]
    rows = rencana_visible_to(user).filter(status__in=open_states).values("status").annotate(n=Count("id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [(Status(s).label, s, counts[s]) for s in open_states if counts.get(s)]


DUE_WITHIN_DAYS = 30


def reports_outstanding(user, *, today):
    """Quarterly reports of verified plans that are not submitted and need attention on `today`:
    "terlambat" (deadline passed), "jatuh_tempo" (deadline within DUE_WITHIN_DAYS) and "belum_mulai" (the
    quarter has ended and nothing is entered yet). Each: {rencana, triwulan, batas, hari (days left, negative
    when late), state}. Four queries, whatever the number of plans."""
    # Active OPDs only, as the compliance board: what the home counts is what the board shows.
    verified = rencana_visible_to(user).filter(status=Status.DIVERIFIKASI, opd__aktif=True)
    plans = list(verified.order_by("tahun", "opd__nama"))
    if not plans:
        return []
    # The plans as a subquery, not a list of a few hundred ids bound as parameters.
    verified = verified.values("pk")
    submitted = set(
        LaporanTriwulan.objects.filter(rencana__in=verified, status__in=[Status.DIAJUKAN, Status.DIVERIFIKASI])
        .values_list("rencana_id", "triwulan")
        .order_by()
    )
    years = {p.tahun for p in plans}
    chosen = {(b.tahun, b.triwulan): b for b in BatasPelaporan.objects.filter(tahun__in=years)}
    deadlines = {
        tahun: deadlines_for_year(tahun, chosen={q: b for (y, q), b in chosen.items() if y == tahun}) for tahun in years
    }
    items, unstarted = [], []  # unstarted: ended quarters, not yet due, whose realisation decides
    for rencana in plans:
        for triwulan in Triwulan.values:
            if (rencana.pk, triwulan) in submitted:
                continue
            batas = deadlines[rencana.tahun][triwulan]
            hari = (batas - today).days if batas else None
            item = {"rencana": rencana, "triwulan": triwulan, "batas": batas, "hari": hari}
            if hari is not None and hari < 0:
                items.append({**item, "state": "terlambat"})
            elif hari is not None and hari <= DUE_WITHIN_DAYS:
                items.append({**item, "state": "jatuh_tempo"})
            elif quarter_end(rencana.tahun, triwulan) < today:
                unstarted.append({**item, "state": "belum_mulai"})
    if unstarted:
        entered = set(
            Realisasi.objects.filter(kegiatan__rencana__in={i["rencana"].pk for i in unstarted})
            .values_list("kegiatan__rencana_id", "triwulan")
            .order_by()  # the default ordering would join its columns into the DISTINCT
            .distinct()
        )
        items += [i for i in unstarted if (i["rencana"].pk, i["triwulan"]) not in entered]
    # What is due soonest first, then what is late (most recent first: the oldest debts are on the compliance
    # board already), then quarters not started.
    order = {"jatuh_tempo": 0, "terlambat": 1, "belum_mulai": 2}
    return sorted(items, key=lambda i: (order[i["state"]], abs(i["hari"] or 0), i["rencana"].opd.nama))


def plans_not_submitted(user, tahun, *, today):
    """Active OPDs the viewer may see without a submitted plan for `tahun`, once its plan deadline is within
    DUE_WITHIN_DAYS or passed: [{opd, rencana (or None), batas, hari (negative when late), state "belum_rencana"
    (passed, as the compliance board says) or "jatuh_tempo"}]. Three queries."""
    batas = plan_deadline_for_year(tahun)
    hari = (batas - today).days if batas else None
    if hari is None or hari > DUE_WITHIN_DAYS:
        return []
    state = Kepatuhan.BELUM_RENCANA if hari < 0 else "jatuh_tempo"
    return [
        {"opd": opd, "rencana": rencana, "tahun": tahun, "batas": batas, "hari": hari, "state": state}
        for opd, rencana in plan_owed(opd_visible_to(user), rencana_visible_to(user), tahun)
    ]


def plan_owed(opds, rencana, tahun):
    """(opd, its plan of `tahun` or None) for the active OPDs among `opds` whose plan is not submitted: the one
    rule of "belum mengajukan rencana" for the worklist, the board and the reminders. Two queries."""
    plans = {p.opd_id: p for p in rencana.filter(tahun=tahun)}
    return [
        (opd, plans.get(opd.pk))
        for opd in opds.filter(aktif=True).order_by("-is_lead", "nama")
        if opd.pk not in plans or plans[opd.pk].status not in SUBMITTED
    ]


# ---------------------------------------------------------------- reporting rate and timeliness


@dataclass(frozen=True)
class Ketepatan:
    """Reports due (the quarter's deadline passed), submitted (now submitted or verified) and submitted on time
    (first submitted on or before the deadline): DHIS2's reporting rate and timeliness."""

    wajib: int = 0
    masuk: int = 0
    tepat_waktu: int = 0

    def __add__(self, other):
        return Ketepatan(self.wajib + other.wajib, self.masuk + other.masuk, self.tepat_waktu + other.tepat_waktu)

    @property
    def persen_masuk(self):
        return persen(self.masuk, self.wajib)

    @property
    def persen_tepat(self):
        return persen(self.tepat_waktu, self.wajib)


@dataclass(frozen=True)
class KetepatanOpd:
    opd: object
    triwulan: tuple  # Ketepatan per quarter, TW I–IV
    tahun: Ketepatan


@dataclass(frozen=True)
class Pelaporan:
    """Reporting rate and timeliness of `tahun` per OPD (those with a verified plan: only they can report) per
    quarter and for the year, and over all of them. The compliance board, the Pimpinan home and the FGD recap
    read this one selector."""

    tahun: int
    rows: tuple  # KetepatanOpd
    triwulan: tuple  # Ketepatan per quarter over every OPD
    total: Ketepatan


def reporting_rates(user, tahun, *, today=None) -> Pelaporan:
    """Pelaporan of `tahun` as on `today`, scoped to the viewer (a Petugas: their own OPD). A report is due once
    its quarter's deadline passed (a quarter whose deadline Diskop removed is never due); it is on time when it was
    first submitted (its history) on or before the deadline, and is still submitted or verified. Four queries."""
    today = today or timezone.localdate()
    deadlines = deadlines_for_year(tahun)
    plans = list(
        rencana_visible_to(user)
        .filter(tahun=tahun, status=Status.DIVERIFIKASI, opd__aktif=True)
        .select_related("opd")
        .order_by("-opd__is_lead", "opd__nama")
    )
    submitted = set(
        LaporanTriwulan.objects.filter(rencana__in=plans, status__in=SUBMITTED)
        .values_list("rencana_id", "triwulan")
        .order_by()
    )
    first = {
        (row["rencana_id"], row["triwulan"]): row["pertama"]
        for row in LaporanTriwulan.history.filter(rencana_id__in=[p.pk for p in plans], status=Status.DIAJUKAN)
        .values("rencana_id", "triwulan")
        .annotate(pertama=Min("diajukan_pada"))
        .order_by()
    }
    rows = []
    for plan in plans:
        cells = []
        for triwulan in Triwulan.values:
            batas = deadlines[triwulan]
            if batas is None or today <= batas:
                cells.append(Ketepatan())
                continue
            masuk = (plan.pk, triwulan) in submitted
            pertama = first.get((plan.pk, triwulan))
            tepat = masuk and pertama is not None and timezone.localtime(pertama).date() <= batas
            cells.append(Ketepatan(1, int(masuk), int(tepat)))
        rows.append(KetepatanOpd(plan.opd, tuple(cells), sum(cells, Ketepatan())))
    per_quarter = tuple(sum((r.triwulan[i] for r in rows), Ketepatan()) for i in range(len(Triwulan.values)))
    return Pelaporan(tahun, tuple(rows), per_quarter, sum(per_quarter, Ketepatan()))


def rencana_contents(rencana):
    """What goes with a plan: its kegiatan (and their pagu), realisations and quarterly reports (three queries)."""
    lines = Kegiatan.objects.filter(rencana=rencana)
    counts = lines.aggregate(n=Count("id"), pagu=Sum("pagu"))
    return {
        "kegiatan": counts["n"],
        "pagu": counts["pagu"] or 0,
        "realisasi": Realisasi.objects.filter(kegiatan__in=lines).count(),
        "laporan": LaporanTriwulan.objects.filter(rencana=rencana).count(),
    }


# ---------------------------------------------------------------- comments and what changed


def komentar_threads(rencana):
    """The plan's threads, oldest first, each root with `.replies` (a list), in two queries."""
    roots = list(Komentar.objects.filter(rencana=rencana, induk__isnull=True).select_related("penulis", "kegiatan"))
    replies = defaultdict(list)
    for reply in Komentar.objects.filter(rencana=rencana, induk__isnull=False).select_related("penulis"):
        replies[reply.induk_id].append(reply)
    for root in roots:
        root.replies = replies[root.pk]
        root.last = (root.replies or [root])[-1]
    return roots


@dataclass(frozen=True)
class BarisLalu:
    """The same kegiatan in the OPD's most recent earlier plan: its target and what was last realised."""

    tahun: int
    target: int
    satuan: str
    triwulan: int | None  # the last quarter with a realisation (None: nothing reported)
    output: int | None  # cumulative output by then


@dataclass(frozen=True)
class TinjauanBaris:
    """What the plan page shows beside a line for its review."""

    threads: list  # the comment threads about this line, oldest first (their anchors: #komentar-<pk>)
    lalu: BarisLalu | None


def line_review(rencana, kegiatan_list, threads):
    """Each line's review context, set as `kegiatan.tinjauan`: its comment threads (already read with the page) and
    the same kegiatan in the OPD's most recent earlier plan, by SIPD code, else by uraian (letter case and spacing
    aside). Three queries."""
    about = defaultdict(list)
    for thread in threads:
        about[thread.kegiatan_id].append(thread)
    earlier = Rencana.objects.filter(opd_id=rencana.opd_id, tahun__lt=rencana.tahun).order_by("-tahun").first()
    by_code, by_uraian = {}, {}
    if earlier is not None:
        realised = Prefetch("realisasi", queryset=Realisasi.objects.order_by("triwulan"), to_attr="realisasi_list")
        for line in earlier.kegiatan.prefetch_related(realised).order_by("nomor", "id"):
            last = line.realisasi_list[-1] if line.realisasi_list else None
            found = BarisLalu(
                tahun=earlier.tahun,
                target=line.target,
                satuan=line.get_satuan_display(),
                triwulan=last.triwulan if last else None,
                output=last.output if last else None,
            )
            if line.kode_sipd:
                by_code.setdefault(line.kode_sipd, found)
            by_uraian.setdefault(uraian_key(line.uraian), found)
    for kegiatan in kegiatan_list:
        lalu = by_code.get(kegiatan.kode_sipd) if kegiatan.kode_sipd else None
        kegiatan.tinjauan = TinjauanBaris(
            threads=about.get(kegiatan.pk, []), lalu=lalu or by_uraian.get(uraian_key(kegiatan.uraian))
        )
    return kegiatan_list


def threads_awaiting_answer(user):
    """For an officer: threads on their OPD's plans whose last word is Diskop's. Two queries."""
    plans = rencana_visible_to(user).exclude(status=Status.DIVERIFIKASI)
    messages = list(
        Komentar.objects.filter(rencana__in=plans)
        .select_related("penulis", "rencana__opd")
        .order_by("dibuat_pada", "id")
    )
    last = {}
    for message in messages:
        last[message.induk_id or message.pk] = message
    roots = {m.pk: m for m in messages if m.induk_id is None}
    return [
        (roots[root_id], message)
        for root_id, message in last.items()
        if root_id in roots and message.penulis.opd_id != message.rencana.opd_id
    ]


# The kegiatan fields a diff shows: the form's fields and the quarterly split; lokasi is compared on its own.
DIFF_FIELDS = [*KEGIATAN_INPUT_FIELDS, *(f"{split}_tw{q}" for split in ("target", "kas") for q in QUARTERS)]


def _raw(obj, field):
    return getattr(obj, "indikator_id" if field == "indikator" else field)


def _shown(kegiatan_model, field, value, indicators):
    if value in (None, ""):
        return "—"
    if field == "indikator":
        return indicators.get(value, value)
    if field in ("target", "pagu") or field.startswith(("target_tw", "kas_tw")):
        return ribuan(value)  # 1.575 → 1.600, as the officer reads numbers
    if field == "triwulan":
        return triwulan_rentang(value)  # "TW I–IV → TW II–III", not "1234 → 23"
    model_field = kegiatan_model._meta.get_field(field)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    return value


def changes_since_return(rencana, kegiatan_list):
    """What the OPD changed after Diskop last returned the plan: lines added and removed, each changed field
    old → new and the kab/kota added to or removed from a line, read from the history (`kegiatan_list` with its
    lokasi prefetched). None when the plan was never returned. Four queries."""
    returned = Rencana.history.filter(id=rencana.pk, status=Status.DIKEMBALIKAN).order_by("-history_date").first()
    if returned is None:
        return None
    at = returned.history_date
    before = {}
    for record in Kegiatan.history.filter(rencana_id=rencana.pk, history_date__lte=at).order_by("history_date"):
        before[record.id] = record  # the last state of each line at the moment of return
    before = {pk: r for pk, r in before.items() if r.history_type != "-"}
    now = {k.pk: k for k in kegiatan_list}
    indicators = dict(Indicator.objects.values_list("pk", "nama"))
    places_then = defaultdict(set)
    # simple_history keeps each history row's kab/kota in its own table (HistoricalRecords(m2m_fields=[lokasi])).
    lokasi_history = Kegiatan.history.model._meta.get_field("historicalkegiatan_lokasi").related_model
    for history_id, kabkota in lokasi_history.objects.filter(
        history_id__in=[record.history_id for record in before.values()]
    ).values_list("history_id", "kabupatenkota__nama"):
        places_then[history_id].add(kabkota)
    changed = []
    for pk in sorted(set(before) & set(now), key=lambda pk: now[pk].nomor or 0):
        old, new = before[pk], now[pk]
        fields = [
            (
                Kegiatan._meta.get_field(f).verbose_name,
                _shown(Kegiatan, f, _raw(old, f), indicators),
                _shown(Kegiatan, f, _raw(new, f), indicators),
            )
            for f in DIFF_FIELDS
            if _raw(old, f) != _raw(new, f)
        ]
        then, places = places_then[old.history_id], {kabkota.nama for kabkota in new.lokasi.all()}
        added, removed = sorted(places - then), sorted(then - places)
        if fields or added or removed:
            changed.append({"kegiatan": new, "fields": fields, "lokasi_added": added, "lokasi_removed": removed})
    return {
        "returned_at": at,
        "added": [now[pk] for pk in sorted(set(now) - set(before), key=lambda pk: now[pk].nomor or 0)],
        "removed": [before[pk] for pk in sorted(set(before) - set(now), key=lambda pk: before[pk].nomor or 0)],
        "changed": changed,
    }


def rencana_history(rencana, *, limit=50):
    """The plan's own history and its kegiatan's (added, changed field by field, deleted), newest first; each
    kegiatan entry labelled with its number. Bounded queries (the kegiatan history of one plan is read once)."""
    entries = readable_history(rencana, limit=limit)
    records = list(
        Kegiatan.history.filter(rencana_id=rencana.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    indicators = SimpleLazyObject(lambda: dict(Indicator.objects.values_list("pk", "nama")))  # read if shown
    previous = {}
    line_entries = []
    for record in records:
        older = previous.get(record.id)
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, included_fields=DIFF_FIELDS)
            changes = [
                {
                    "field": Kegiatan._meta.get_field(c.field).verbose_name,
                    "old": _shown(Kegiatan, c.field, c.old, indicators),
                    "new": _shown(Kegiatan, c.field, c.new, indicators),
                }
                for c in delta.changes
            ]
        previous[record.id] = record
        if older is not None and record.history_type == "~" and not changes:
            if record.history_change_reason == older.history_change_reason:
                continue  # the second row a save writes when it sets the kab/kota list: nothing new to read
        label = f"No. {record.nomor}" if record.nomor else ""
        line_entries.append({"record": record, "changes": changes, "label": label})
    merged = entries + line_entries
    merged.sort(key=lambda e: (e["record"].history_date, e["record"].history_id), reverse=True)
    return merged[:limit]


# ---------------------------------------------------------------- peta sinergi (kab/kota × pillar)


def _year_lines(user, tahun, verified_only):
    lines = kegiatan_visible_to(user).filter(rencana__tahun=tahun)
    return lines.filter(rencana__status=Status.DIVERIFIKASI) if verified_only else lines


def kegiatan_sums(user, tahun, *, per_lokasi, verified_only=False):
    """The year's lines the viewer may see, summed per pillar × OPD × satuan (and kab/kota when `per_lokasi`):
    rows of pilar, satuan, rencana__opd_id, rencana__opd__singkatan, [lokasi,] jumlah, pagu, target. One query.

    Per kab/kota, a line with several kab/kota is in each of their groups whole (its pagu is not split: the plan
    does not say how it is shared); a line without kab/kota (province-wide) has `lokasi` None."""
    keys = ["pilar", "satuan", "rencana__opd_id", "rencana__opd__singkatan", *(["lokasi"] if per_lokasi else [])]
    return list(
        _year_lines(user, tahun, verified_only)
        .order_by()
        .values(*keys)
        .annotate(jumlah=Count("id"), pagu=Sum("pagu"), target=Sum("target"))
    )


def kegiatan_in_lokasi(user, tahun, *, kabkota, pilar=None, verified_only=False):
    """The lines of one cell of the synergy map: in kab/kota `kabkota` (a code; None: the lines without kab/kota),
    of `pilar` (None: every pillar). Three queries (lines, their kab/kota)."""
    lines = _year_lines(user, tahun, verified_only)
    lines = lines.filter(lokasi__isnull=True) if kabkota is None else lines.filter(lokasi=kabkota)
    if pilar:
        lines = lines.filter(pilar=pilar)
    return lines.prefetch_related("lokasi").order_by("pilar", "rencana__opd__nama", "nomor", "id")


# ---------------------------------------------------------------- kendala: the problems reported each quarter


def kategori_kendala_choices(*, aktif_only=True):
    """The categories an officer may pick for a problem (the active ones, in their order; every one for the
    digest's filter). One query."""
    qs = KategoriKendala.objects.order_by("urutan", "nama")
    return list(qs.filter(aktif=True) if aktif_only else qs)


def kendala_visible_to(user):
    """The realisations that report a problem (a permasalahan or an inhibiting factor), scoped as the plans are:
    a Petugas OPD sees their own OPD's only."""
    return realisasi_visible_to(user).exclude(permasalahan="", faktor_penghambat="")


def kendala_years(user):
    return list(
        kendala_visible_to(user)
        .order_by("-kegiatan__rencana__tahun")
        .values_list("kegiatan__rencana__tahun", flat=True)
        .distinct()
    )


TANPA_KATEGORI = "tanpa"  # the filter value of problems reported without a category


@dataclass(frozen=True)
class KendalaItem:
    """One reported problem: a realisation's permasalahan (and inhibiting factor) with where it comes from."""

    pk: int  # the realisation's
    opd: str
    opd_id: int
    rencana_url: str
    nomor: int | None
    uraian: str
    pilar: str
    triwulan: int
    kategori_id: int | None
    kategori: str  # "" without a category
    kategori_urutan: int
    permasalahan: str
    faktor_penghambat: str
    masuk_agenda: bool
    ditandai_oleh: str
    ditandai_pada: datetime.datetime | None
    versi: str  # of the agenda mark ("" before the first mark)


@dataclass(frozen=True)
class KendalaGroup:
    label: str
    items: tuple  # KendalaItem

    @property
    def jumlah(self):
        return len(self.items)

    @property
    def agenda(self):
        return sum(item.masuk_agenda for item in self.items)


@dataclass(frozen=True)
class KendalaDigest:
    """A year's problems as the viewer may see them, with the filters applied, grouped by category and by OPD."""

    tahun: int
    items: tuple  # KendalaItem, by OPD, kegiatan No. and quarter
    per_kategori: tuple  # KendalaGroup, in the categories' order, "tanpa kategori" last
    per_opd: tuple  # KendalaGroup, by OPD name

    @property
    def agenda(self):
        return tuple(item for item in self.items if item.masuk_agenda)


def kendala_digest(user, tahun, *, kategori=None, opd=None, triwulan=None) -> KendalaDigest:
    """Every problem reported for `tahun`, filtered by category (an id, or TANPA_KATEGORI), OPD and quarter.
    One query, whatever the number of problems."""
    qs = (
        kendala_visible_to(user)
        .filter(kegiatan__rencana__tahun=tahun)
        .select_related("kegiatan__rencana__opd", "kategori_kendala", "agenda__ditandai_oleh")
        .order_by("kegiatan__rencana__opd__nama", "kegiatan__nomor", "kegiatan_id", "triwulan")
    )
    if kategori == TANPA_KATEGORI:
        qs = qs.filter(kategori_kendala__isnull=True)
    elif kategori:
        qs = qs.filter(kategori_kendala_id=kategori)
    if opd:
        qs = qs.filter(kegiatan__rencana__opd=opd)
    if triwulan:
        qs = qs.filter(triwulan=triwulan)
    items = tuple(_kendala_item(realisasi) for realisasi in qs)
    by_kategori, by_opd = defaultdict(list), defaultdict(list)
    for item in items:
        by_kategori[(item.kategori_id is None, item.kategori_urutan, item.kategori)].append(item)
        by_opd[item.opd].append(item)
    return KendalaDigest(
        tahun=tahun,
        items=items,
        per_kategori=tuple(
            KendalaGroup(label=key[2] or _("Tanpa kategori"), items=tuple(group))
            for key, group in sorted(by_kategori.items(), key=lambda pair: pair[0])
        ),
        per_opd=tuple(KendalaGroup(label=name, items=tuple(group)) for name, group in sorted(by_opd.items())),
    )


def _kendala_item(realisasi):
    kegiatan, kategori = realisasi.kegiatan, realisasi.kategori_kendala
    mark = getattr(realisasi, "agenda", None)
    return KendalaItem(
        pk=realisasi.pk,
        opd=kegiatan.rencana.opd.singkatan or kegiatan.rencana.opd.nama,
        opd_id=kegiatan.rencana.opd_id,
        rencana_url=f"{kegiatan.rencana.get_absolute_url()}#tw-{realisasi.triwulan}",
        nomor=kegiatan.nomor,
        uraian=kegiatan.uraian,
        pilar=Pilar(kegiatan.pilar).label,
        triwulan=realisasi.triwulan,
        kategori_id=kategori.pk if kategori else None,
        kategori=gettext(kategori.nama) if kategori else "",  # seeded names have their English
        kategori_urutan=kategori.urutan if kategori else 0,
        permasalahan=realisasi.permasalahan,
        faktor_penghambat=realisasi.faktor_penghambat,
        masuk_agenda=bool(mark and mark.masuk_agenda),
        ditandai_oleh=str(mark.ditandai_oleh) if mark else "",
        ditandai_pada=mark.ditandai_pada if mark else None,
        versi=version_of(mark) if mark else "",
    )


# ---------------------------------------------------------------- FGD decisions (the home page's worklist)
# The rest of the FGD pages' reads are in programs/fgd_selectors.py; these are the ones the dashboard reads.

OPD_ORDER = ("nama",)


def tindak_lanjut_visible_to(user):
    """Decisions one may open (update, evidence): a Petugas OPD those their OPD owns, Diskop and Pimpinan all."""
    qs = TindakLanjut.objects.select_related("fgd")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.PETUGAS_OPD:
        return qs.filter(opd=user.opd_id)
    return qs


def with_owners(qs):
    return qs.prefetch_related(Prefetch("opd", queryset=PerangkatDaerah.objects.order_by(*OPD_ORDER)))


def tindak_lanjut_open_for_officer(user):
    """What an officer's OPD committed to and has not finished, soonest due first (one query plus owners)."""
    if user.role != Role.PETUGAS_OPD or not user.opd_id:
        return []
    return list(
        with_owners(
            TindakLanjut.objects.filter(opd=user.opd_id, status__in=OPEN_TINDAK_LANJUT).select_related("fgd")
        ).order_by("tenggat", "id")
    )


def tindak_lanjut_overdue(user, *, today):
    """Open decisions past their due date, the oldest debt first, with their owners (two queries)."""
    return list(
        with_owners(tindak_lanjut_visible_to(user).filter(status__in=OPEN_TINDAK_LANJUT, tenggat__lt=today)).order_by(
            "tenggat", "id"
        )
    )
