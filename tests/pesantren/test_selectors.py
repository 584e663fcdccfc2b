from django.contrib.auth.models import AnonymousUser

from opop.accounts.permissions import can_search_nik
from pesantren import selectors, services
from pesantren.models import Santripreneur
from tests.pesantren.conftest import make_santri, make_socio


def test_anonymous_sees_nothing(santri, socio):
    anonymous = AnonymousUser()
    assert not selectors.pesantren_visible_to(anonymous).exists()
    assert not selectors.santripreneur_visible_to(anonymous).exists()
    assert not selectors.sociopreneur_visible_to(anonymous).exists()
    assert not selectors.participation_visible_to(anonymous).exists()
    assert not can_search_nik(anonymous)


def test_every_role_reads_the_registry(admin, staf, pimpinan, petugas_a, santri):
    for user in (admin, staf, pimpinan, petugas_a):
        assert list(selectors.santripreneur_visible_to(user)) == [santri]


def test_only_staf_and_admin_may_search_by_nik(admin, staf, pimpinan, petugas_a):
    assert [can_search_nik(u) for u in (admin, staf, pimpinan, petugas_a)] == [True, True, False, False]


def test_duplicates_of_ignore_people_marked_not_duplicate(staf, santri, pesantren):
    twin = make_santri(pesantren, nama="siti   AMINAH")
    assert list(selectors.santripreneur_duplicates_of(santri, staf)) == [twin]
    services.santripreneur_mark_not_duplicate(actor=staf, person=twin, other=santri)  # symmetrical
    assert not selectors.santripreneur_duplicates_of(santri, staf).exists()


def test_person_without_birth_date_has_no_duplicates(staf, pesantren):
    a = make_santri(pesantren, tanggal_lahir=None)
    make_santri(pesantren, tanggal_lahir=None)
    assert not selectors.santripreneur_duplicates_of(a, staf).exists()


def test_open_groups_and_members_in_two_queries(staf, santri, pesantren, django_assert_num_queries):
    make_santri(pesantren, nama="Siti Aminah")
    with django_assert_num_queries(2):
        groups = list(selectors.santripreneur_open_duplicate_groups(staf))
        members = selectors.santripreneur_duplicate_group_members(staf, groups)
    key = ("siti aminah", santri.tanggal_lahir, pesantren.pk)
    assert groups[0]["pesantren__kabkota__nama"] == "Kabupaten Jombang"
    assert [m.nama for m in members[key]] == ["Siti Aminah", "Siti Aminah"]
    assert selectors.santripreneur_duplicate_group_members(staf, []) == {}


def test_pesantren_stats_count_active_santripreneur_and_alumni(pesantren, pesantren_malang):
    make_santri(pesantren)
    make_santri(pesantren, nama="B", status="tidak_aktif")
    make_santri(pesantren_malang, nama="C")
    make_socio(pesantren)
    assert selectors.pesantren_stats(pesantren) == {"santripreneur": 2, "santripreneur_aktif": 1, "sociopreneur": 1}
    assert Santripreneur.objects.count() == 3
