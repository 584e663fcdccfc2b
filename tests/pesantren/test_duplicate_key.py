"""Issue 18: the duplicate key (normalised name | birth date | pesantren) in an indexed column and the "has a twin"
flag, kept by every write path; the review page and the per-person warning read them and find what the old
GROUP BY over the whole registry found."""

import datetime
import importlib
import random
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef

from opop.imports.bulk import insert_created
from opop.imports.engine import run_import
from opop.imports.registry import get_spec
from pesantren import duplicates, selectors, services
from pesantren.models import Pesantren, Santripreneur, Sociopreneur, duplicate_key
from tests.importer.data import SANTRI_HEADERS, to_csv
from tests.pesantren.conftest import BIRTH, make_santri, make_socio


def _flags():
    return dict(Santripreneur.objects.values_list("pk", "ada_kembaran"))


def _key(nama, pesantren, born=BIRTH):
    return duplicate_key(nama, born, pesantren.pk)


def test_key_is_name_birth_date_and_pesantren_with_blanks_for_what_is_unknown():
    assert duplicate_key("siti aminah", datetime.date(1990, 1, 2), 7) == "siti aminah|1990-01-02|7"
    assert duplicate_key("siti aminah", None, None) == "siti aminah||"


def test_model_save_sets_the_key_even_without_clean(pesantren):
    person = Santripreneur.objects.create(
        nama="Siti  AMINAH", tanggal_lahir=BIRTH, pesantren=pesantren, tahun_terdaftar=2023
    )
    person.refresh_from_db()
    assert (person.nama_normal, person.kunci_duplikat) == ("siti aminah", _key("siti aminah", pesantren))
    person.tanggal_lahir = datetime.date(1991, 5, 6)
    person.save(update_fields=["tanggal_lahir"])  # update_fields gains the derived columns
    person.refresh_from_db()
    assert person.kunci_duplikat == _key("siti aminah", pesantren, datetime.date(1991, 5, 6))


def test_service_create_flags_both_twins_and_an_edit_away_unflags_them(pesantren, pesantren_malang, santri):
    assert _flags() == {santri.pk: False}
    twin = make_santri(pesantren, nama="siti  AMINAH")
    assert _flags() == {santri.pk: True, twin.pk: True}
    assert Santripreneur.objects.get(pk=twin.pk).kunci_duplikat == _key("siti aminah", pesantren)
    services.santripreneur_save(actor=None, person=twin, pesantren=pesantren_malang)
    assert _flags() == {santri.pk: False, twin.pk: False}
    services.santripreneur_save(actor=None, person=twin, pesantren=pesantren)
    assert _flags() == {santri.pk: True, twin.pk: True}


def test_people_without_birth_date_are_never_flagged(pesantren):
    first = make_santri(pesantren, tanggal_lahir=None)
    second = make_santri(pesantren, tanggal_lahir=None)
    assert _flags() == {first.pk: False, second.pk: False}


def test_deleting_one_of_two_twins_unflags_the_other(pesantren, santri):
    twin = make_santri(pesantren, nama="Siti Aminah")
    services.record_delete(actor=None, obj=twin, reason="salah ketik")
    assert _flags() == {santri.pk: False}


def test_merge_leaves_the_kept_record_without_a_twin(staf, pesantren, santri):
    twin = make_santri(pesantren, nama="Siti Aminah")
    third = make_santri(pesantren, nama="Siti Aminah")
    services.santripreneur_merge(actor=staf, keep=santri, drop=twin, reason="orang yang sama")
    assert _flags() == {santri.pk: True, third.pk: True}
    services.santripreneur_merge(actor=staf, keep=santri, drop=third, reason="orang yang sama")
    assert _flags() == {santri.pk: False}


def test_import_create_and_update_set_the_key_and_the_flags(staf, pesantren_nspps):
    spec = get_spec("santripreneur")
    nspp = pesantren_nspps[0]
    row = ["Siti Aminah", "", "P", "02-03-2001", "", nspp, "Kuliner", "Aktif", "2023"]
    # another NIK, same name, birth date and pesantren as `first` once it moved: a new record, a suspected twin
    twin = ["SITI  aminah", "3517014203010002", "P", "02-03-2001", "", pesantren_nspps[1], "Kuliner", "Aktif", "2024"]
    assert run_import(spec, to_csv(SANTRI_HEADERS, [row]), "a.csv", actor=staf, commit=True).committed
    first = Santripreneur.objects.get()
    pesantren = Pesantren.objects.get(nspp=nspp)
    assert first.kunci_duplikat == duplicate_key("siti aminah", datetime.date(2001, 3, 2), pesantren.pk)
    first.nik = "3517014203010001"  # a NIK on record: the twin row (no NIK) then matches by name as an update
    services.santripreneur_save(actor=staf, person=first, nik=first.nik)
    other = make_santri(pesantren, nama="Siti Aminah", tanggal_lahir=datetime.date(2001, 3, 2))
    assert _flags() == {first.pk: True, other.pk: True}
    moved = ["Siti Aminah", "3517014203010001", "P", "02-03-2001", "", pesantren_nspps[1], "Kuliner", "Aktif", "2023"]
    result = run_import(spec, to_csv(SANTRI_HEADERS, [moved]), "b.csv", actor=staf, commit=True)
    assert result.committed and result.counts["update"] == 1, result.error_list()
    first.refresh_from_db()
    assert first.pesantren.nspp == pesantren_nspps[1]
    assert first.kunci_duplikat.endswith(f"|{first.pesantren_id}")
    assert _flags() == {first.pk: False, other.pk: False}  # the update moved the key: the twin is alone now
    again = run_import(spec, to_csv(SANTRI_HEADERS, [twin]), "c.csv", actor=staf, commit=True)
    assert again.committed and again.counts["create"] == 1, again.error_list()
    created = Santripreneur.objects.get(nik="3517014203010002")
    assert _flags() == {first.pk: True, other.pk: False, created.pk: True}


