"""What the plan cycle tells whom. The services call these inside their transaction, after the change: Diskop
staff hear of what is submitted, the OPD's officers of what Diskop (or an Admin) does with it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opop.accounts.selectors import diskop_staff, officers_of
from opop.common.formatting import in_portal_language
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from programs.models import ROMAWI


def _send(obj, rencana, *, to, actor, jenis, judul, isi, **extra):
    """`judul`/`isi` are gettext_noop texts, translated here in the portal's language and filled with the plan's
    OPD, year, quarter (of a report) and who acted."""
    with in_portal_language():
        values = {
            "opd": rencana.opd.singkatan or rencana.opd.nama,
            "tahun": rencana.tahun,
            "tw": ROMAWI.get(getattr(obj, "triwulan", None), ""),
            "who": actor,
            **extra,
        }
        recipients = diskop_staff() if to == "diskop" else officers_of(rencana.opd)
        notify(
            recipients=recipients,
            actor=actor,
            jenis=jenis,
            judul=_(judul) % values,
            isi=_(isi) % values,
            tautan=obj.get_absolute_url(),
        )


def rencana_submitted(rencana, actor):
    _send(
        rencana,
        rencana,
        to="diskop",
        actor=actor,
        jenis=Jenis.DIAJUKAN,
        judul=gettext_noop("Rencana %(opd)s %(tahun)s menunggu verifikasi"),
        isi=gettext_noop("%(who)s mengajukan rencana OPOP %(opd)s tahun %(tahun)s (%(n)s kegiatan)."),
        n=rencana.kegiatan.count(),
    )


def rencana_returned(rencana, actor):
    _send(
        rencana,
        rencana,
        to="opd",
        actor=actor,
        jenis=Jenis.DIKEMBALIKAN,
        judul=gettext_noop("Rencana %(opd)s %(tahun)s dikembalikan untuk diperbaiki"),
        isi=gettext_noop("%(who)s mengembalikan rencana dengan catatan: %(catatan)s"),
        catatan=rencana.catatan,
    )


def rencana_verified(rencana, actor):
    _send(
        rencana,
        rencana,
        to="opd",
        actor=actor,
        jenis=Jenis.DIVERIFIKASI,
        judul=gettext_noop("Rencana %(opd)s %(tahun)s diverifikasi"),
        isi=gettext_noop("%(who)s memverifikasi rencana; rencana kini terkunci dan realisasi triwulan dapat diisi."),
    )


def rencana_reopened(rencana, actor, alasan):
    for to in ("opd", "diskop"):
        _send(
            rencana,
            rencana,
            to=to,
            actor=actor,
            jenis=Jenis.DIBUKA_KEMBALI,
            judul=gettext_noop("Rencana %(opd)s %(tahun)s dibuka kembali"),
            isi=gettext_noop("%(who)s membuka kembali rencana yang sudah diverifikasi. Alasan: %(alasan)s"),
            alasan=alasan,
        )


def laporan_submitted(laporan, actor):
    _send(
        laporan,
        laporan.rencana,
        to="diskop",
        actor=actor,
        jenis=Jenis.DIAJUKAN,
        judul=gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s menunggu verifikasi"),
        isi=gettext_noop("%(who)s mengajukan laporan realisasi TW %(tw)s %(opd)s tahun %(tahun)s."),
    )


def laporan_returned(laporan, actor):
    _send(
        laporan,
        laporan.rencana,
        to="opd",
        actor=actor,
        jenis=Jenis.DIKEMBALIKAN,
        judul=gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s dikembalikan"),
        isi=gettext_noop("%(who)s mengembalikan laporan TW %(tw)s dengan catatan: %(catatan)s"),
        catatan=laporan.catatan,
    )


def laporan_verified(laporan, actor):
    _send(
        laporan,
        laporan.rencana,
        to="opd",
        actor=actor,
        jenis=Jenis.DIVERIFIKASI,
        judul=gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s diverifikasi"),
        isi=gettext_noop("%(who)s memverifikasi laporan realisasi TW %(tw)s."),
    )


def komentar_added(komentar, actor, *, to):
    rencana = komentar.rencana
    target = (
        gettext_noop("Komentar baru pada kegiatan No. %(nomor)s rencana %(opd)s %(tahun)s")
        if komentar.kegiatan_id
        else gettext_noop("Komentar baru pada rencana %(opd)s %(tahun)s")
    )
    _send(
        komentar,
        rencana,
        to=to,
        actor=actor,
        jenis=Jenis.KOMENTAR,
        judul=target,
        isi=gettext_noop("%(who)s: %(isi_komentar)s"),
        nomor=komentar.kegiatan.nomor if komentar.kegiatan_id else "",
        isi_komentar=komentar.isi,
    )
