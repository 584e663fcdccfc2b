"""Sending and reading notifications. Domain services call `notify` inside their transaction: the inbox rows
commit with the change they announce, and the e-mail copies are queued only once it has committed."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from opop.accounts.models import User
from opop.common.reader_language import Deferred, stored
from opop.notifications.models import Notifikasi
from opop.notifications.tasks import send_email

# Set by `inbox_only()`: messages go to the inbox, no e-mail copy is queued.
_INBOX_ONLY = ContextVar("notifications_inbox_only", default=False)


@contextmanager
def inbox_only():
    """Inside this block `notify` writes the inbox rows but queues no e-mail copy. For work done on nobody's behalf
    that replays many steps at once (the demo seed walks every plan through the cycle: hundreds of e-mails that would
    bury its logins on the console); what people do in the portal never runs inside it."""
    token = _INBOX_ONLY.set(True)
    try:
        yield
    finally:
        _INBOX_ONLY.reset(token)


@transaction.atomic
def notify(*, recipients, jenis, judul, tautan, isi="", kunci="", actor=None, teks=None):
    """One inbox message for each active recipient (never the actor, never twice for one `kunci`), and one
    e-mail for those who keep e-mail on (none inside `inbox_only()`). Returns the messages created. `judul` and
    `isi` written with opop.common.reader_language (`deferred`) keep their texts, so the inbox shows them in each
    reader's language; so does `teks`: (judul msgid, isi msgid, values) of a message written with gettext_noop
    texts."""
    original = {part: stored(text) for part, text in (("judul", judul), ("isi", isi)) if isinstance(text, Deferred)}
    if teks is not None:
        judul_msgid, isi_msgid, values = teks
        nilai = {k: stored(v) for k, v in values.items()}
        original = {
            part: {"msgid": msgid, "nilai": nilai} for part, msgid in (("judul", judul_msgid), ("isi", isi_msgid))
        }
    people = {u.pk: u for u in recipients if u.is_active and (actor is None or u.pk != actor.pk)}
    if kunci:
        # Two runs of the same reminder at once (two workers): the second waits for the first's recipients, then
        # finds their messages below. The unique key (penerima, kunci) backs this up.
        list(User.objects.select_for_update().filter(pk__in=people).order_by("pk").values_list("pk", flat=True))
        already = Notifikasi.objects.filter(kunci=kunci, penerima_id__in=people).values_list("penerima_id", flat=True)
        for pk in set(already):
            people.pop(pk)
    if not people:
        return []
    created = Notifikasi.objects.bulk_create(
        Notifikasi(
            penerima_id=pk, jenis=jenis, judul=str(judul)[:200], isi=str(isi), tautan=tautan, kunci=kunci, teks=original
        )
        for pk in people
    )
    User.objects.filter(pk__in=people).update(notifikasi_belum_dibaca=F("notifikasi_belum_dibaca") + 1)
    mailed = [n.pk for n in created if people[n.penerima_id].terima_email and people[n.penerima_id].email]
    if mailed and not _INBOX_ONLY.get():
        transaction.on_commit(lambda: _queue_emails(mailed))
    return created


def _queue_emails(ids):
    for pk in ids:
        send_email.enqueue(pk)


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
