import re

from django.core import mail


def test_password_reset_mails_a_working_indonesian_link(client, staf):
    staf.email = "bob@diskop.example"
    staf.save()
    response = client.post("/akun/reset-sandi/", {"email": "bob@diskop.example"})
    assert response.status_code == 302 and response["Location"] == "/akun/reset-sandi/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi Portal OPOP Jatim"
    link = re.search(r"http://testserver(/akun/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sandi-Baru-2025!", "new_password2": "Sandi-Baru-2025!"},
    )
    assert done["Location"] == "/akun/reset/selesai/"
    staf.refresh_from_db()
    assert staf.check_password("Sandi-Baru-2025!")


def test_invalid_reset_link_says_so(client, db):
    html = client.get("/akun/reset/MQ/bukan-token/").content.decode()
    assert "Tautan tidak berlaku" in html


def test_unknown_email_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/akun/reset-sandi/", {"email": "tidak.ada@example.org"})
    assert response["Location"] == "/akun/reset-sandi/terkirim/"
    assert mail.outbox == []


def test_reset_requests_are_throttled_per_account_whoever_asks(client, staf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    staf.email = "bob@diskop.example"
    staf.save()
    for i in range(3):
        response = client.post(
            "/akun/reset-sandi/", {"email": "bob@diskop.example"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        )
        assert response.status_code == 302
    response = client.post("/akun/reset-sandi/", {"email": "BOB@diskop.example"}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in response.content.decode()
    assert len(mail.outbox) == 3


def test_reset_requests_are_throttled_per_address_for_any_email(client, db, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for i in range(10):
        response = client.post(
            "/akun/reset-sandi/", {"email": f"orang{i}@example.org"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        assert response.status_code == 302
    response = client.post("/akun/reset-sandi/", {"email": "lain@example.org"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429
    # Another address is not affected.
    assert (
        client.post(
            "/akun/reset-sandi/", {"email": "lain@example.org"}, HTTP_X_FORWARDED_FOR="203.0.113.10"
        ).status_code
        == 302
    )


def test_the_throttle_keeps_no_email_address(client, db):
    from opop.accounts.models import PasswordResetRequest

    client.post("/akun/reset-sandi/", {"email": "siti@example.org"})
    row = PasswordResetRequest.objects.get()
    assert "siti" not in row.email_hash and len(row.email_hash) == 64


def _reset_request(client, settings, email):
    """One reset request with the real database queue (nothing runs it): what it stored and sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/akun/reset-sandi/", {"email": email})
    assert response["Location"] == "/akun/reset-sandi/terkirim/"
    task = DBTaskResult.objects.get()
    return [re.sub(r"'[^']*'|\d+", "?", q["sql"]) for q in queries.captured_queries], task


def test_a_known_and_an_unknown_address_take_the_same_path(client, staf, settings):
    """Both answers run the same queries (the throttle, the account lookup, one queued task) and send nothing in the
    request: the mail is written by the worker. Measured once, by time, in the closing note of issue 28."""
    staf.email = "bob@diskop.example"
    staf.save()
    known, known_task = _reset_request(client, settings, "bob@diskop.example")
    unknown, unknown_task = _reset_request(client, settings, "tidak.ada@example.org")
    assert known == unknown and len(known) >= 4
    assert mail.outbox == []
    assert known_task.args_kwargs["args"][0] == [staf.pk] and unknown_task.args_kwargs["args"][0] == []
    assert "bob@" not in str(known_task.args_kwargs)  # ids in the queue, never the address


def test_the_queued_task_sends_the_mail_in_the_requests_language(client, staf, settings):
    from opop.accounts.tasks import send_password_reset

    staf.email = "bob@diskop.example"
    staf.save()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    _queries, task = _reset_request(client, settings, "bob@diskop.example")
    send_password_reset.call(*task.args_kwargs["args"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@diskop.example"]
    assert mail.outbox[0].subject == "Reset your OPOP East Java Portal password"
    assert "http://testserver/akun/reset/" in mail.outbox[0].body
