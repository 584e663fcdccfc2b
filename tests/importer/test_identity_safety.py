"""Issue 16, identity safety: a row never silently becomes somebody else. A NIK registered to a clearly different
person is an error naming who it belongs to (to viewers who may see personal data), not an update."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.imports.engine import run_import
from opop.imports.identity import name_similarity, same_person_name
from opop.imports.registry import get_spec
from opop.imports.services import import_preview
from pesantren.models import Santripreneur
from tests.importer.data import SANTRI_HEADERS, agency_xlsx, nik, santri


def _import(rows, *, commit, actor):
    return run_import(
        get_spec("santripreneur"), agency_xlsx(SANTRI_HEADERS, rows), "p.xlsx", actor=actor, commit=commit
    )


@pytest.fixture
def ahmad(pesantren_nspps, admin):
    result = _import([santri("Ahmad Fauzi", nik(1), "L", "17-08-2004", pesantren_nspps[0])], commit=True, actor=admin)
    assert result.committed
    return Santripreneur.objects.get()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Achmad Fauzi", "Ahmad Fauzi", True),
        ("AHMAD  FAUZI", "ahmad fauzi", True),
        ("M. Rizki", "Muhammad Rizki", True),
        ("Moh. Rizki", "Muhammad Rizki", True),
        ("Fauzi Ahmad", "Ahmad Fauzy", True),
        ("Abdulrahman", "Abdul Rahman", True),
        ("Aminah", "Siti Aminah", True),
        ("Ahmad Fauzi", "Siti Aminah", False),
        ("Dewi Lestari", "Dewi Sartika", False),
        ("Siti Aminah", "Siti Maimunah", False),
    ],
)
def test_person_names_are_compared_by_their_words(a, b, same):
    assert same_person_name(a, b) is same, name_similarity(a, b)


def test_a_nik_registered_to_a_clearly_different_name_is_an_error_naming_the_registered_person(
    ahmad, pesantren_nspps, staf
):
    row = santri("Siti Aminah", nik(1), "P", "17-08-2004", pesantren_nspps[0])
    result = _import([row], commit=True, actor=staf)
    assert not result.committed
    assert result.error_list() == [
        (
            4,
            "NIK",
            "NIK ini terdaftar atas nama Ahmad Fauzi (lahir 17-08-2004), berbeda dengan baris ini. Periksa NIK-nya; "
            "baris ini tidak ditulis.",
        )
    ]
    ahmad.refresh_from_db()
    assert (ahmad.nama, ahmad.jenis_kelamin) == ("Ahmad Fauzi", "L")  # nothing overwritten
    assert Santripreneur.history.count() == 1


def test_a_nik_registered_with_another_birth_date_is_an_error(ahmad, pesantren_nspps, staf):
    row = santri("Ahmad Fauzi", nik(1), "L", "18-08-2004", pesantren_nspps[0])
    result = _import([row], commit=True, actor=staf)
    assert [(n, c) for n, c, _m in result.error_list()] == [(4, "NIK")]
    assert "atas nama Ahmad Fauzi (lahir 17-08-2004)" in result.error_list()[0][2]
    ahmad.refresh_from_db()
    assert str(ahmad.tanggal_lahir) == "2004-08-17"


def test_the_same_person_spelled_differently_is_still_an_update(ahmad, pesantren_nspps, staf):
    row = santri("ACHMAD FAUZI", nik(1), "L", "17-08-2004", pesantren_nspps[0], bidang="Batik")
    result = _import([row], commit=True, actor=staf)
    assert result.committed and result.counts["update"] == 1
    ahmad.refresh_from_db()
    assert (ahmad.nama, ahmad.bidang_usaha) == ("ACHMAD FAUZI", "Batik")  # ALL-CAPS kept as written


def test_a_row_without_birth_date_or_phone_is_compared_by_name_and_erases_nothing(ahmad, pesantren_nspps, staf):
    row = santri("Ahmad Fauzi", nik(1), "", "", pesantren_nspps[0])
    result = _import([row], commit=True, actor=staf)
    assert result.committed and result.counts["unchanged"] == 1
    ahmad.refresh_from_db()
    assert (str(ahmad.tanggal_lahir), ahmad.jenis_kelamin) == ("2004-08-17", "L")


def test_a_viewer_without_personal_data_rights_is_not_told_whose_nik_it_is(ahmad, pesantren_nspps):
    """The command line without --user: nobody to check, so the owner of the NIK is not named."""
    row = santri("Siti Aminah", nik(1), "P", "17-08-2004", pesantren_nspps[0])
    result = _import([row], commit=False, actor=None)
    message = result.error_list()[0][2]
    assert message.startswith("NIK ini sudah terdaftar atas nama orang lain")
    assert "Ahmad" not in message and "2004" not in message


@pytest.mark.usefixtures("private_media")
def test_the_preview_page_shows_the_registered_owner_to_the_staf_importer(ahmad, pesantren_nspps, staf, as_persona):
    data = agency_xlsx(SANTRI_HEADERS, [santri("Siti Aminah", nik(1), "P", "17-08-2004", pesantren_nspps[0])])
    batch = import_preview(actor=staf, kind="santripreneur", uploaded_file=SimpleUploadedFile("p.xlsx", data))
    page = as_persona("staf").get(batch.get_absolute_url()).content.decode()
    assert "NIK ini terdaftar atas nama Ahmad Fauzi (lahir 17-08-2004)" in page
    assert "Tulis ke registri" not in page
    assert Santripreneur.objects.get().nama == "Ahmad Fauzi"
