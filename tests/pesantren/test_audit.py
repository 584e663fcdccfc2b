"""Every registry write leaves a history row with who, when and why — bulk paths included."""

import datetime

from simple_history.utils import bulk_create_with_history

from pesantren import services
from pesantren.models import Santripreneur, normalize_name
from tests.pesantren.conftest import make_santri


def _new_people(pesantren, n, prefix):
    return [
        Santripreneur(
            nama=f"{prefix} {i}",
            nama_normal=normalize_name(f"{prefix} {i}"),
            pesantren=pesantren,
            tahun_terdaftar=2024,
            tanggal_lahir=datetime.date(2000, 1, 1),
        )
        for i in range(n)
    ]


def test_create_update_delete_are_recorded_with_user_and_reason(staf, admin, pesantren):
    person = make_santri(pesantren)
    pk = person.pk
    services.santripreneur_save(actor=staf, person=person, bidang_usaha="Kopi", reason="Ganti usaha")
    services.record_delete(actor=admin, obj=person, reason="Ganda")
    records = list(Santripreneur.history.filter(id=pk).order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~", "-"]
    assert [(r.history_user, r.history_change_reason) for r in records[1:]] == [(staf, "Ganti usaha"), (admin, "Ganda")]
    assert [c.field for c in records[1].diff_against(records[0]).changes] == ["bidang_usaha"]


def test_bulk_create_with_history_writes_history_but_plain_bulk_create_does_not(staf, pesantren):
    """Why the demo seeder (and any bulk path) must use the helper: plain bulk_create bypasses save() signals."""
    Santripreneur.objects.bulk_create(_new_people(pesantren, 3, "Tanpa Riwayat"))
    assert Santripreneur.objects.count() == 3
    assert Santripreneur.history.count() == 0

    bulk_create_with_history(
        _new_people(pesantren, 3, "Dengan Riwayat"), Santripreneur, default_user=staf, default_change_reason="Impor"
    )
    records = Santripreneur.history.all()
    assert records.count() == 3
    assert {(r.history_type, r.history_user, r.history_change_reason) for r in records} == {("+", staf, "Impor")}


def test_queryset_update_skips_history_so_services_never_use_it(pesantren):
    person = make_santri(pesantren)
    Santripreneur.objects.filter(pk=person.pk).update(bidang_usaha="Kopi")
    assert person.history.count() == 1  # only the creation: the update left no trace
