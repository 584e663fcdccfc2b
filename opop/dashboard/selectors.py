"""Reads behind the dashboards, each an aggregate computed in SQL and each narrowed to the viewer.

Registry and catalogue numbers come from what the viewer may open (`*_visible_to`); the public page (no viewer)
gets counts only, never rows. Santripreneur are read from `SantripreneurTally`, never counted row by row, so every
query here costs the same at 1 000 or 1 000 000 santripreneur. Plan numbers come from programs.selectors, which
narrow a Petugas OPD to their own OPD."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from opop.accounts.selectors import opd_visible_to
from opop.dashboard.progress import BASELINE_YEAR
from opop.indicators.models import Indicator, RecordedFigure, Target
from opop.wilayah.models import KabupatenKota
from pesantren import selectors as registry
from products.selectors import products_visible_to, public_products, unggulan_designated_per_year, unggulan_per_kabkota

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
    return registry.pesantren_counted_for(user, public=_public(user))


def _sociopreneur(user):
    return registry.sociopreneur_counted_for(user, public=_public(user))


def _unggulan(user):
    return public_products() if _public(user) else products_visible_to(user)


def registry_series(user):
    """{indicator kode: {year: added that year}} for the four indicators, in four small GROUP BY queries."""
    santri = registry.santripreneur_added_per_year()
    pesantren = {
        row["tahun_kohort"]: row["n"]
        for row in _pesantren(user)
        .filter(tahun_kohort__isnull=False)
        .order_by()
        .values("tahun_kohort")
        .annotate(n=Count("id"))
    }
    socio = registry.sociopreneur_active_per_year(_sociopreneur(user))
    produk = unggulan_designated_per_year(_unggulan(user))
    return {"santripreneur": santri, "pesantren-opop": pesantren, "sociopreneur": socio, "produk-unggulan": produk}


def participation_by_opd(user, tahun):
    """Participations (person × activity × OPD × year) per OPD for one year, from the tally: a santri trained by
    three OPDs is three participations here and one santripreneur on the cards. A Petugas OPD sees their OPD's."""
    if _public(user):
        return []
    return registry.participation_per_opd(opd_visible_to(user), tahun)


def participation_reach(user, tahun, kabkota=None):
    """Per pesantren: how many OPDs (those the viewer sees) reached it in `tahun` and with how many participations,
    most OPDs first (a queryset of dicts with `pesantren_id`, to page)."""
    return registry.participation_reach(user, opd_visible_to(user), tahun, kabkota=kabkota)


def participation_per_opd_of(user, tahun, pesantren_ids):
    """{pesantren id: [(OPD, participations)]} for one page of the list above."""
    return registry.participation_per_opd_of(user, opd_visible_to(user), tahun, pesantren_ids)


def participation_total(user, tahun):
    if _public(user):
        return None
    return registry.participation_up_to(opd_visible_to(user), tahun)


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
    for kabkota_id, pair in registry.santripreneur_per_kabkota(BASELINE_YEAR, tahun).items():
        counts[kabkota_id]["santripreneur"] = pair
    for kabkota_id, pair in registry.sociopreneur_active_per_kabkota(_sociopreneur(user), BASELINE_YEAR, tahun).items():
        counts[kabkota_id]["sociopreneur"] = pair
    products = _unggulan(user)
    at_baseline = unggulan_per_kabkota(products.filter(tahun_unggulan__lte=BASELINE_YEAR))
    base_rows = {r["kode"]: r["jumlah"] for r in at_baseline}
    for row in unggulan_per_kabkota(products.filter(tahun_unggulan__lte=tahun)):
        counts[row["kode"]]["produk-unggulan"] = (base_rows.get(row["kode"], 0), row["jumlah"])
    return dict(counts)


def pesantren_opop_per_kabkota(user, tahun):
    """{kab/kota kode: pesantren peserta OPOP by the end of `tahun` (cohort year ≤ tahun)}, one GROUP BY."""
    rows = _pesantren(user).filter(tahun_kohort__lte=tahun).order_by().values("kabkota_id").annotate(n=Count("id"))
    return {row["kabkota_id"]: row["n"] for row in rows}
