"""The e-mail copy of a notification, sent by the background worker so no page waits on the mail server.
Its only argument is the notification's id (no address, no content in the queue)."""

from django_tasks import task


@task()
def send_email(notifikasi_id: int):
    from opop.notifications.services import notifikasi_send_email

    notifikasi_send_email(notifikasi_id)
