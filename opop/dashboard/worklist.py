"""'Perlu tindakan Anda': what waits for the signed-in user, by role, each with a count and links. Assembled from
the domain apps' selectors (scoped to the viewer) in a bounded number of queries, whatever the data size."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opop.accounts.permissions import can_administer, can_curate, can_verify_plans, can_write_registry
from opop.common.formatting import ROMAWI, tanggal
from pesantren import selectors as registry
from products import selectors as catalogue
from programs import selectors as plans

ROWS = 5  # each item lists its first few; the link opens the rest


@dataclass
class Item:
    key: str
    label: str
    count: int
    url: str
    rows: list = field(default_factory=list)  # [(text, detail, url)]
    more: str = ""  # "100+" where the count was capped
    lainnya: int = 0  # rows found beyond the ROWS listed ("dan n lainnya", the item's link opens them)


def _days_ago(moment, today):
    days = max((today - timezone.localtime(moment).date()).days, 0) if moment else 0
    return ngettext("%(n)s hari menunggu", "%(n)s hari menunggu", days) % {"n": days} if days else _("hari ini")


def _plan_name(rencana):
    return f"{rencana.opd.singkatan or rencana.opd.nama} {rencana.tahun}"


def _report_row(item):
    rencana, tw = item["rencana"], ROMAWI[item["triwulan"]]
    text = _("Laporan TW %(tw)s %(plan)s") % {"tw": tw, "plan": _plan_name(rencana)}
    if item["state"] == "terlambat":
        detail = _("terlambat %(n)s hari (batas %(batas)s)") % {"n": -item["hari"], "batas": tanggal(item["batas"])}
    elif item["state"] == "jatuh_tempo":
        detail = _("batas %(batas)s, %(n)s hari lagi") % {"batas": tanggal(item["batas"]), "n": item["hari"]}
    else:
        detail = _("triwulan sudah berakhir, realisasi belum diisi")
    return (text, detail, f"{rencana.get_absolute_url()}#tw-{item['triwulan']}")


def _listed(key, label, found, url, row):
    """One item counting what was found and listing its first ROWS through `row`; none when nothing was found."""
    if not found:
        return []
    return [Item(key, label, len(found), url, [row(x) for x in found[:ROWS]], lainnya=max(len(found) - ROWS, 0))]


def _per_year(key, label, found, row):
    """_listed, one item per plan year of `found` (report items: {rencana, …}), each linking to the compliance
    board of its year, so a link opens the period it counts. `label(items, tahun)` names one year's item."""
    years = sorted({i["rencana"].tahun for i in found}, reverse=True)
    items = []
    for tahun in years:
        of_year = [i for i in found if i["rencana"].tahun == tahun]
        items += _listed(key, label(of_year, tahun), of_year, _board_url(tahun), row)
    return items


def _board_url(tahun):
    return f"{reverse('programs:kepatuhan')}?tahun={tahun}"


def _by_status(key, label, counts, url):
    """One item summing [(label, status, n)], a row linking to the list filtered by each status; none when empty."""
    if not counts:
        return []
    rows = [(text, str(n), f"{url}?status={status}") for text, status, n in counts]
    return [Item(key, label, sum(n for _text, _status, n in counts), url, rows)]


def _verifier_items(user, today):
    return _listed(
        "rencana_diajukan",
        _("Rencana menunggu verifikasi"),
        list(plans.rencana_waiting_verification(user)),
        f"{reverse('programs:list')}?status=diajukan",
        lambda r: (_plan_name(r), _days_ago(r.diajukan_pada, today), r.get_absolute_url()),
    ) + _per_year(
        "laporan_diajukan",
        lambda _items, tahun: _("Laporan triwulan %(year)s menunggu verifikasi") % {"year": tahun},
        [{"rencana": lap.rencana, "laporan": lap} for lap in plans.laporan_waiting_verification(user)],
        lambda item: (
            _("TW %(tw)s %(plan)s") % {"tw": ROMAWI[item["laporan"].triwulan], "plan": _plan_name(item["rencana"])},
            _days_ago(item["laporan"].diajukan_pada, today),
            item["laporan"].get_absolute_url(),
        ),
    )


