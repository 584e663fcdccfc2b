import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pesantren import services
from pesantren.models import Kopontren, Participation, Pesantren, Santripreneur
from tests.pesantren.conftest import NIK, make_participation, make_santri


def test_services_refuse_fields_outside_their_whitelist(staf, pesantren):
    with pytest.raises(ValueError, match="not writable"):
        services.pesantren_save(actor=staf, pesantren=pesantren, dibuat_pada=None)
    with pytest.raises(ValueError, match="not writable"):
        services.santripreneur_save(actor=staf, person=Santripreneur(), nama_normal="x")


def test_save_validates_before_writing(staf, pesantren):
    with pytest.raises(ValidationError):
        services.pesantren_save(actor=staf, pesantren=pesantren, nspp="5.10035E+11")
    assert Pesantren.objects.get().nspp == "510035170239"


def test_kopontren_save_creates_then_updates_one_row(staf, pesantren):
    services.kopontren_save(actor=staf, pesantren=pesantren, nama="Kopontren A")
    pesantren.refresh_from_db()
    services.kopontren_save(actor=staf, pesantren=pesantren, nama="Kopontren B")
    assert list(Kopontren.objects.values_list("nama", flat=True)) == ["Kopontren B"]


def test_delete_of_referenced_pesantren_raises_an_indonesian_validation_error(staf, santri, pesantren):
    with pytest.raises(ValidationError, match="tidak dapat dihapus karena masih dipakai oleh 1 data lain"):
        services.record_delete(actor=staf, obj=pesantren)
    assert Pesantren.objects.exists()


def test_merge_moves_participations_and_takes_over_the_nik(staf, pesantren, diskop, kominfo):
    keep = make_santri(pesantren, nama="Siti Aminah")
    drop = make_santri(pesantren, nama="Siti Aminah", nik=NIK)
    make_participation(drop, diskop)
    make_participation(drop, kominfo)
    services.santripreneur_merge(actor=staf, keep=keep, drop=drop, reason="Sama")
    keep.refresh_from_db()
    assert keep.nik == NIK and keep.partisipasi.count() == 2 and Participation.objects.count() == 2
    assert not Santripreneur.objects.filter(pk=drop.pk).exists()


def test_merge_needs_a_reason_and_two_different_records(staf, santri):
    with pytest.raises(ValidationError):
        services.santripreneur_merge(actor=staf, keep=santri, drop=santri, reason="x")
    other = make_santri(santri.pesantren, nama="Siti Aminah")
    with pytest.raises(ValidationError):
        services.santripreneur_merge(actor=staf, keep=santri, drop=other, reason=" ")
    assert Santripreneur.objects.count() == 2


def test_merge_that_fails_halfway_leaves_everything_as_it_was(staf, pesantren, diskop, monkeypatch):
    keep = make_santri(pesantren, nama="Siti Aminah")
    drop = make_santri(pesantren, nama="Siti Aminah")
    make_participation(drop, diskop)
    drop_pk = drop.pk
    real_update = services.versioned_update

    def failing_update(*, instance, **kwargs):
        if isinstance(instance, Santripreneur) and instance.pk == keep.pk:  # the last step, after drop is gone
            raise RuntimeError("listrik padam")
        return real_update(instance=instance, **kwargs)

    monkeypatch.setattr(services, "versioned_update", failing_update)
    with pytest.raises(RuntimeError):
        services.santripreneur_merge(actor=staf, keep=keep, drop=drop, reason="Sama")
    assert Santripreneur.objects.count() == 2
    assert Participation.objects.get().santripreneur_id == drop_pk


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_every_registry_write_refuses_a_read_only_role_and_writes_nothing(persona, request, pesantren, diskop):
    reader = request.getfixturevalue(persona)
    person, twin = make_santri(pesantren, nama="Siti Aminah"), make_santri(pesantren, nama="Siti Aminah")
    writes = [
        lambda: services.pesantren_save(actor=reader, pesantren=pesantren, nama="Diubah"),
        lambda: services.kopontren_save(actor=reader, pesantren=pesantren, nama="Kopontren Baru"),
        lambda: services.santripreneur_save(actor=reader, person=person, nama="Diubah"),
        lambda: services.record_delete(actor=reader, obj=person),
        lambda: services.participation_add(actor=reader, santripreneur=person, kegiatan="K", opd=diskop, tahun=2024),
        lambda: services.santripreneur_merge(actor=reader, keep=person, drop=twin, reason="Sama"),
        lambda: services.santripreneur_mark_not_duplicate(actor=reader, person=person, other=twin),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert Pesantren.objects.get().nama == "Pondok Pesantren Tebuireng"
    assert not Kopontren.objects.exists() and not Participation.objects.exists()
    assert Santripreneur.objects.count() == 2 and not person.bukan_duplikat.exists()
