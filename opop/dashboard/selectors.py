"""Reads behind the dashboards, each an aggregate computed in SQL and each narrowed to the viewer.

Registry and catalogue numbers come from what the viewer may open (`*_visible_to`); the public page (no viewer)
gets counts only, never rows. Santripreneur are read from `SantripreneurTally`, never counted row by row, so every
query here costs the same at 1 000 or 1 000 000 santripreneur. Plan numbers come from programs.selectors, which
narrow a Petugas OPD to their own OPD."""

from collections import defaultdict

from django.db.models import Count, IntegerField, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from opop.accounts.selectors import opd_visible_to
from opop.dashboard.models import Indicator, RecordedFigure, Target
from opop.dashboard.progress import BASELINE_YEAR
from opop.wilayah.models import KabupatenKota
from pesantren.models import ParticipationTally, Pesantren, SantripreneurTally, Sociopreneur, StatusAktif
from pesantren.selectors import pesantren_visible_to, sociopreneur_visible_to
from products.models import CurationStatus
from products.selectors import products_visible_to, public_products, unggulan_per_kabkota

INDICATOR_KODES = ("santripreneur", "produk-unggulan", "sociopreneur", "pesantren-opop")


def _public(user):
    return not getattr(user, "is_authenticated", False)


def indicators_with_targets(user):
    """The dictionary with each indicator's current targets, its restated (historic) ones and recorded figures."""
    return Indicator.objects.prefetch_related(
        Prefetch("targets", queryset=Target.objects.filter(berlaku=True).order_by("tahun"), to_attr="current"),
        Prefetch(
            "targets",
            queryset=Target.objects.filter(berlaku=False).select_related("dicatat_oleh"),
            to_attr="superseded",
        ),
        Prefetch(
            "recorded_figures", queryset=RecordedFigure.objects.order_by("tahun", "jenis_sumber"), to_attr="recorded"
        ),
    )


def dictionary(user):
    """Indicators (in display order) with {year: value} of their current targets and their recorded figures:
    two queries for the whole dictionary."""
    indicators = list(
        Indicator.objects.prefetch_related(
            Prefetch("targets", queryset=Target.objects.filter(berlaku=True).order_by("tahun"), to_attr="current"),
            Prefetch(
                "recorded_figures",
                queryset=RecordedFigure.objects.order_by("tahun", "jenis_sumber"),
                to_attr="recorded",
            ),
        )
    )
    for indicator in indicators:
        indicator.target_map = {t.tahun: t.nilai for t in indicator.current}
        indicator.target_rows = {t.tahun: t for t in indicator.current}
    return indicators


# ---------------------------------------------------------------- registry series (per year)


def _pesantren(user):
    # The public page shows counts of the registry, never rows: the unscoped manager is used for aggregates only.
    return Pesantren.objects.all() if _public(user) else pesantren_visible_to(user)


def _sociopreneur(user):
    return Sociopreneur.objects.all() if _public(user) else sociopreneur_visible_to(user)


def _unggulan(user):
    return public_products() if _public(user) else products_visible_to(user)


def registry_series(user):
    """{indicator kode: {year: added that year}} for the four indicators, in four small GROUP BY queries."""
    santri = {
        row["tahun"]: row["n"]
        for row in SantripreneurTally.objects.filter(aktif=True).order_by().values("tahun").annotate(n=Sum("jumlah"))
    }
    pesantren = {
        row["tahun_kohort"]: row["n"]
        for row in _pesantren(user)
        .filter(tahun_kohort__isnull=False)
        .order_by()
        .values("tahun_kohort")
        .annotate(n=Count("id"))
    }
    socio = {
        row["tahun_mulai"]: row["n"]
        for row in _sociopreneur(user)
        .filter(status=StatusAktif.AKTIF)
        .order_by()
        .values("tahun_mulai")
        .annotate(n=Count("id"))
    }
    produk = {
        row["tahun_unggulan"]: row["n"]
        for row in _unggulan(user)
        .filter(status_kurasi=CurationStatus.UNGGULAN, tahun_unggulan__isnull=False)
        .order_by()
        .values("tahun_unggulan")
        .annotate(n=Count("id"))
    }
    return {"santripreneur": santri, "pesantren-opop": pesantren, "sociopreneur": socio, "produk-unggulan": produk}


def participation_by_opd(user, tahun):
    """Participations (person × activity × OPD × year) per OPD for one year, from the tally: a santri trained by
    three OPDs is three participations here and one santripreneur on the cards. A Petugas OPD sees their OPD's."""
    if _public(user):
        return []
    return list(
        ParticipationTally.objects.filter(tahun=tahun, jumlah__gt=0, opd__in=opd_visible_to(user))
        .values("opd_id", "opd__singkatan", "opd__nama", "jumlah")
        .order_by("-jumlah", "opd__singkatan")
    )


def participation_total(user, tahun):
    if _public(user):
        return None
    return ParticipationTally.objects.filter(tahun__lte=tahun, opd__in=opd_visible_to(user)).aggregate(
        n=Coalesce(Sum("jumlah"), Value(0), output_field=IntegerField())
    )["n"]


# ---------------------------------------------------------------- per kab/kota


def regions():
    """[(kode, nama)] of the 38 kab/kota."""
    return list(KabupatenKota.objects.order_by("kode").values_list("kode", "nama"))


def kabkota_counts(user, tahun):
    """{kab/kota kode: {"pesantren": n, <indicator>: (value at the end of BASELINE_YEAR, value at the end of tahun)}}
    in five GROUP BY queries (santripreneur from the tallies)."""
    counts = defaultdict(dict)
    base, now = Q(tahun_kohort__lte=BASELINE_YEAR), Q(tahun_kohort__lte=tahun)
    for row in (
        _pesantren(user)
        .order_by()
        .values("kabkota_id")
        .annotate(total=Count("id"), base=Count("id", filter=base), now=Count("id", filter=now))
    ):
        counts[row["kabkota_id"]]["pesantren"] = row["total"]
        counts[row["kabkota_id"]]["pesantren-opop"] = (row["base"], row["now"])
    zero = Value(0)
    for row in (
        SantripreneurTally.objects.filter(aktif=True)
        .order_by()
        .values("kabkota_id")
        .annotate(
            base=Coalesce(Sum("jumlah", filter=Q(tahun__lte=BASELINE_YEAR)), zero),
            now=Coalesce(Sum("jumlah", filter=Q(tahun__lte=tahun)), zero),
        )
    ):
        counts[row["kabkota_id"]]["santripreneur"] = (row["base"], row["now"])
    for row in (
        _sociopreneur(user)
        .filter(status=StatusAktif.AKTIF)
        .order_by()
        .values("kabkota_id")
        .annotate(
            base=Count("id", filter=Q(tahun_mulai__lte=BASELINE_YEAR)),
            now=Count("id", filter=Q(tahun_mulai__lte=tahun)),
        )
    ):
        counts[row["kabkota_id"]]["sociopreneur"] = (row["base"], row["now"])
    products = _unggulan(user)
    at_baseline = unggulan_per_kabkota(products.filter(tahun_unggulan__lte=BASELINE_YEAR))
    base_rows = {r["kode"]: r["jumlah"] for r in at_baseline}
    for row in unggulan_per_kabkota(products.filter(tahun_unggulan__lte=tahun)):
        counts[row["kode"]]["produk-unggulan"] = (base_rows.get(row["kode"], 0), row["jumlah"])
    return dict(counts)
