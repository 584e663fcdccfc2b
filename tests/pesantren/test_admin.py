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


def _table_counts(queries, table):
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and f'FROM "{table}"' in q["sql"]]


@pytest.fixture
def spread(people, pesantren, diskop):
    """Five more people over two years and both statuses, with participations: the tallies have several keys."""
    from pesantren import services
    from tests.pesantren.conftest import make_santri

    keys = [(2021, "aktif"), (2021, "tidak_aktif"), (2022, "aktif"), (2023, "tidak_aktif")]
    for i, (year, status) in enumerate(keys):
        person = make_santri(pesantren, nama=f"Orang Ke {i}", tahun_terdaftar=year, status=status)
        services.participation_add(actor=None, santripreneur=person, kegiatan="Kurasi", opd=diskop, tahun=year)
    return pesantren, diskop


@pytest.mark.parametrize(
    "url, table",
    [
        ("/admin/pesantren/santripreneur/?tahun_terdaftar=2021", "pesantren_santripreneur"),
        ("/admin/pesantren/santripreneur/?status__exact=tidak_aktif", "pesantren_santripreneur"),
        ("/admin/pesantren/santripreneur/?status__exact=aktif&tahun_terdaftar=2021", "pesantren_santripreneur"),
        ("/admin/pesantren/santripreneur/?pesantren__kabkota__kode__exact=35.17&tahun_terdaftar=2021", None),
        ("/admin/pesantren/santripreneur/?pesantren__kabkota__kode__exact=35.78", "pesantren_santripreneur"),
        ("/admin/pesantren/participation/?tahun=2021", "pesantren_participation"),
        ("/admin/pesantren/participation/?opd__id__exact=<opd>&tahun=2023", "pesantren_participation"),
    ],
)
def test_filters_the_tally_is_keyed_on_count_from_the_tally(url, table, as_persona, spread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pesantren, diskop = spread
    url = url.replace("<opd>", str(diskop.pk)).replace("35.17", pesantren.kabkota_id)
    client = as_persona("admin")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    changelist = response.context["cl"]
    # The count the pager shows is the number of rows the filter selects, read from the tally, not the table.
    assert changelist.result_count == changelist.queryset.count() == len(changelist.result_list)
    assert not changelist.paginator.capped
    assert _table_counts(queries, table or "pesantren_santripreneur") == []


@pytest.mark.parametrize(
    "query",
    [
        {"status__exact": "bukan-status"},  # Django filters by it (nothing); the tally has no such key
        {"tahun_terdaftar": "2021", "jenis_kelamin__exact": "L"},  # a filter the tally is not keyed on
        {"tahun_terdaftar": ["2021", "2022"]},  # two values: Django ORs them
        {"q": "orang", "tahun_terdaftar": "2021"},  # a search
    ],
)
def test_what_the_tally_cannot_answer_is_counted(query, as_persona, spread):
    changelist = as_persona("admin").get("/admin/pesantren/santripreneur/", query).context["cl"]
    assert changelist.result_count == changelist.queryset.count()
    assert not changelist.paginator.capped


def test_a_count_past_the_cap_says_more_than_and_never_offers_a_false_total(as_persona, spread, monkeypatch):
    from pesantren.admin import TalliedPaginator

    monkeypatch.setattr(TalliedPaginator, "COUNT_CAP", 3)
    monkeypatch.setattr("pesantren.admin.AtScaleAdmin.list_per_page", 2)
    client = as_persona("admin")
    response = client.get("/admin/pesantren/santripreneur/", {"q": "orang"})  # four match
    changelist = response.context["cl"]
    assert changelist.paginator.capped and changelist.result_count == 3
    assert len(changelist.result_list) == 2
    page = response.content.decode()
    assert "lebih dari 3 santripreneur" in page and "lebih dari 3 hasil" in page
    assert "Pilih semua santripreneur yang cocok (lebih dari 3)" in page
    assert "3 santripreneur" not in page.replace("lebih dari 3 santripreneur", "")
    # Selecting across pages acts on every row that matches (four), which is what the label promises.
    on_page = [str(p.pk) for p in changelist.result_list]
    response = client.post(
        "/admin/pesantren/santripreneur/?q=orang",
        {"action": "delete_selected", "select_across": "1", "index": "0", "_selected_action": on_page},
    )
    assert response.status_code == 200 and len(response.context["queryset"]) == 4  # the confirmation page
    # Under the cap the count is exact, as before.
    response = client.get("/admin/pesantren/santripreneur/", {"q": "orang ke 1"})
    assert not response.context["cl"].paginator.capped and response.context["cl"].result_count == 1


def test_kabkota_beside_a_search_finds_the_same_people(as_persona, spread, pesantren):
    from pesantren.models import Santripreneur

    client = as_persona("admin")
    query = {"pesantren__kabkota__kode__exact": pesantren.kabkota_id, "tahun_terdaftar": "2021", "q": "orang"}
    found = {p.pk for p in client.get("/admin/pesantren/santripreneur/", query).context["cl"].result_list}
    expected = Santripreneur.objects.filter(
        pesantren__kabkota=pesantren.kabkota, tahun_terdaftar=2021, nama_normal__contains="orang"
    )
    assert found == set(expected.values_list("pk", flat=True)) and len(found) == 2
    query["pesantren__kabkota__kode__exact"] = "35.78"
    assert list(client.get("/admin/pesantren/santripreneur/", query).context["cl"].result_list) == []


@pytest.mark.parametrize("url", ["/admin/pesantren/santripreneur/", "/admin/pesantren/participation/"])
def test_changelists_at_scale_never_count_facets(url, as_persona, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona("admin")
    assert "_facets" not in client.get(url).content.decode()  # no "Tampilkan hitungan" link
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"_facets": ""})  # asked for by hand: still no count per filter choice
    assert response.status_code == 200 and not response.context["cl"].add_facets
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()] == []


def test_a_pesantren_moved_in_admin_takes_its_people_to_the_other_kabkota_in_the_tallies(as_persona, people, pesantren):
    """The tallies count people by their pesantren's kab/kota (and now also the admin's filtered counts): a move
    made in Django admin recounts both kab/kota, as the staff form's service does."""
    from pesantren import tallies
    from pesantren.models import SantripreneurTally

    client = as_persona("admin")
    url = f"/admin/pesantren/pesantren/{pesantren.pk}/change/"
    response = client.get(url)
    data = {k: ("" if v is None else v) for k, v in response.context["adminform"].form.initial.items()}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
    data.update({"kabkota": "35.07", "kecamatan": "35.07.01"})
    assert client.post(url, data).status_code == 302
    pesantren.refresh_from_db()
    assert pesantren.kabkota_id == "35.07"
    stored = {(t.kabkota_id, t.tahun, t.aktif): t.jumlah for t in SantripreneurTally.objects.all() if t.jumlah}
    assert stored == {k: v for k, v in tallies.recount()[0].items() if v}
    assert {k[0] for k in stored} == {"35.07"}
    moved = client.get("/admin/pesantren/santripreneur/", {"pesantren__kabkota__kode__exact": "35.07"})
    assert moved.context["cl"].result_count == 2
