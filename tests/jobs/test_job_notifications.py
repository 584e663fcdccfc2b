"""What background jobs tell people goes through notifications.notify like every other message: the inbox first,
and an e-mail copy for those who keep e-mail on (queued, sent by the worker)."""

from django.core import mail

from opop.jobs.models import Job
from opop.jobs.services import job_start
from opop.notifications.models import Jenis, Notifikasi
from pesantren.models import SantripreneurTally


def test_the_owner_of_a_finished_export_hears_of_it_in_the_inbox_and_by_mail(
    settings,
    staf,
    client,
    people,
    django_capture_on_commit_callbacks,
):
    staf.email, staf.terima_email = "bob@diskop.example", True
    staf.save()
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client.force_login(staf)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/santripreneur/?format=csv")
    job = Job.objects.get(kind="ekspor")
    message = Notifikasi.objects.get(penerima=staf, jenis=Jenis.PEKERJAAN)
    assert message.tautan == f"/pekerjaan/{job.pk}/" and "selesai" in message.judul
    assert message.isi == "12 baris diekspor."
    assert [m.to for m in mail.outbox] == [["bob@diskop.example"]]
    assert "[OPOP Jatim] Pekerjaan selesai" in mail.outbox[0].subject


def test_without_e_mail_the_inbox_still_has_it(
    settings,
    staf,
    client,
    people,
    django_capture_on_commit_callbacks,
):
    staf.email, staf.terima_email = "bob@diskop.example", False
    staf.save()
    settings.EXPORT_IMMEDIATE_MAX_ROWS = 5
    client.force_login(staf)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/santripreneur/?format=csv")
    assert Notifikasi.objects.filter(penerima=staf, jenis=Jenis.PEKERJAAN).count() == 1
    assert mail.outbox == []


def test_a_tally_difference_found_at_night_reaches_every_active_admin(admin, staf, people):
    from pesantren import tallies

    tallies.rebuild()
    SantripreneurTally.objects.filter(pk=SantripreneurTally.objects.first().pk).update(jumlah=99)
    job = job_start(actor=staf, kind="rekonsiliasi")
    assert job.status == "selesai" and "berbeda" in job.message
    message = Notifikasi.objects.get(jenis=Jenis.REKAP)
    assert message.penerima == admin and message.judul == "Rekap dasbor OPOP tidak cocok"
    assert "tercatat 99" in message.isi and message.tautan == f"/pekerjaan/{job.pk}/"


def test_a_matching_tally_tells_nobody(admin, staf, people):
    from pesantren import tallies

    tallies.rebuild()
    job_start(actor=staf, kind="rekonsiliasi")
    assert not Notifikasi.objects.filter(jenis=Jenis.REKAP).exists()
