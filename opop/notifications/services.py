"""Sending and reading notifications. Domain services call `notify` inside their transaction: the inbox rows
commit with the change they announce, and the e-mail copies are queued only once it has committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opop.accounts.models import User
from opop.notifications.models import Notifikasi


def in_portal_language():
    """Messages are written in the portal's language, whatever language the person who caused them uses."""
    return translation.override(settings.LANGUAGE_CODE)


@transaction.atomic
def notify(*, recipients, jenis, judul, tautan, isi="", kunci="", actor=None):
    """One inbox message for each active recipient (never the actor, never twice for one `kunci`), and one
    e-mail for those who keep e-mail on. Returns the messages created."""
    people = {u.pk: u for u in recipients if u.is_active and (actor is None or u.pk != actor.pk)}
    if kunci:
        already = Notifikasi.objects.filter(kunci=kunci, penerima_id__in=people).values_list("penerima_id", flat=True)
        for pk in set(already):
            people.pop(pk)
    if not people:
        return []
    created = Notifikasi.objects.bulk_create(
        Notifikasi(penerima_id=pk, jenis=jenis, judul=str(judul)[:200], isi=str(isi), tautan=tautan, kunci=kunci)
        for pk in people
    )
    User.objects.filter(pk__in=people).update(notifikasi_belum_dibaca=F("notifikasi_belum_dibaca") + 1)
    mailed = [n.pk for n in created if people[n.penerima_id].terima_email and people[n.penerima_id].email]
    if mailed:
        transaction.on_commit(lambda: _queue_emails(mailed))
    return created


def _queue_emails(ids):
    from opop.notifications.tasks import send_email

    for pk in ids:
        send_email.enqueue(pk)


def notifikasi_send_email(notifikasi_id):
    """Send the e-mail copy once; the recipient's current address and choice decide (both may have changed)."""
    with transaction.atomic():
        notifikasi = (
            Notifikasi.objects.select_for_update()
            .select_related("penerima")
            .filter(pk=notifikasi_id, email_dikirim_pada__isnull=True)
            .first()
        )
        if notifikasi is None:
            return False
        person = notifikasi.penerima
        if not (person.is_active and person.terima_email and person.email):
            return False
        with in_portal_language():
            footer = _("Pesan ini dikirim oleh Portal OPOP Jatim. Matikan email notifikasi di halaman Notifikasi.")
            body = f"{notifikasi.isi}\n\n{settings.PORTAL_URL}{notifikasi.tautan}\n\n-- \n{footer}\n"
        send_mail(f"[OPOP Jatim] {notifikasi.judul}", body, None, [person.email])
        Notifikasi.objects.filter(pk=notifikasi.pk).update(email_dikirim_pada=timezone.now())
        return True


@transaction.atomic
def notifikasi_mark_read(*, actor, notifikasi):
    marked = Notifikasi.objects.filter(pk=notifikasi.pk, penerima=actor, dibaca_pada__isnull=True).update(
        dibaca_pada=timezone.now()
    )
    if marked:
        User.objects.filter(pk=actor.pk).update(notifikasi_belum_dibaca=Greatest(F("notifikasi_belum_dibaca") - 1, 0))
    return marked


@transaction.atomic
def notifikasi_mark_all_read(*, actor):
    marked = Notifikasi.objects.filter(penerima=actor, dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())
    User.objects.filter(pk=actor.pk).update(notifikasi_belum_dibaca=0)
    return marked


def email_preference_set(*, actor, terima_email):
    User.objects.filter(pk=actor.pk).update(terima_email=bool(terima_email))
