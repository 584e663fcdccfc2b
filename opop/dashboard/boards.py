"""Each dashboard page's numbers, assembled from the selectors (SQL aggregates, scoped to the viewer) and the
arithmetic of progress.py. Views render these; exports write the same rows, so a page and its XLSX agree."""

from collections import Counter
from decimal import Decimal

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from opop.common.achievement import persen
from opop.common.years import FIRST_YEAR
from opop.dashboard import angka, links, progress, selectors
from opop.dashboard.map import choropleth
from opop.dashboard.sinergi import PROVINSI, peta_sinergi
from opop.dashboard.worklist import targets_missing_items, worklist
from programs import selectors as plans


def _is_petugas(user):
    return getattr(user, "is_authenticated", False) and user.is_petugas_opd


def progress_cards(user, tahun, *, public=False):
    """One entry per indicator of the dictionary: realised vs target, %, band, pace, recorded figures, links.
    Eight queries whatever the size of the registry. A closed year (angka tetap) reads its registry figures up to
    that year from the version kept (the public page, counting only public rows, reads them live)."""
    indicators = selectors.dictionary(user)
    status = plans.status_angka(tahun)
    series = selectors.registry_series(user)
    if status.tetap and not public:
        series = angka.series_as_kept(series, status.angka, tahun)
    today = timezone.localdate()
    cards = []
    for indicator in indicators:
        result = progress.indicator_progress(
            indicator,
            targets=indicator.target_map,
            per_year=series.get(indicator.kode, {}),
            recorded=indicator.recorded,
            tahun=tahun,
        )
        result.in_registry = indicator.kode in selectors.INDICATOR_KODES
        result.url = links.records_url(indicator.kode, public=public) if result.in_registry else None
        result.url_exact = tahun >= today.year
        result.target_row = indicator.target_rows.get(result.deadline_year)
        cards.append(result)
    return {"indicators": indicators, "series": series, "cards": cards, "status_angka": status}


def home(user, tahun):
    data = progress_cards(user, tahun)
    commitments = commitment_summary(user, tahun, data["indicators"])
    return {
        **data,
        "worklist": targets_missing_items(user, data["cards"]) + worklist(user),
        "commitments": commitments,
        "rencana_years": [] if commitments else plans.rencana_years(user),
        "participations": selectors.participation_total(user, tahun),
        "petugas": _is_petugas(user),
        "pelaporan": _reporting_rates(user, tahun) if user.is_pimpinan else None,
    }


def _reporting_rates(user, tahun):
    """The home's year or, while none of its reports is due (January to mid-April, or no verified plan), the most
    recent earlier plan year; the section names the year it shows."""
    rates = plans.reporting_rates(user, tahun)
    earlier = [y for y in plans.rencana_years(user) if y < tahun] if not rates.total.wajib else []
    return plans.reporting_rates(user, earlier[0]) if earlier else rates


def commitment_summary(user, tahun, indicators):
    """Per indicator: what the plans the viewer may see commit for `tahun` (in the indicator's unit) and realise,
    with the capaian to date of the plans that have one (programs.capaian: a draft plan has none)."""
    totals = {}
    for row in plans.commitments_by_indicator_opd(user, tahun):
        if row["satuan"] != row["indikator__satuan"]:
            continue
        entry = totals.setdefault(
            row["indikator__kode"],
            {"target": 0, "realisasi": 0, "opd": set(), "dinilai": Counter(), "triwulan": row["triwulan"]},
        )
        entry["target"] += row["target"] or 0
        entry["realisasi"] += row["realisasi"] or 0
        entry["opd"].add(row["rencana__opd_id"])
        if row["capaian"].keadaan != plans.Keadaan.DRAF:
            entry["dinilai"].update(
                {"target": row["target"] or 0, "target_sd": row["target_sd"] or 0, "realisasi": row["realisasi"] or 0}
            )
            entry["dinilai"]["rencana"] += 1
    rows = []
    for indicator in indicators:
        entry = totals.get(indicator.kode)
        if entry:
            judged = entry["dinilai"]
            rows.append(
                {
                    "indicator": indicator,
                    "target": entry["target"],
                    "realisasi": entry["realisasi"],
                    "opd": len(entry["opd"]),
                    "capaian": plans.judge_row(
                        {
                            "realisasi": judged["realisasi"],
                            "target_sd": judged["target_sd"],
                            "target": judged["target"],
                            "triwulan": entry["triwulan"],
                            "diverifikasi": judged["rencana"],
                        }
                    ),
                }
            )
    return rows


