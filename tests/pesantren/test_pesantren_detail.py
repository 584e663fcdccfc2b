import pytest

from pesantren import services
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK, NIK_MASKED, make_pesantren, make_santri, make_socio, read_matrix


def url(p):
    return f"/pesantren/{p.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, pesantren):
    assert_access(as_persona(persona).get(url(pesantren)), read_matrix()[persona])


@pytest.mark.parametrize("persona", ["admin", "staf", "pimpinan", "petugas_a"])
def test_unknown_pesantren_is_404(persona, as_persona, db):
    assert as_persona(persona).get("/pesantren/999999/").status_code == 404


def test_post_is_not_allowed(as_persona, pesantren):
    assert as_persona("staf").post(url(pesantren)).status_code == 405


def test_detail_shows_kopontren_counts_and_people(as_persona, pesantren, santri):
    services.kopontren_save(actor=None, pesantren=pesantren, nama="Kopontren Tebuireng", nib="0220000123456")
    make_santri(pesantren, nama="Budi Santoso", status="tidak_aktif")
    make_socio(pesantren)
    response = as_persona("staf").get(url(pesantren))
    html = response.content.decode()
    assert response.context["stats"] == {"santripreneur": 2, "santripreneur_aktif": 1, "sociopreneur": 1}
    assert "Kopontren Tebuireng" in html and "0220000123456" in html
    assert "Siti Aminah" in html and "Laila Hasanah" in html and NIK in html


def test_pimpinan_sees_nik_masked_and_petugas_sees_none(as_persona, pesantren, santri):
    assert NIK_MASKED in as_persona("pimpinan").get(url(pesantren)).content.decode()
    assert NIK not in as_persona("pimpinan").get(url(pesantren)).content.decode()
    html = as_persona("petugas_a").get(url(pesantren)).content.decode()
    assert NIK not in html and NIK_MASKED not in html and ">NIK<" not in html


def test_nspp_mismatch_warning_is_shown(as_persona, db):
    p = make_pesantren(nspp="510035070239")
    html = as_persona("pimpinan").get(url(p)).content.decode()
    assert "tidak sama dengan kode Kabupaten Jombang (3517)" in html


def test_history_lists_changes_with_user_and_reason(as_persona, staf, pesantren):
    services.pesantren_save(actor=staf, pesantren=pesantren, jumlah_santri=5000, reason="Data EMIS 2024")
    services.kopontren_save(actor=staf, pesantren=pesantren, nama="Kopontren Tebuireng", reason="Kopontren baru")
    html = as_persona("pimpinan").get(url(pesantren)).content.decode()
    assert "Data EMIS 2024" in html and "Kopontren baru" in html and "Bob" in html
    assert "4200" in html and "5000" in html


def test_write_buttons_only_for_writers(as_persona, pesantren):
    assert "/ubah/" in as_persona("staf").get(url(pesantren)).content.decode()
    assert "/ubah/" not in as_persona("pimpinan").get(url(pesantren)).content.decode()


def test_detail_query_count_is_bounded(as_persona, pesantren, django_assert_max_num_queries):
    services.kopontren_save(actor=None, pesantren=pesantren, nama="Kopontren Tebuireng")
    for i in range(15):
        make_santri(pesantren, nama=f"Santri {i}")
        make_socio(pesantren, nama=f"Alumni {i}")
    client = as_persona("staf")
    with django_assert_max_num_queries(13):
        client.get(url(pesantren))
