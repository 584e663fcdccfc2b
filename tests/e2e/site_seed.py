"""What the site crawl adds to the demo, so its English pass reads what people are told (issue 29): a notification
of every kind in the inboxes, and import previews with per-row errors, warnings and notices (a person kind uploaded
by Diskop, plan lines uploaded by an OPD officer). Everything goes through the services and jobs people use; the
jobs run inline (the test settings' immediate queue), in the language the crawl's thread has active (Indonesian),
as a worker would."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from opop.accounts.models import User
from opop.common.years import FIRST_YEAR
from opop.imports.services import import_preview
from opop.jobs.services import job_start
from opop.notifications.models import Notifikasi
from opop.notifications.views import PER_PAGE
from pesantren.models import Pesantren, SantripreneurTally
from programs import services
from programs.importers import KegiatanImport
from programs.models import Rencana
from programs.reminders import reminders_send
from programs.selectors import deadlines_for_year
from tests.importer.data import SANTRI_HEADERS, to_csv
from tests.programs.factories import line_data

ROLES = ("staf", "petugas.kominfo", "admin", "pimpinan")
NOT_IMPORTED = "Keterangan panitia"  # a column no field reads: the preview says so


def _with_title(content):
    """A title line above the header and nothing else changed: the preview names the header row it read."""
    return b"DAFTAR PESERTA OPOP\r\n" + content


def santri_batch(staf):
    """A santripreneur list with rows to fix (a NIK cut short, an NSPP not registered, a date that does not exist),
    rows to look at (a birth date and a sex the NIK contradicts), a total row and a column the registry has no field
    for."""
    nspp = Pesantren.objects.order_by("nspp").values_list("nspp", flat=True).first()
    base = ["Santri Crawl", "3517011708040001", "L", "17-08-2004", "", nspp, "Kuliner", "Aktif", "2023", "catatan"]
    rows = [
        base,
        ["Santri Tanggal Lain", "3517011708040002", "P", "18-08-2004", "", nspp, "Kuliner", "Aktif", "2023", ""],
        ["Santri NIK Pendek", "12345", "L", "01-01-2000", "", nspp, "Kuliner", "Aktif", "2023", ""],
        [
            "Santri Pesantren Lain",
            "3517010101000003",
            "L",
            "01-01-2000",
            "",
            "510035999999",
            "Kuliner",
            "Aktif",
            "",
            "",
        ],
        ["Santri Tanggal Salah", "3517010101000004", "L", "31-02-2004", "", nspp, "Kuliner", "Aktif", "2023", ""],
        ["JUMLAH", "", "", "", "", "", "", "", "", ""],
    ]
    content = _with_title(to_csv([*SANTRI_HEADERS, NOT_IMPORTED], rows))
    upload = SimpleUploadedFile("santri-crawl.csv", content, content_type="text/csv")
    return import_preview(actor=staf, kind="santripreneur", uploaded_file=upload)


def kegiatan_batch(officer, rencana):
    """Plan lines into the officer's plan: one as the template's example, the others with an unknown indicator, a
    target in words, rupiah with decimals and a funding source the portal does not know."""
    columns = KegiatanImport.columns
    example = {column.key: column.example for column in columns} | {"triwulan": "TW I, TW II, TW III, TW IV"}
    wrong = [
        {},
        {"indikator": "Indikator Lain"},
        {"target": "sepuluh", "uraian": "Pelatihan kedua"},
        {"pagu": "12,5", "uraian": "Pelatihan ketiga"},
        {"sumber_dana": "Hibah luar negeri", "uraian": "Pelatihan keempat"},
    ]
    headers = [column.header for column in columns] + [NOT_IMPORTED]
    rows = [[{**example, **change}.get(column.key, "") for column in columns] + [""] for change in wrong]
    content = _with_title(to_csv(headers, rows))
    upload = SimpleUploadedFile("kegiatan-crawl.csv", content, content_type="text/csv")
    return import_preview(actor=officer, kind="plan_lines", uploaded_file=upload, options={"rencana": rencana.pk})


def _free_year(opd):
    taken = set(Rencana.objects.filter(opd=opd).values_list("tahun", flat=True))
    return next(year for year in range(FIRST_YEAR, datetime.date.today().year) if year not in taken)


def plan_cycle(staf, officer, admin):
    """One plan of the officer's OPD walked through the cycle, with comments both ways and its first quarter's
    reminders (a week before, and once late): every kind of the plan cycle lands in an inbox. The plan ends reopened
    (a draft), where the officer uploads lines."""
    rencana = services.rencana_create(actor=officer, opd=officer.opd, tahun=_free_year(officer.opd))
    services.kegiatan_create(actor=officer, rencana=rencana, data=line_data())
    services.rencana_submit(actor=officer, rencana=rencana)
    services.rencana_return(actor=staf, rencana=rencana, catatan="Lokasi kegiatan No. 1?")
    services.komentar_add(actor=officer, rencana=rencana, isi="OK.")
    services.komentar_add(actor=staf, rencana=rencana, isi="TW I?")
    services.rencana_submit(actor=officer, rencana=rencana)
    services.rencana_verify(actor=staf, rencana=rencana)
    batas = deadlines_for_year(rencana.tahun)[1]
    reminders_send(today=batas - datetime.timedelta(days=5))
    reminders_send(today=batas + datetime.timedelta(days=2))
    services.rencana_reopen(actor=admin, rencana=rencana, alasan="Revisi pagu")
    rencana.refresh_from_db()
    return rencana


def tally_difference(admin):
    """A dashboard tally off by a few, found by the reconciliation job: the admins hear of it."""
    tally = SantripreneurTally.objects.order_by("pk").first()
    SantripreneurTally.objects.filter(pk=tally.pk).update(jumlah=tally.jumlah + 7)
    job_start(actor=admin, kind="rekonsiliasi")
    SantripreneurTally.objects.filter(pk=tally.pk).update(jumlah=tally.jumlah)


def seed():
    """Seed it all after the demo; returns ({role: [extra URL to visit]}, the kinds of notification on the first
    page of those roles' inboxes)."""
    users = {name: User.objects.get(username=name) for name in ROLES}
    staf, officer, admin = users["staf"], users["petugas.kominfo"], users["admin"]
    rencana = plan_cycle(staf, officer, admin)
    tally_difference(admin)
    santri = santri_batch(staf)
    kegiatan = kegiatan_batch(officer, rencana)
    previews = {santri.uploaded_by.username: [santri], kegiatan.uploaded_by.username: [kegiatan]}
    urls = {role: ["/notifikasi/", *(batch.get_absolute_url() for batch in previews.get(role, []))] for role in ROLES}
    urls["admin"] += [santri.get_absolute_url(), kegiatan.get_absolute_url()]  # admins see every batch
    kinds = set()
    for user in users.values():
        kinds |= set(Notifikasi.objects.filter(penerima=user).values_list("jenis", flat=True)[:PER_PAGE])
    return urls, kinds
