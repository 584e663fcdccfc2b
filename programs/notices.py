"""What the plan cycle tells whom. The services call these inside their transaction, after the change: Diskop
staff hear of what is submitted, the OPD's officers of what Diskop (or an Admin) does with it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opop.accounts.permissions import can_freeze_year
from opop.accounts.selectors import diskop_staff, officers_of, portal_admins
from opop.common.formatting import in_portal_language
from opop.notifications.models import Jenis
from opop.notifications.services import notify
from programs.models import ROMAWI

# What each step of the plan cycle tells whom: (who hears it, kind, title, text). The texts are gettext_noop,
# translated in _send in the portal's language and filled with the plan's OPD, year, quarter (of a report) and who
# acted.
MESSAGES = {
    "rencana_submitted": (
        ("diskop",),
        Jenis.DIAJUKAN,
        gettext_noop("Rencana %(opd)s %(tahun)s menunggu verifikasi"),
        gettext_noop("%(who)s mengajukan rencana OPOP %(opd)s tahun %(tahun)s (%(n)s kegiatan)."),
    ),
    "rencana_returned": (
        ("opd",),
        Jenis.DIKEMBALIKAN,
        gettext_noop("Rencana %(opd)s %(tahun)s dikembalikan untuk diperbaiki"),
        gettext_noop("%(who)s mengembalikan rencana dengan catatan: %(catatan)s"),
    ),
    "rencana_verified": (
        ("opd",),
        Jenis.DIVERIFIKASI,
        gettext_noop("Rencana %(opd)s %(tahun)s diverifikasi"),
        gettext_noop("%(who)s memverifikasi rencana; rencana kini terkunci dan realisasi triwulan dapat diisi."),
    ),
    "rencana_reopened": (
        ("opd", "diskop"),
        Jenis.DIBUKA_KEMBALI,
        gettext_noop("Rencana %(opd)s %(tahun)s dibuka kembali"),
        gettext_noop("%(who)s membuka kembali rencana yang sudah diverifikasi. Alasan: %(alasan)s"),
    ),
    "laporan_submitted": (
        ("diskop",),
        Jenis.DIAJUKAN,
        gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s menunggu verifikasi"),
        gettext_noop("%(who)s mengajukan laporan realisasi TW %(tw)s %(opd)s tahun %(tahun)s."),
    ),
    "laporan_returned": (
        ("opd",),
        Jenis.DIKEMBALIKAN,
        gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s dikembalikan"),
        gettext_noop("%(who)s mengembalikan laporan TW %(tw)s dengan catatan: %(catatan)s"),
    ),
    "laporan_verified": (
        ("opd",),
        Jenis.DIVERIFIKASI,
        gettext_noop("Laporan TW %(tw)s %(opd)s %(tahun)s diverifikasi"),
        gettext_noop("%(who)s memverifikasi laporan realisasi TW %(tw)s."),
    ),
}


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
            teks=(judul, isi, values),
        )


def announce(event, obj, rencana, actor, *, alasan=""):
    """Tell whom MESSAGES names of a step of the plan cycle (programs.workflow.move), after the change."""
    to, jenis, judul, isi = MESSAGES[event]
    extra = {"catatan": getattr(obj, "catatan", ""), "alasan": alasan}
    if "%(n)s" in isi:
        extra["n"] = rencana.kegiatan.count()
    for each in to:
        _send(obj, rencana, to=each, actor=actor, jenis=jenis, judul=judul, isi=isi, **extra)


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


# ---------------------------------------------------------------- reopening a closed year (angka tetap)

PEMBUKAAN_MESSAGES = {
    "requested": (
        gettext_noop("Permintaan membuka kembali tahun %(tahun)s menunggu persetujuan"),
        gettext_noop("%(who)s meminta tahun %(tahun)s dibuka %(jam)s jam. Alasan: %(alasan)s"),
    ),
    "approved": (
        gettext_noop("Tahun %(tahun)s dibuka kembali untuk perbaikan"),
        gettext_noop("%(who)s menyetujui pembukaan tahun %(tahun)s selama %(jam)s jam; sesudahnya dikunci kembali."),
    ),
    "relocked": (
        gettext_noop("Tahun %(tahun)s dikunci kembali: angka perbaikan versi %(versi)s"),
        gettext_noop("Masa pembukaan habis; angka perbaikan versi %(versi)s diambil dan tahun %(tahun)s terkunci."),
    ),
}


def pembukaan_event(event, pembukaan, *, actor=None, versi=""):
    """A request waits: the other holders of freeze_year hear of it. Approved or relocked: the requester, the
    approver and Diskop staff hear of it."""
    judul, isi = PEMBUKAAN_MESSAGES[event]
    if event == "requested":
        recipients = [u for u in [*portal_admins(), *diskop_staff()] if can_freeze_year(u)]
    else:
        people = [pembukaan.diminta_oleh, pembukaan.disetujui_oleh, *diskop_staff()]
        recipients = list({u.pk: u for u in people if u is not None}.values())
    with in_portal_language():
        values = {
            "tahun": pembukaan.tahun,
            "who": actor or "",
            "jam": pembukaan.durasi_jam,
            "alasan": pembukaan.alasan,
            "versi": versi,
        }
        notify(
            recipients=recipients,
            actor=actor,
            jenis=Jenis.DIBUKA_KEMBALI,
            judul=_(judul) % values,
            isi=_(isi) % values,
            tautan=pembukaan.get_absolute_url(),
            teks=(judul, isi, values),
        )
