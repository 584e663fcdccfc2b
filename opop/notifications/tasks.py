"""The e-mail copy of a notification, sent by the background worker so no page waits on the mail server.
Its only argument is the notification's id (no address, no content in the queue)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opop.common.formatting import in_portal_language
from opop.notifications.models import Notifikasi


@task()
def send_email(notifikasi_id: int):
    return notifikasi_send_email(notifikasi_id)


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