def tonggak(user, tahun):
    data = progress_cards(user, tahun)
    last = max([FIRST_YEAR + 5, tahun] + [c.deadline_year or 0 for c in data["cards"]])
    years = list(range(FIRST_YEAR, last + 1))
    sections = []
    for card in data["cards"]:
        indicator = card.indicator
        per_year = data["series"].get(indicator.kode, {})
        rows = progress.tonggak_rows(
            targets=indicator.target_map, per_year=per_year, recorded=indicator.recorded, years=years
        )
        top = max(
            [r["target"] or 0 for r in rows]
            + [r["realisasi"] for r in rows]
            + [f.nilai for r in rows for f in r["tercatat"]]
            + [1]
        )
        for row in rows:
            row["year_url"] = links.year_url(indicator.kode, row["tahun"]) if card.in_registry else None
            row["bars"] = [
                ("target", row["target"]),
                ("registri", row["realisasi"]),
                *[(f"tercatat-{f.jenis_sumber}", f.nilai) for f in row["tercatat"]],
            ]
            row["bars"] = [
                {"kind": kind, "value": value, "width": round(100 * value / top, 2) if value else 0}
                for kind, value in row["bars"]
                if value is not None
            ]
            row["selected"] = row["tahun"] == tahun
        sections.append({"card": card, "rows": rows, "years": years})
    return {**data, "sections": sections, "years": years}


def kabkota(user, tahun, kode, *, public=False):
    data = progress_cards(user, tahun, public=public)
    cards = {c.indicator.kode: c for c in data["cards"] if c.in_registry}
    card = cards.get(kode) or next(iter(cards.values()))
    names = selectors.regions()
    rows = progress.kabkota_rows(
        regions=names,
        counts=_kabkota_counts(user, tahun, data["status_angka"], public=public),
        indicator_kode=card.indicator.kode,
        target=card.target,
        deadline_year=card.deadline_year,
        tahun=tahun,
    )
    for row in rows:
        row["urls"] = {k: links.records_url(k, kabkota=row["kode"], public=public) for k in selectors.INDICATOR_KODES}
        row["pesantren_url"] = None if public else links.pesantren_url(row["kode"])
    by_code = {r["kode"]: r for r in rows}
    region_map = choropleth({r["kode"]: r["nilai"] for r in rows}, dict(names))
    for region in region_map["regions"]:
        row = by_code[region["kode"]]
        region["url"] = row["urls"][card.indicator.kode]
        region["row"] = row
    totals = {k: sum(r[k] for r in rows) for k in ("pesantren", *selectors.INDICATOR_KODES, "gap")}
    return {
        **data,
        "card": card,
        "choices": list(cards.values()),
        "rows": rows,
        "rows_by_name": sorted(rows, key=lambda r: r["kode"]),
        "map": region_map,
        "totals": totals,
        "public": public,
    }


def _kabkota_counts(user, tahun, status, *, public):
    kept = angka.kabkota_as_kept(status.angka) if status.tetap and not public else None
    return kept if kept is not None else selectors.kabkota_counts(user, tahun)


def opd(user, tahun, *, verified_only=False):
    """The OPD page: traceability matrix, commitments vs realisation with in-year pace, budget, compliance,
    participations. Every plan number comes through programs.selectors (a Petugas OPD: own OPD only)."""
    today = timezone.localdate()
    data = progress_cards(user, tahun)
    rows = plans.commitments_by_indicator_opd(user, tahun, verified_only=verified_only)
    matrix = progress.traceability(
        indicators=[c.indicator for c in data["cards"]],
        rows=rows,
        targets_by_indicator={i.kode: i.target_map for i in data["indicators"]},
        per_year_by_indicator=data["series"],
        tahun=tahun,
    )
    for row in rows:
        row["serapan"] = persen(row["terserap"], row["pagu"])
        row["dihitung"] = row["satuan"] == row["indikator__satuan"]
    plan_urls = {opd_id: links.plans_url(tahun, opd_id) for opd_id, _name in matrix["opds"]}
    for row in rows:
        row["url"] = plan_urls.get(row["rencana__opd_id"])
    budget = plans.budget_by_opd(user, tahun, verified_only=verified_only)
    for row in budget:
        row["url"] = links.plans_url(tahun, row["rencana__opd_id"])
    totals = {
        "pagu": sum(r["pagu"] or 0 for r in budget),
        "kas_sd": sum(r["kas_sd"] or 0 for r in budget),
        "terserap": sum(r["terserap"] or 0 for r in budget),
        "kegiatan": sum(r["jumlah_kegiatan"] for r in budget),
    }
    totals["serapan"] = persen(totals["terserap"], totals["pagu"])
    # Spending judged against the anggaran kas due to date, like each row (programs.selectors.judge_row).
    totals["keuangan"] = plans.judge_row(
        {
            "terserap": totals["terserap"],
            "kas_sd": totals["kas_sd"],
            "pagu": totals["pagu"],
            "triwulan": budget[0]["triwulan"] if budget else 0,
            "diverifikasi": any(r["diverifikasi"] for r in budget),
        },
        money=True,
    )
    return {
        **data,
        "matrix": matrix,
        "plan_urls": plan_urls,
        "commitments": rows,
        "budget": budget,
        "budget_totals": totals,
        "compliance": plans.kepatuhan_by_opd(user, tahun, today=today),
        "participations": selectors.participation_by_opd(user, tahun),
        "verified_only": verified_only,
        "petugas": _is_petugas(user),
        "quarters_over": plans.quarters_over(tahun, today),
    }


