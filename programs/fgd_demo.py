"""Demo FGDs for seed_demo: the 2 February 2023 meeting of the source document (Diskop UKM Jatim with the
supporting OPDs at R. Aria Wiria Atmadja, evaluating 2022 and aligning the 2023 programmes) with decisions in every
state, and an upcoming meeting a few weeks after today whose agenda is drafted from the digest, the synergy map and
the traceability matrix. Idempotent; everything goes through programs.fgd_services, so the history is real."""

import datetime

from django.db import transaction
from django.utils import timezone

from opop.accounts.models import PerangkatDaerah, User
from opop.accounts.roles import Role
from opop.common.concurrency import version_of
from programs import fgd_services
from programs.demo import mark_read_at
from programs.fgd_selectors import agenda_suggestions
from programs.models import Fgd, StatusFgd, StatusTindakLanjut

SOURCE_DATE = datetime.date(2023, 2, 2)
OPDS = ["kominfo", "dindik", "disperindag", "disnakertrans", "distan"]
ABSENT = {"distan"}
UPCOMING_IN_DAYS = 21
AGENDA_2023 = [
    "Pembukaan dan arahan Kepala Dinas Koperasi dan UKM Provinsi Jawa Timur.",
    "Evaluasi pelaksanaan OPOP tahun 2022 per pilar: santripreneur, pesantrenpreneur, sociopreneur.",
    "Paparan program kegiatan 2023 dari setiap perangkat daerah pendukung OPOP.",
    "Sinergi program antar perangkat daerah 2023: lokasi, sasaran pesantren dan jadwal.",
]


def _officer(opd, fallback):
    return User.objects.filter(role=Role.PETUGAS_OPD, opd=opd, is_active=True).order_by("pk").first() or fallback


@transaction.atomic
def seed_demo_fgd():
    """Create the demo FGDs that do not exist yet; returns the number of meetings created."""
    staf = User.objects.filter(role=Role.STAF_DISKOP, is_active=True).order_by("pk").first()
    opds = {o.kode: o for o in PerangkatDaerah.objects.filter(kode__in=OPDS)}
    if staf is None or not opds:
        return 0
    created = 0
    if not Fgd.objects.filter(tanggal=SOURCE_DATE).exists():
        _seed_source_meeting(staf, opds)
        mark_read_at(Fgd.objects.get(tanggal=SOURCE_DATE).get_absolute_url())  # old news: inboxes open on this year
        created += 1
    if not Fgd.objects.filter(tanggal__gt=timezone.localdate()).exists():
        _seed_upcoming(staf, opds)
        created += 1
    return created


def _seed_source_meeting(staf, opds):
    today = timezone.localdate()
    fgd = fgd_services.fgd_create(
        actor=staf,
        data={
            "tanggal": SOURCE_DATE,
            "tempat": "R. Aria Wiria Atmadja, Kantor Dinas Koperasi dan UKM Provinsi Jawa Timur, Surabaya",
            "tahun": 2023,
            "diundang": list(opds.values()),
            "hadir": [opd for kode, opd in opds.items() if kode not in ABSENT],
            "peserta": "Andromeda Qomariah — Kepala Dinas Koperasi dan UKM Provinsi Jawa Timur (pimpinan rapat)\n"
            "Gus Ghofirin — Sekretaris Jenderal OPOP Jawa Timur",
            "status": StatusFgd.SELESAI,
        },
    )
    fgd_services.agenda_draft(actor=staf, fgd=fgd, suggestions=[("manual", text) for text in AGENDA_2023])
    kominfo, dindik = opds.get("kominfo"), opds.get("dindik")
    others = [opd for opd in (opds.get("disperindag"), opds.get("disnakertrans")) if opd]
    decisions = [
        # (what, owners, due date, status, note, reason)
        (
            "Publikasi profil produk unggulan pesantren OPOP di kanal media Pemprov setiap bulan.",
            [kominfo],
            datetime.date(2023, 6, 30),
            StatusTindakLanjut.SELESAI,
            "Enam profil produk tayang pada semester pertama 2023.",
            "",
        ),
        (
            "Pelatihan kewirausahaan santri dimasukkan ke kurikulum SMK di lingkungan pesantren.",
            [dindik],
            datetime.date(2023, 12, 31),
            StatusTindakLanjut.TIDAK_DAPAT,
            "",
            "Kurikulum SMK 2023 sudah ditetapkan; diusulkan kembali untuk tahun ajaran berikutnya.",
        ),
        (
            "Satu data santripreneur: OPD mengirim daftar peserta pelatihan dengan NIK ke Diskop setiap triwulan.",
            [opd for opd in (kominfo, dindik) if opd],
            today - datetime.timedelta(days=10),  # overdue now: the Staf home shows it
            StatusTindakLanjut.BERJALAN,
            "Data TW I dan II sudah dikirim; TW III menunggu rekap kabupaten.",
            "",
        ),
        (
            "Kurasi dan fasilitasi sertifikasi halal produk pesantren peserta OPOP.",
            others or [dindik],
            today + datetime.timedelta(days=14),
            StatusTindakLanjut.BELUM,
            "",
            "",
        ),
    ]
    for uraian, owners, tenggat, status, catatan, alasan in decisions:
        owners = [opd for opd in owners if opd]
        if not owners:
            continue
        item = fgd_services.tindak_lanjut_create(
            actor=staf, fgd=fgd, data={"uraian": uraian, "opd": owners, "tenggat": tenggat}
        )
        if status != StatusTindakLanjut.BELUM:
            fgd_services.tindak_lanjut_report(
                actor=_officer(owners[0], staf),
                item=item,
                data={"status": status, "catatan": catatan, "alasan": alasan},
                versi=version_of(item),
            )


def _seed_upcoming(staf, opds):
    tanggal = timezone.localdate() + datetime.timedelta(days=UPCOMING_IN_DAYS)
    fgd = fgd_services.fgd_create(
        actor=staf,
        data={
            "tanggal": tanggal,
            "tempat": "R. Aria Wiria Atmadja, Kantor Dinas Koperasi dan UKM Provinsi Jawa Timur, Surabaya",
            "tahun": tanggal.year,
            "diundang": list(opds.values()),
            "hadir": [],
            "peserta": "",
            "status": StatusFgd.TERJADWAL,
        },
    )
    fgd_services.agenda_draft(actor=staf, fgd=fgd, suggestions=agenda_suggestions(staf, fgd))
