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


def _verifier_items(user, today):
    items = []
    waiting = list(plans.rencana_waiting_verification(user))
    if waiting:
        items.append(
            Item(
                "rencana_diajukan",
                _("Rencana menunggu verifikasi"),
                len(waiting),
                f"{reverse('programs:list')}?status=diajukan",
                [(_plan_name(r), _days_ago(r.diajukan_pada, today), r.get_absolute_url()) for r in waiting[:ROWS]],
            )
        )
    reports = list(plans.laporan_waiting_verification(user))
    if reports:
        items.append(
            Item(
                "laporan_diajukan",
                _("Laporan triwulan menunggu verifikasi"),
                len(reports),
                reverse("programs:kepatuhan"),
                [
                    (
                        _("TW %(tw)s %(plan)s") % {"tw": ROMAWI[lap.triwulan], "plan": _plan_name(lap.rencana)},
                        _days_ago(lap.diajukan_pada, today),
                        lap.get_absolute_url(),
                    )
                    for lap in reports[:ROWS]
                ],
            )
        )
    return items


def _late_items(user, today, outstanding):
    late = [i for i in outstanding if i["state"] == "terlambat"]
    if not late:
        return []
    opds = {i["rencana"].opd_id for i in late}
    label = ngettext("%(n)s OPD terlambat melapor", "%(n)s OPD terlambat melapor", len(opds)) % {"n": len(opds)}
    return [Item("terlambat", label, len(late), reverse("programs:kepatuhan"), [_report_row(i) for i in late[:ROWS]])]


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
        waiting = catalogue.curation_waiting(user)
        if waiting:
            url = reverse("products:list")
            items.append(
                Item(
                    "kurasi",
                    _("Produk menunggu langkah kurasi berikutnya"),
                    sum(n for _label, _s, n in waiting),
                    url,
                    [(label, str(n), f"{url}?status={status}") for label, status, n in waiting],
                )
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


def _officer_items(user, today, outstanding):
    items = []
    returned = list(plans.rencana_returned(user))
    if returned:
        items.append(
            Item(
                "dikembalikan",
                _("Rencana dikembalikan Diskop untuk diperbaiki"),
                len(returned),
                f"{reverse('programs:list')}?status=dikembalikan",
                [(_plan_name(r), r.catatan, r.get_absolute_url()) for r in returned[:ROWS]],
            )
        )
    waiting = plans.threads_awaiting_answer(user)
    if waiting:
        items.append(
            Item(
                "komentar",
                _("Komentar Diskop menunggu jawaban Anda"),
                len(waiting),
                waiting[0][1].get_absolute_url(),
                [
                    (_plan_name(root.rencana), f"{last.penulis}: {last.isi}", last.get_absolute_url())
                    for root, last in waiting[:ROWS]
                ],
            )
        )
    if outstanding:
        items.append(
            Item(
                "laporan",
                _("Laporan triwulan yang perlu diisi atau diajukan"),
                len(outstanding),
                reverse("programs:kepatuhan"),
                [_report_row(i) for i in outstanding[:ROWS]],
            )
        )
    return items


def _leadership_items(user, today, outstanding):
    items = _late_items(user, today, outstanding)
    not_started = [i for i in outstanding if i["state"] == "belum_mulai"]
    if not_started:
        items.append(
            Item(
                "belum_mulai",
                _("Triwulan berakhir tanpa realisasi"),
                len(not_started),
                reverse("programs:kepatuhan"),
                [_report_row(i) for i in not_started[:ROWS]],
            )
        )
    unverified = plans.rencana_unverified_counts(user)
    if unverified:
        url = reverse("programs:list")
        items.append(
            Item(
                "belum_diverifikasi",
                _("Rencana belum diverifikasi"),
                sum(n for _label, _s, n in unverified),
                url,
                [(label, str(n), f"{url}?status={status}") for label, status, n in unverified],
            )
        )
    return items


def worklist(user, *, today=None):
    today = today or timezone.localdate()
    outstanding = plans.reports_outstanding(user, today=today)
    if user.is_petugas_opd:
        return _officer_items(user, today, outstanding)
    if user.is_pimpinan:
        return _leadership_items(user, today, outstanding)
    items = _verifier_items(user, today) if can_verify_plans(user) else []
    return items + _late_items(user, today, outstanding) + _registry_items(user)


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