def test_bulk_insert_sets_the_key_of_rows_that_were_never_cleaned(pesantren):
    """The importer's bulk path (COPY on PostgreSQL, bulk_create elsewhere; CI runs both)."""
    objs = [
        Santripreneur(nama="Umar  Hakim", tanggal_lahir=BIRTH, pesantren=pesantren, tahun_terdaftar=2023)
        for _ in range(2)
    ]
    insert_created(objs, Santripreneur, batch=None, user=None, reason="uji")
    keys = set(Santripreneur.objects.values_list("kunci_duplikat", flat=True))
    assert keys == {_key("umar hakim", pesantren)}
    duplicates.refresh(keys)
    assert set(_flags().values()) == {True}


def test_admin_add_change_and_delete_keep_the_flags(as_persona, pesantren, pesantren_malang, santri):
    client = as_persona("admin")
    form = {
        "nama": "Siti Aminah",
        "nik": "",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1990-01-01",
        "telepon": "",
        "status": "aktif",
        "pesantren": pesantren.pk,
        "bidang_usaha": "",
        "tahun_terdaftar": 2023,
    }
    response = client.post("/admin/pesantren/santripreneur/add/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    twin = Santripreneur.objects.exclude(pk=santri.pk).get()
    assert twin.kunci_duplikat == santri.kunci_duplikat and set(_flags().values()) == {True}
    change = f"/admin/pesantren/santripreneur/{twin.pk}/change/"
    response = client.post(change, {**form, "pesantren": pesantren_malang.pk})
    assert response.status_code == 302
    assert set(_flags().values()) == {False}
    client.post(change, form)
    assert set(_flags().values()) == {True}
    response = client.post(f"/admin/pesantren/santripreneur/{twin.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert _flags() == {santri.pk: False}
    twin = make_santri(pesantren, nama="Siti Aminah")
    third = make_santri(pesantren, nama="Siti Aminah")
    client.post(
        "/admin/pesantren/santripreneur/",
        {"action": "delete_selected", "_selected_action": [twin.pk, third.pk], "post": "yes"},
    )
    assert _flags() == {santri.pk: False}


def test_demo_data_has_keys_and_flags(db):
    from pesantren.demo import seed_demo_registry

    seed_demo_registry()
    assert not Santripreneur.objects.filter(kunci_duplikat="").exists()
    assert not Sociopreneur.objects.filter(kunci_duplikat="").exists()
    assert Santripreneur.objects.filter(ada_kembaran=True).count() >= 10  # five people typed in twice


def test_bench_generator_writes_keys_and_flags(db):
    from opop.bench.generate import DUPLICATE_EVERY, generate_registry

    generate_registry(pesantren=40, santri=2 * DUPLICATE_EVERY, participations=50, log=lambda *_: None)
    for person in Santripreneur.objects.all()[:200]:
        assert person.kunci_duplikat == duplicate_key(person.nama_normal, person.tanggal_lahir, person.pesantren_id)
    assert Santripreneur.objects.filter(ada_kembaran=True).count() >= 4


def test_rebuild_repairs_the_flags(pesantren, santri):
    twin = make_santri(pesantren, nama="Siti Aminah")
    lone = make_santri(pesantren, nama="Umar Hakim")
    Santripreneur.objects.update(ada_kembaran=False)
    Santripreneur.objects.filter(pk=lone.pk).update(ada_kembaran=True)
    duplicates.rebuild()
    assert _flags() == {santri.pk: True, twin.pk: True, lone.pk: False}


def test_data_migration_fills_the_key_and_the_flags_of_existing_rows(pesantren, santri):
    twin = make_santri(pesantren, nama="Siti Aminah")
    socio = make_socio(pesantren)
    no_birth = make_santri(pesantren, nama="Umar Hakim", tanggal_lahir=None)
    Santripreneur.objects.update(kunci_duplikat="", ada_kembaran=False)
    Sociopreneur.objects.update(kunci_duplikat="")
    migration = importlib.import_module("pesantren.migrations.0008_duplicate_key_and_twin_flag")
    migration.fill(None, SimpleNamespace(connection=connection))
    for person in Santripreneur.objects.all():
        assert person.kunci_duplikat == duplicate_key(person.nama_normal, person.tanggal_lahir, person.pesantren_id)
    socio.refresh_from_db()
    assert socio.kunci_duplikat == duplicate_key("laila hasanah", BIRTH, pesantren.pk)
    assert _flags() == {santri.pk: True, twin.pk: True, no_birth.pk: False}


def test_sociopreneur_key_follows_its_pesantren_of_origin(pesantren):
    socio = make_socio(pesantren)
    assert socio.kunci_duplikat == duplicate_key("laila hasanah", BIRTH, pesantren.pk)
    alone = make_socio(None, nama="Rina", tanggal_lahir=None)
    assert alone.kunci_duplikat == "rina||"


def _old_open_groups():
    """The selector as it was before issue 18: a GROUP BY over the whole registry (the reference)."""
    decided = Santripreneur.bukan_duplikat.through.objects.filter(from_santripreneur_id=OuterRef(OuterRef("pk")))
    undecided_twin = (
        Santripreneur.objects.filter(
            nama_normal=OuterRef("nama_normal"),
            tanggal_lahir=OuterRef("tanggal_lahir"),
            pesantren_id=OuterRef("pesantren_id"),
        )
        .exclude(pk=OuterRef("pk"))
        .exclude(pk__in=decided.values("to_santripreneur_id"))
    )
    return list(
        Santripreneur.objects.filter(tanggal_lahir__isnull=False)
        .filter(Exists(undecided_twin))
        .values("nama_normal", "tanggal_lahir", "pesantren_id")
        .annotate(jumlah=Count("id"))
        .filter(jumlah__gt=1)
        .order_by("-jumlah", "nama_normal", "tanggal_lahir", "pesantren_id")
    )


def test_selectors_give_the_same_groups_and_warnings_as_the_old_group_by(staf, pesantren, pesantren_malang):
    rng = random.Random(18)
    people = []
    for _ in range(120):
        people.append(
            make_santri(
                rng.choice([pesantren, pesantren_malang]),
                nama=rng.choice(["Siti Aminah", "siti  aminah", "Ahmad Fauzi", "Umar Hakim", "Ali"]),
                tanggal_lahir=rng.choice([BIRTH, datetime.date(1991, 2, 3), None]),
            )
        )
    for _ in range(15):
        a, b = rng.sample(people, 2)
        services.santripreneur_mark_not_duplicate(actor=staf, person=a, other=b)
    for person in rng.sample(people, 10):
        services.santripreneur_save(actor=staf, person=person, nama=rng.choice(["Ali", "Rina Ulfa"]))
    for person in rng.sample([p for p in people if Santripreneur.objects.filter(pk=p.pk).exists()], 5):
        services.record_delete(actor=staf, obj=Santripreneur.objects.get(pk=person.pk))
    new = [
        {k: g[k] for k in ("nama_normal", "tanggal_lahir", "pesantren_id", "jumlah")}
        for g in selectors.santripreneur_open_duplicate_groups(staf)
    ]
    old = _old_open_groups()
    assert new == old and len(old) >= 3
    assert selectors.santripreneur_duplicate_group_count(staf) == len(old)
    members = selectors.santripreneur_duplicate_group_members(staf, selectors.santripreneur_open_duplicate_groups(staf))
    for group in old:
        expected = Santripreneur.objects.filter(
            nama_normal=group["nama_normal"], tanggal_lahir=group["tanggal_lahir"], pesantren_id=group["pesantren_id"]
        )
        key = (group["nama_normal"], group["tanggal_lahir"], group["pesantren_id"])
        assert {m.pk for m in members[key]} == set(expected.values_list("pk", flat=True))
    for person in Santripreneur.objects.all():
        before = (
            Santripreneur.objects.filter(
                nama_normal=person.nama_normal, tanggal_lahir=person.tanggal_lahir, pesantren_id=person.pesantren_id
            )
            .exclude(pk=person.pk)
            .exclude(pk__in=person.bukan_duplikat.values("pk"))
            if person.tanggal_lahir
            else Santripreneur.objects.none()
        )
        assert set(selectors.santripreneur_duplicates_of(person, staf).values_list("pk", flat=True)) == set(
            before.values_list("pk", flat=True)
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the per-key locks are PostgreSQL's advisory locks")
def test_a_write_of_50000_keys_holds_a_bounded_number_of_locks(db):
    """The bug CI caught: one advisory lock per key ran PostgreSQL's lock table out of memory on a 50 000-row
    import ('out of shared memory'), so the write never ended. Keys share LOCK_BUCKETS locks now."""
    with transaction.atomic():
        duplicates.refresh([f"nama {i}|2001-01-01|1" for i in range(50_000)])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
            held = cursor.fetchone()[0]
    assert 0 < held <= duplicates.LOCK_BUCKETS
