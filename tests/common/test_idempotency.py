"""opop/common/idempotency.py: one row per create form, however often (or however simultaneously) it is sent."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from opop.common.idempotency import AlreadySubmitted, create_once
from opop.common.models import UsedFormToken
from programs import services
from programs.models import Kegiatan
from tests.programs.factories import first_kegiatan, make_plan

TOKEN = "0123456789abcdef0123456789abcdef"


class Created:
    def __init__(self, pk):
        self.pk = pk

    def get_absolute_url(self):
        return f"/dibuat/{self.pk}/"


def test_a_token_creates_once_and_the_second_call_learns_where_the_row_is(staf):
    calls = []
    create = lambda: calls.append(1) or Created(len(calls))  # noqa: E731
    assert create_once(actor=staf, token=TOKEN, create=create).pk == 1
    with pytest.raises(AlreadySubmitted) as again:
        create_once(actor=staf, token=TOKEN, create=create)
    assert again.value.url == "/dibuat/1/" and calls == [1]
    assert UsedFormToken.objects.get().user == staf


def test_a_failed_create_does_not_use_up_the_token(staf):
    def refuse():
        raise ValidationError("tidak valid")

    with pytest.raises(ValidationError):
        create_once(actor=staf, token=TOKEN, create=refuse)
    assert not UsedFormToken.objects.exists()
    assert create_once(actor=staf, token=TOKEN, create=lambda: Created(7)).pk == 7


def test_another_users_token_is_not_revealed(staf, admin):
    create_once(actor=staf, token=TOKEN, create=lambda: Created(1))
    with pytest.raises(AlreadySubmitted) as again:
        create_once(actor=admin, token=TOKEN, create=lambda: Created(2))
    assert again.value.url == ""


def test_no_token_just_creates(staf):
    assert [create_once(actor=staf, token="", create=lambda n=n: Created(n)).pk for n in (1, 2)] == [1, 2]
    assert not UsedFormToken.objects.exists()


def test_old_tokens_are_cleaned_up(staf):
    create_once(actor=staf, token=TOKEN, create=lambda: Created(1))
    UsedFormToken.objects.update(used_at=timezone.now() - datetime.timedelta(days=8))
    create_once(actor=staf, token="f" * 32, create=lambda: Created(2))
    assert list(UsedFormToken.objects.values_list("token", flat=True)) == ["f" * 32]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL (CI runs it)")
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_form_at_once_create_one_line(petugas_a, opd_a):
    plan = make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=1)
    data = {field: getattr(first_kegiatan(plan), field) for field in services.KEGIATAN_FIELDS} | {"uraian": "Serentak"}
    barrier, outcomes = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            create_once(
                actor=petugas_a,
                token=TOKEN,
                create=lambda: services.kegiatan_create(actor=petugas_a, rencana=plan, data=data),
            )
            outcomes.append("created")
        except AlreadySubmitted:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "created"]
    assert Kegiatan.objects.filter(uraian="Serentak").count() == 1