def _late_label(items, tahun):
    n = len({i["rencana"].opd_id for i in items})  # the compliance board's "OPD terlambat melapor" of that year
    return ngettext("%(n)s OPD terlambat melapor %(year)s", "%(n)s OPD terlambat melapor %(year)s", n) % {
        "n": n,
        "year": tahun,
    }


def _late_items(user, today, outstanding):
    return _per_year("terlambat", _late_label, [i for i in outstanding if i["state"] == "terlambat"], _report_row)


def _plan_detail(item):
    batas = tanggal(item["batas"])
    if item["hari"] < 0:
        return _("batas %(batas)s, terlambat %(n)s hari") % {"batas": batas, "n": -item["hari"]}
    return _("batas %(batas)s, %(n)s hari lagi") % {"batas": batas, "n": item["hari"]}


def _missing_plan_items(user, today):
    """Staf and leadership: the OPDs that have not submitted this year's plan once its deadline passed (the
    compliance board's "belum mengajukan rencana"), each row opening the board of that year."""
    tahun = today.year
    missing = [i for i in plans.plans_not_submitted(user, tahun, today=today) if i["state"] == "belum_rencana"]
    label = ngettext(
        "%(n)s OPD belum mengajukan rencana %(year)s", "%(n)s OPD belum mengajukan rencana %(year)s", len(missing)
    ) % {"n": len(missing), "year": tahun}
    return _listed(
        "rencana_belum_diajukan",
        label,
        missing,
        _board_url(tahun),
        lambda i: (i["opd"].singkatan or i["opd"].nama, _plan_detail(i), _board_url(tahun)),
    )


def _own_plan_items(user, today):
    """The officer: their OPD's plan of this year, not submitted, due within DUE_WITHIN_DAYS or late."""
    tahun = today.year
    return _listed(
        "rencana_belum_diajukan",
        _("Rencana %(year)s belum diajukan") % {"year": tahun},
        plans.plans_not_submitted(user, tahun, today=today),
        f"{reverse('programs:list')}?tahun={tahun}",
        lambda i: (
            f"{i['opd'].singkatan or i['opd'].nama} {tahun}",
            _plan_detail(i),
            i["rencana"].get_absolute_url() if i["rencana"] else f"{reverse('programs:create')}?tahun={tahun}",
        ),
    )


def _registry_items(user):
    items = []
    if can_write_registry(user):
        groups = registry.santripreneur_duplicate_group_count(user, at_most=100)
        if groups:
            items.append(
                Item(
                    "duplikat",
                    _("Dugaan duplikat santripreneur"),
                    groups,
                    reverse("pesantren:santripreneur_duplicates"),
                    more="100+" if groups >= 100 else "",
                )
            )
    if can_curate(user):
        items += _by_status(
            "kurasi",
            _("Produk menunggu langkah kurasi berikutnya"),
            catalogue.curation_waiting(user),
            reverse("products:list"),
        )
        expiring = catalogue.products_with_certificates_expiring(user)
        if expiring:
            items.append(
                Item(
                    "sertifikat",
                    _("Produk dengan sertifikat berakhir dalam 90 hari"),
                    expiring,
                    f"{reverse('products:list')}?kesiapan=segera_kedaluwarsa",
                )
            )
    return items


def _thread_row(thread):
    root, last = thread
    return (_plan_name(root.rencana), f"{last.penulis}: {last.isi}", last.get_absolute_url())


def _owners(item):
    return ", ".join(opd.singkatan or opd.nama for opd in item.opd.all())


