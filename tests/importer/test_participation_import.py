"""Issue 16, Done 4: participation import — a training list attached to one OPD activity (a plan line). Each row is a
person, found in (or added to) the santripreneur registry; each gets one participation in the activity. Three OPDs
training the same santri give one person and three participations."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from opop.accounts.models import PerangkatDaerah
from opop.imports.engine import run_import
from opop.imports.models import ImportBatch
from opop.imports.registry import get_spec
from pesantren.models import Participation, ParticipationTally, Santripreneur
from programs.models import Kegiatan
from tests.access import LOGIN, PERSONAS, assert_access
from tests.importer.data import agency_xlsx, nik, to_csv
from tests.programs.factories import make_plan

HEADERS = ["No", "Nama Lengkap", "NIK", "L/P", "Tanggal lahir", "Asal pondok pesantren"]


def peserta(no, name, nik_value, sex, born, nspp_value):
    return [no, name, nik_value, sex, born, nspp_value]


def _activity(admin, kode, uraian, tahun=2023):
    plan = make_plan(
        actor=admin, opd=PerangkatDaerah.objects.get(kode=kode), tahun=tahun, line_overrides=[{"uraian": uraian}]
    )
    return plan.kegiatan.get()


@pytest.fixture
def activities(admin):
    return [
        _activity(admin, "kominfo", "Pelatihan pemasaran digital santri"),
        _activity(admin, "dindik", "Pelatihan kewirausahaan santri"),
        _activity(admin, "disnakertrans", "Pelatihan keterampilan kerja santri"),
    ]


def _import(kegiatan, rows, *, actor, commit=True):
    spec = get_spec("participations", kegiatan=kegiatan.pk)
    return run_import(spec, agency_xlsx(HEADERS, rows), "peserta.xlsx", actor=actor, commit=commit)


def test_three_opds_training_the_same_santri_give_one_person_and_three_participations(
    activities, pesantren_nspps, staf
):
    # The first list knows her NIK; the other two write her name differently and one has no NIK.
    lists = [
        [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])],
        [peserta(1, "SITI AMINAH", "", "P", "02-02-2003", pesantren_nspps[0])],
        [peserta(1, "Siti  Aminah", nik(7), "Perempuan", "2 Februari 2003", pesantren_nspps[0])],
    ]
    for kegiatan, rows in zip(activities, lists, strict=True):
        result = _import(kegiatan, rows, actor=staf)
        assert result.committed, result.error_list()
    person = Santripreneur.objects.get()
    assert person.nik == nik(7) and person.tahun_terdaftar == 2023
    assert sorted(person.partisipasi.values_list("opd__kode", "kegiatan", "tahun")) == [
        ("dindik", "Pelatihan kewirausahaan santri", 2023),
        ("disnakertrans", "Pelatihan keterampilan kerja santri", 2023),
        ("kominfo", "Pelatihan pemasaran digital santri", 2023),
    ]
    assert sum(ParticipationTally.objects.filter(tahun=2023).values_list("jumlah", flat=True)) == 3
    assert person.partisipasi.first().history.get().history_user == staf


def test_the_same_list_again_records_nobody_twice(activities, pesantren_nspps, staf):
    rows = [
        peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0]),
        peserta(2, "Ahmad Fauzi", "", "L", "17-08-2004", pesantren_nspps[1]),
    ]
    first = _import(activities[0], rows, actor=staf)
    assert first.counts == {"create": 2, "update": 0, "unchanged": 0, "invalid": 0}
    assert "2 peserta baru di registri santripreneur, 0 sudah terdaftar" in " ".join(first.notices)
    again = _import(activities[0], rows, actor=staf)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2, "invalid": 0}
    assert [m for _c, m in again.rows[0].warnings] == [
        "Sudah tercatat sebagai peserta kegiatan ini; partisipasinya tidak dicatat dua kali."
    ]
    assert Participation.objects.count() == 2 and Santripreneur.objects.count() == 2


def test_the_same_person_twice_in_one_list_is_an_error_and_nothing_is_written(activities, pesantren_nspps, staf):
    rows = [
        peserta(1, "Siti Aminah", "", "P", "02-02-2003", pesantren_nspps[0]),
        peserta(2, "Ahmad Fauzi", "", "L", "17-08-2004", pesantren_nspps[1]),
        peserta(3, "siti aminah", "", "P", "02-02-2003", pesantren_nspps[0]),
    ]
    result = _import(activities[0], rows, actor=staf)
    assert result.error_list() == [(6, "Nama", "Nama, tanggal lahir, dan pesantren sama dengan baris 4 di berkas ini.")]
    assert not result.committed
    assert not Santripreneur.objects.exists() and not Participation.objects.exists()


def test_a_registered_persons_year_is_kept_and_changes_are_shown(activities, pesantren_nspps, staf):
    assert _import(
        activities[0], [peserta(1, "Siti Aminah", nik(7), "P", "", pesantren_nspps[0])], actor=staf
    ).committed
    Santripreneur.objects.update(tahun_terdaftar=2021)
    result = _import(
        activities[1], [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])], actor=staf
    )
    assert result.counts["create"] == 1  # a new participation, of a person already registered
    assert result.rows[0].changes == [("Tanggal lahir", "—", "02-02-2003")]
    person = Santripreneur.objects.get()
    assert person.tahun_terdaftar == 2021 and str(person.tanggal_lahir) == "2003-02-02"


def test_an_invalid_row_makes_nothing_written(activities, pesantren_nspps, staf):
    rows = [
        peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0]),
        peserta(2, "Ahmad Fauzi", "", "L", "31-02-2004", pesantren_nspps[1]),
    ]
    result = _import(activities[0], rows, actor=staf)
    assert [(n, c) for n, c, _m in result.error_list()] == [(5, "Tanggal lahir")]
    assert not Santripreneur.objects.exists() and not Participation.objects.exists()


def test_command_line_needs_an_existing_activity(activities, pesantren_nspps, staf, tmp_path, capsys):
    path = tmp_path / "peserta.csv"
    path.write_bytes(to_csv(HEADERS, [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])]))
    for missing in ([], ["--kegiatan", "999999"]):
        with pytest.raises(CommandError, match="--kegiatan"):
            call_command("import_data", "participations", str(path), "--user", staf.username, *missing)
    call_command("import_data", "participations", str(path), "--dry-run", "--kegiatan", str(activities[0].pk))
    assert "1 baru" in capsys.readouterr().out and not Participation.objects.exists()
    call_command(
        "import_data", "participations", str(path), "--user", staf.username, "--kegiatan", str(activities[0].pk)
    )
    assert Participation.objects.get().opd.kode == "kominfo"


def _expected(persona):
    return LOGIN if persona == "anonymous" else (200 if persona in ("admin", "staf") else 403)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", ["/impor/participations/", "/impor/participations/templat.xlsx"])
def test_participation_import_pages_access_matrix(url, persona, as_persona):
    assert_access(as_persona(persona).get(url), _expected(persona))


def _upload(rows, name="peserta.xlsx"):
    return SimpleUploadedFile(name, agency_xlsx(HEADERS, rows))


def test_the_upload_form_offers_the_activities_and_the_batch_keeps_the_choice(
    activities, pesantren_nspps, as_persona, private_media
):
    client = as_persona("staf")
    page = client.get("/impor/participations/").content.decode()
    assert "Kegiatan OPD" in page and "Pelatihan keterampilan kerja santri" in page
    rows = [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])]
    response = client.post("/impor/participations/", {"kegiatan": activities[1].pk, "file": _upload(rows)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.options == {"kegiatan": activities[1].pk}
    assert batch.counts["create"] == 1 and not Participation.objects.exists()
    preview = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "1 peserta baru di registri santripreneur" in preview
    response = client.post(f"/impor/batch/{batch.pk}/tulis/", {"ringkasan": "1-0-0-0"}, follow=True)
    assert "Impor selesai: 1 data baru" in response.content.decode()
    assert Participation.objects.get().opd.kode == "dindik"


def test_an_upload_without_an_activity_or_with_an_unknown_one_saves_nothing(
    activities, pesantren_nspps, as_persona, private_media
):
    client = as_persona("staf")
    rows = [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])]
    for choice in ({}, {"kegiatan": Kegiatan.objects.order_by("-pk").first().pk + 100}):
        response = client.post("/impor/participations/", {**choice, "file": _upload(rows)})
        assert response.status_code == 200 and "kegiatan" in response.context["form"].errors
    assert not ImportBatch.objects.exists() and not Santripreneur.objects.exists()


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a", "petugas_b"])
def test_read_only_roles_cannot_upload_a_training_list(persona, activities, pesantren_nspps, as_persona, private_media):
    rows = [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])]
    response = as_persona(persona).post("/impor/participations/", {"kegiatan": activities[0].pk, "file": _upload(rows)})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists() and not Participation.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("staf", 200), ("admin", 200), ("pimpinan", 404), ("petugas_a", 404), ("petugas_b", 404), ("anonymous", 302)],
)
def test_a_training_list_batch_is_visible_to_its_uploader_and_admins_only(
    persona, expected, activities, pesantren_nspps, staf, private_media, as_persona
):
    from opop.imports.services import import_preview

    rows = [peserta(1, "Siti Aminah", nik(7), "P", "31-02-2003", pesantren_nspps[0])]  # one invalid row
    batch = import_preview(
        actor=staf, kind="participations", uploaded_file=_upload(rows), options={"kegiatan": activities[0].pk}
    )
    client = as_persona(persona)
    assert client.get(f"/impor/batch/{batch.pk}/").status_code == expected
    assert client.get(f"/impor/batch/{batch.pk}/baris-gagal.xlsx").status_code == expected
    assert client.post(f"/impor/batch/{batch.pk}/tulis/").status_code in (expected, 302)
    assert not Participation.objects.exists()


def test_command_line_background_keeps_the_activity_with_the_batch(activities, pesantren_nspps, staf, tmp_path):
    path = tmp_path / "peserta.xlsx"
    path.write_bytes(agency_xlsx(HEADERS, [peserta(1, "Siti Aminah", nik(7), "P", "02-02-2003", pesantren_nspps[0])]))
    call_command(
        "import_data",
        "participations",
        str(path),
        "--background",
        "--user",
        staf.username,
        "--kegiatan",
        str(activities[2].pk),
    )
    batch = ImportBatch.objects.get()
    assert batch.options == {"kegiatan": activities[2].pk}
    assert batch.status == "committed" and Participation.objects.get().opd.kode == "disnakertrans"