def rencana_years(user):
    return plans.rencana_years(user)


def public(tahun, kode):
    """The public page: the same cards and map from counts only (no lists to link to, no plan data)."""
    return kabkota(None, tahun, kode, public=True)


# ---------------------------------------------------------------- peta sinergi


def sinergi(user, tahun, *, verified_only=False):
    """The synergy map of the year (opop/dashboard/sinergi.py), its gaps on the SVG map. Six queries."""
    names = selectors.regions()
    peta = peta_sinergi(
        tahun=tahun,
        pilars=plans.Pilar.choices,
        satuan=plans.Satuan.choices,
        regions=names,
        per_lokasi=plans.kegiatan_sums(user, tahun, per_lokasi=True, verified_only=verified_only),
        totals=plans.kegiatan_sums(user, tahun, per_lokasi=False, verified_only=verified_only),
        pesantren_opop=selectors.pesantren_opop_per_kabkota(user, tahun),
        cell_url=lambda kode, pilar: links.sinergi_kegiatan_url(tahun, kode, pilar, verified_only=verified_only),
    )
    rows = {row.kode: row for row in peta.rows}
    gap_map = choropleth({gap.row.kode: gap.row.pesantren_opop for gap in peta.gaps}, dict(names))
    for region in gap_map["regions"]:
        region["url"] = "#" + rows[region["kode"]].anchor
    return {
        "peta": peta,
        "map": gap_map,
        "pesantren_urls": {kode: links.sinergi_pesantren_url(tahun, kode) for kode, _nama in names},
        "pesantren_url": links.sinergi_pesantren_url(tahun),
        "verified_only": verified_only,
        "petugas": _is_petugas(user),
    }


def sinergi_kegiatan(user, tahun, kabkota, pilar, *, verified_only=False):
    """The lines of one cell (kabkota PROVINSI: the province-wide lines; pilar None: every pillar) and their sums,
    the same as the cell's. None when the kab/kota or the pillar is unknown."""
    names = dict(selectors.regions())
    pilars = dict(plans.Pilar.choices)
    if (kabkota != PROVINSI and kabkota not in names) or (pilar and pilar not in pilars):
        return None
    lines = list(
        plans.kegiatan_in_lokasi(
            user, tahun, kabkota=None if kabkota == PROVINSI else kabkota, pilar=pilar, verified_only=verified_only
        )
    )
    targets = Counter()
    for line in lines:
        targets[line.get_satuan_display()] += line.target
    return {
        "kabkota": kabkota,
        "kabkota_nama": names.get(kabkota) or _("Seluruh Jawa Timur"),
        "provinsi": kabkota == PROVINSI,
        "pilar": pilar,
        "pilar_label": pilars.get(pilar),
        "lines": lines,
        "opds": sorted({line.rencana.opd.singkatan for line in lines}),
        "pagu": sum((line.pagu for line in lines), Decimal(0)),
        "targets": sorted(targets.items()),
        "verified_only": verified_only,
        "petugas": _is_petugas(user),
        "back_url": links.sinergi_url(tahun, verified_only=verified_only),
        "keep": [("kabkota", kabkota), *([("pilar", pilar)] if pilar else [])],
    }


SINERGI_PESANTREN_PAGE = 50


def sinergi_pesantren(user, tahun, kabkota, page_number):
    """Which OPDs reached each pesantren in the year (participations per OPD), most OPDs first, one page. A Petugas
    OPD sees their own OPD's participations. Four queries."""
    names = selectors.regions()
    if kabkota not in dict(names):
        kabkota = None
    page = Paginator(selectors.participation_reach(user, tahun, kabkota), SINERGI_PESANTREN_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    reach = selectors.participation_per_opd_of(user, tahun, [row["pesantren_id"] for row in page.object_list])
    for row in page.object_list:
        row["opd"] = reach.get(row["pesantren_id"], [])
    return {
        "reach": page,
        "kabkota": kabkota,
        "regions": names,
        "petugas": _is_petugas(user),
        "back_url": links.sinergi_url(tahun),
    }