def _tindak_lanjut_row(item, today, url):
    days = (today - item.tenggat).days
    if days > 0:
        when = ngettext("lewat tenggat %(n)s hari", "lewat tenggat %(n)s hari", days) % {"n": days}
    else:
        when = _("tenggat %(tanggal)s") % {"tanggal": tanggal(item.tenggat)}
    return (item.uraian, f"{_owners(item)} · {when} · {item.fgd}", url)


def _tindak_lanjut_items(user, today):
    """An officer: what their OPD committed to at an FGD and has not finished. Diskop and Pimpinan: what is
    overdue, every OPD's."""
    url = reverse("programs:fgd_list")
    if user.is_petugas_opd:
        return _listed(
            "tindak_lanjut",
            _("Tindak lanjut FGD untuk OPD Anda"),
            plans.tindak_lanjut_open_for_officer(user),
            url,
            lambda t: _tindak_lanjut_row(t, today, reverse("programs:tindak_lanjut_status", args=[t.pk])),
        )
    return _listed(
        "tindak_lanjut_terlambat",
        _("Tindak lanjut FGD lewat tenggat"),
        plans.tindak_lanjut_overdue(user, today=today),
        url,
        lambda t: _tindak_lanjut_row(t, today, t.get_absolute_url()),
    )


def _officer_items(user, today, outstanding):
    waiting = plans.threads_awaiting_answer(user)
    return (
        _own_plan_items(user, today)
        + _listed(
            "dikembalikan",
            _("Rencana dikembalikan Diskop untuk diperbaiki"),
            list(plans.rencana_returned(user)),
            f"{reverse('programs:list')}?status=dikembalikan",
            lambda r: (_plan_name(r), r.catatan, r.get_absolute_url()),
        )
        + _listed(
            "komentar",
            _("Komentar Diskop menunggu jawaban Anda"),
            waiting,
            waiting[0][1].get_absolute_url() if waiting else "",
            _thread_row,
        )
        + _per_year(
            "laporan",
            lambda _items, tahun: _("Laporan triwulan %(year)s yang perlu diisi atau diajukan") % {"year": tahun},
            outstanding,
            _report_row,
        )
    )


def _leadership_items(user, today, outstanding):
    return (
        _missing_plan_items(user, today)
        + _late_items(user, today, outstanding)
        + _per_year(
            "belum_mulai",
            lambda _items, tahun: _("Triwulan %(year)s berakhir tanpa realisasi") % {"year": tahun},
            [i for i in outstanding if i["state"] == "belum_mulai"],
            _report_row,
        )
        + _by_status(
            "belum_diverifikasi",
            _("Rencana belum diverifikasi"),
            plans.rencana_unverified_counts(user),
            reverse("programs:list"),
        )
    )


def worklist(user, *, today=None):
    today = today or timezone.localdate()
    outstanding = plans.reports_outstanding(user, today=today)
    if user.is_petugas_opd:
        return _officer_items(user, today, outstanding) + _tindak_lanjut_items(user, today)
    if user.is_pimpinan:
        return _leadership_items(user, today, outstanding) + _tindak_lanjut_items(user, today)
    items = _verifier_items(user, today) if can_verify_plans(user) else []
    missing, late = _missing_plan_items(user, today), _late_items(user, today, outstanding)
    return items + missing + late + _tindak_lanjut_items(user, today) + _registry_items(user)


def targets_missing_items(user, cards):
    """For Admins: indicators whose last target year has passed, so the next period's targets are missing from
    the register (added there, versioned as every target is). Nothing is ever invented in their place."""
    if not can_administer(user):
        return []
    finished = [card for card in cards if card.finished]
    if not finished:
        return []
    return [
        Item(
            "target_berikutnya",
            _("Target periode berikutnya belum ada di register target"),
            len(finished),
            reverse("admin:indicators_target_add"),
            [
                (
                    _(card.indicator.nama),  # reference text: its English is in the catalog
                    _("target terakhir %(year)s") % {"year": card.deadline_year},
                    reverse("admin:indicators_target_add"),
                )
                for card in finished
            ],
        )
    ]
