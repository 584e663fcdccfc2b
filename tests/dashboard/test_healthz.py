from unittest import mock

from django.db.utils import OperationalError


def test_healthz_answers_200_with_database_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["worker"] == "none" and body["workers_alive"] == 0


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch("opop.dashboard.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_reports_a_worker_not_seen_for_a_while(client, db, settings):
    import datetime

    from django.utils import timezone

    from opop.jobs.models import WorkerHeartbeat

    settings.WORKER_STALE_SECONDS = 30
    beat = WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, last_seen=timezone.now())
    assert client.get("/healthz").json()["worker"] == "ok"
    WorkerHeartbeat.objects.filter(pk=beat.pk).update(last_seen=timezone.now() - datetime.timedelta(seconds=31))
    body = client.get("/healthz").json()
    assert body["worker"] == "stale" and body["workers_alive"] == 0 and body["worker_last_seen"]
    assert client.get("/healthz").status_code == 200  # the web still works without a worker
