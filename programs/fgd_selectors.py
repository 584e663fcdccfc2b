"""What the FGD pages read: the meetings (everyone signed in reads their summary), their agenda and decisions
(tindak lanjut), what waits for an OPD's officer and what is overdue. Each in a fixed number of queries."""

import datetime

from django.db.models import Count, Q
from django.utils.module_loading import import_string

from opop.accounts.roles import Role
from opop.common.registry import registry
from programs.models import OPEN_TINDAK_LANJUT, ROMAWI, Fgd, StatusTindakLanjut, SumberAgenda, TindakLanjut
from programs.selectors import OPD_ORDER, kendala_visible_to, with_owners


def fgd_visible_to(user):
    """Every signed-in user reads the meetings' summary (the notulen is shared with the OPDs that attend)."""
    qs = Fgd.objects.all()
    return qs if user.is_authenticated else qs.none()


def is_owner(user, item):
    """The user is an officer of one of the item's owner OPDs (one query unless the owners are prefetched)."""
    return bool(user.is_authenticated and user.role == Role.PETUGAS_OPD and user.opd_id) and any(
        opd.pk == user.opd_id for opd in item.opd.all()
    )


def fgd_list(user):
    """The meetings, newest first, with their number of decisions, those still open and those overdue."""
    return fgd_visible_to(user).annotate(
        n_agenda=Count("agenda", distinct=True),
        n_tindak_lanjut=Count("tindak_lanjut", distinct=True),
        n_terbuka=Count("tindak_lanjut", filter=Q(tindak_lanjut__status__in=OPEN_TINDAK_LANJUT), distinct=True),
    )


def tindak_lanjut_of(fgds):
    """The decisions of these meetings with their owners, kegiatan and indicator (two queries)."""
    return list(
        with_owners(
            TindakLanjut.objects.filter(fgd__in=fgds).select_related(
                "fgd", "kegiatan__rencana__opd", "indikator", "diperbarui_oleh"
            )
        ).order_by("fgd__tanggal", "fgd_id", "tenggat", "id")
    )


def fgd_detail(fgd):
    """One meeting for its page and its notulen: invited and attending OPDs, agenda, decisions, and every decision
    of the meetings held before it with its current status ("Tindak lanjut FGD sebelumnya"). Seven queries."""
    earlier = Fgd.objects.filter(Q(tanggal__lt=fgd.tanggal) | Q(tanggal=fgd.tanggal, pk__lt=fgd.pk))
    diundang = list(fgd.diundang.order_by(*OPD_ORDER))
    hadir = list(fgd.hadir.order_by(*OPD_ORDER))
    hadir_ids = {opd.pk for opd in hadir}
    return {
        "diundang": diundang,
        "hadir": hadir,
        "tidak_hadir": [opd for opd in diundang if opd.pk not in hadir_ids],
        "agenda": list(fgd.agenda.all()),
        "tindak_lanjut": tindak_lanjut_of([fgd.pk]),
        "sebelumnya": tindak_lanjut_of(earlier.values("pk")),
    }


def tindak_lanjut_due(*, today, within, overdue_days):
    """Open decisions due within `within` days or overdue by at most `overdue_days` (the reminders), with owners."""
    return list(
        with_owners(
            TindakLanjut.objects.filter(
                status__in=OPEN_TINDAK_LANJUT,
                tenggat__gte=today - datetime.timedelta(days=overdue_days),
                tenggat__lte=today + datetime.timedelta(days=within),
            ).select_related("fgd")
        ).order_by("tenggat", "id")
    )


def tindak_lanjut_status_counts(items):
    """[(label, n)] of the items' statuses, in the statuses' order (for the summaries)."""
    counts = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return [(label, counts[value]) for value, label in StatusTindakLanjut.choices if counts.get(value)]


# ---------------------------------------------------------------- the agenda's draft


def kendala_on_agenda(user, tahun):
    """The problems Diskop marked for the FGD agenda, of the year under review and the year before."""
    return (
        kendala_visible_to(user)
        .filter(agenda__masuk_agenda=True, kegiatan__rencana__tahun__in=[tahun - 1, tahun])
        .select_related("kegiatan__rencana__opd", "kategori_kendala")
        .order_by("kegiatan__rencana__tahun", "kegiatan__rencana__opd__nama", "kegiatan__nomor", "triwulan")
    )


def _kendala_text(realisasi):
    kegiatan = realisasi.kegiatan
    opd = kegiatan.rencana.opd
    kategori = f" [{realisasi.kategori_kendala.nama}]" if realisasi.kategori_kendala_id else ""
    masalah = (realisasi.permasalahan or realisasi.faktor_penghambat).strip()
    return f"{opd.singkatan or opd.nama} — {kegiatan.uraian} (TW {ROMAWI[realisasi.triwulan]}){kategori}: {masalah}"


def agenda_suggestions(user, fgd):
    """[(sumber, teks)] for the agenda's draft: the marked kendala, then what the other registered sources find
    (the synergy map's overlaps and gaps, the indicators whose commitments cannot reach the target — computed in
    the dashboard, which registers them: opop.common.registry "fgd_agenda_sources")."""
    items = [(SumberAgenda.KENDALA, _kendala_text(r)) for r in kendala_on_agenda(user, fgd.tahun)]
    for _name, path in sorted(registry["fgd_agenda_sources"].items()):
        items += list(import_string(path)(user, fgd.tahun))
    return items
