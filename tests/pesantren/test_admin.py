import pytest

ADMIN_PAGES = [
    "/admin/pesantren/pesantren/",
    "/admin/pesantren/santripreneur/?pesantren__kabkota__kode__exact=35.17",
    "/admin/pesantren/sociopreneur/",
    "/admin/pesantren/participation/",
    "/admin/pesantren/kopontren/",
    "/admin/pesantren/santripreneurtally/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_open_for_the_admin_role_only(url, as_persona, pesantren_nspps):
    assert as_persona("admin").get(url).status_code == 200
    assert as_persona("staf").get(url).status_code == 302


def test_rebuild_tallies_command(pesantren_nspps, capsys):
    from django.core.management import call_command

    call_command("rebuild_tallies")
    assert "Rekap dihitung ulang" in capsys.readouterr().out


# ---------------------------------------------------------------- at scale (issue 18): same pages, indexes serve them

CHANGELISTS = [
    "/admin/pesantren/santripreneur/",
    "/admin/pesantren/santripreneur/?tahun_terdaftar=2023",
    "/admin/pesantren/santripreneur/?tahun_terdaftar=abc",
    "/admin/pesantren/santripreneur/?pesantren__kabkota__kode__exact=35.17&status__exact=aktif",
    "/admin/pesantren/santripreneur/?q=siti",
    "/admin/pesantren/santripreneur/?tahun_terdaftar=2023&q=AMINAH",
    "/admin/pesantren/participation/",
    "/admin/pesantren/participation/?tahun=2023",
    "/admin/pesantren/participation/?q=siti+aminah",
]


@pytest.fixture
def people(santri, pesantren, diskop):
    from pesantren import services
    from tests.pesantren.conftest import make_santri

    other = make_santri(pesantren, nama="Umar Hakim", tahun_terdaftar=2021)
    services.participation_add(actor=None, santripreneur=santri, kegiatan="Pelatihan", opd=diskop, tahun=2023)
    services.participation_add(actor=None, santripreneur=other, kegiatan="Pelatihan", opd=diskop, tahun=2021)
    return santri, other


@pytest.mark.parametrize("url", CHANGELISTS)
def test_changelists_with_filters_and_search_open(url, as_persona, people):
    assert as_persona("admin").get(url).status_code == 200


def _found(client, url, q):
    return {obj.pk for obj in client.get(url, {"q": q}).context["cl"].result_list}


@pytest.mark.parametrize("q", ["siti", "AMINAH", "aminah siti", "Siti  Aminah", "3517010101900001"])
def test_admin_search_finds_people_by_any_part_of_the_name_or_the_whole_nik(q, as_persona, people):
    santri, _other = people
    client = as_persona("admin")
    assert _found(client, "/admin/pesantren/santripreneur/", q) == {santri.pk}
    assert {
        p.santripreneur_id for p in client.get("/admin/pesantren/participation/", {"q": q}).context["cl"].result_list
    } == {santri.pk}


def test_admin_search_of_nothing_known_finds_nothing(as_persona, people):
    client = as_persona("admin")
    assert _found(client, "/admin/pesantren/santripreneur/", "zainab") == set()
    assert _found(client, "/admin/pesantren/santripreneur/", "351701010190") == set()  # part of a NIK: not a search


def test_year_filter_offers_the_programme_years_without_a_distinct_scan(as_persona, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("admin")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/pesantren/santripreneur/", {"tahun_terdaftar": "2021"})
    assert [p.pk for p in response.context["cl"].result_list] == [people[1].pk]
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/pesantren/participation/")
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]


def test_unfiltered_changelist_counts_from_the_tally_not_the_table(as_persona, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("admin")
    for url, table in (
        ("/admin/pesantren/santripreneur/", "pesantren_santripreneur"),
        ("/admin/pesantren/participation/", "pesantren_participation"),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.context["cl"].result_count == 2
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and f'FROM "{table}"' in q["sql"]]
        assert counts == []
    filtered = client.get("/admin/pesantren/santripreneur/", {"q": "umar"})
    assert filtered.context["cl"].result_count == 1


def test_change_view_picks_related_records_by_id(as_persona, people):
    santri, other = people
    content = as_persona("admin").get(f"/admin/pesantren/santripreneur/{santri.pk}/change/").content.decode()
    assert "vForeignKeyRawIdAdminField" in content and "vManyToManyRawIdAdminField" in content
    assert "Umar Hakim" not in content  # no <select> listing every other person


def test_admin_writes_keep_the_dashboard_tallies_in_step(as_persona, people, pesantren, diskop):
    from pesantren import tallies
    from pesantren.models import Participation, ParticipationTally, Santripreneur, SantripreneurTally

    def stored():
        santri = {(t.kabkota_id, t.tahun, t.aktif): t.jumlah for t in SantripreneurTally.objects.all() if t.jumlah}
        part = {(t.opd_id, t.tahun): t.jumlah for t in ParticipationTally.objects.all() if t.jumlah}
        return santri, part

    def counted():
        santri, part = tallies.recount()
        return {k: v for k, v in santri.items() if v}, {k: v for k, v in part.items() if v}

    client = as_persona("admin")
    form = {
        "nama": "Rina Ulfa",
        "nik": "",
        "jenis_kelamin": "P",
        "tanggal_lahir": "1995-05-05",
        "telepon": "",
        "status": "aktif",
        "pesantren": pesantren.pk,
        "bidang_usaha": "",
        "tahun_terdaftar": 2022,
    }
    assert client.post("/admin/pesantren/santripreneur/add/", form).status_code == 302
    rina = Santripreneur.objects.get(nama="Rina Ulfa")
    change = f"/admin/pesantren/santripreneur/{rina.pk}/change/"
    assert client.post(change, {**form, "status": "tidak_aktif"}).status_code == 302
    add = {"santripreneur": rina.pk, "kegiatan": "Magang", "opd": diskop.pk, "tahun": 2024}
    assert client.post("/admin/pesantren/participation/add/", add).status_code == 302
    participation = Participation.objects.get(kegiatan="Magang")
    part_change = f"/admin/pesantren/participation/{participation.pk}/change/"
    assert client.post(part_change, {**add, "tahun": 2023}).status_code == 302
    assert stored() == counted()
    client.post(f"/admin/pesantren/santripreneur/{rina.pk}/delete/", {"post": "yes"})
    assert stored() == counted() and not Participation.objects.filter(kegiatan="Magang").exists()
    client.post(
        "/admin/pesantren/participation/",
        {"action": "delete_selected", "_selected_action": [p.pk for p in Participation.objects.all()], "post": "yes"},
    )
    assert stored() == counted() and not Participation.objects.exists()


def test_bench_stock_settings_are_put_back(as_persona, people):
    from django.contrib import admin

    from opop.management.commands.bench import bench_stock_admin
    from pesantren.models import Santripreneur

    model_admin = admin.site._registry[Santripreneur]
    with bench_stock_admin():
        assert model_admin.show_full_result_count is True and "tahun_terdaftar" in model_admin.list_filter
        assert as_persona("admin").get("/admin/pesantren/santripreneur/", {"q": "siti"}).status_code == 200
    assert model_admin.show_full_result_count is False and "tahun_terdaftar" not in model_admin.list_filter
    assert "get_search_results" not in model_admin.__dict__


def test_changelists_at_scale_show_50_rows_a_page(as_persona, pesantren):
    from pesantren.models import Santripreneur
    from tests.pesantren.conftest import make_santri

    for i in range(55):
        make_santri(pesantren, nama=f"Orang {i:02d}")
    response = as_persona("admin").get("/admin/pesantren/santripreneur/")
    changelist = response.context["cl"]
    assert changelist.list_per_page == 50 and len(changelist.result_list) == 50
    assert Santripreneur.objects.count() == 55 and "?p=2" in response.content.decode()
