import pytest

from programs.models import Rencana
from tests.access import LOGIN, assert_access

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 200}


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_create_page_access(persona, as_persona):
    assert_access(as_persona(persona).get("/program/baru/"), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_plan_create_post_access(persona, as_persona, opd_a, opd_b):
    opd = opd_b if persona == "petugas_b" else opd_a
    response = as_persona(persona).post("/program/baru/", {"opd": opd.pk, "tahun": 2024})
    expected = {**MATRIX, "admin": 302, "petugas_a": 302, "petugas_b": 302}[persona]
    assert_access(response, expected)
    assert Rencana.objects.count() == (1 if expected == 302 else 0)


def test_petugas_creates_plan_and_lands_on_it(as_persona, opd_a, petugas_a):
    response = as_persona("petugas_a").post("/program/baru/", {"opd": opd_a.pk, "tahun": 2023})
    rencana = Rencana.objects.get()
    assert (rencana.opd, rencana.tahun, rencana.status, rencana.dibuat_oleh) == (opd_a, 2023, "draf", petugas_a)
    assert response["Location"] == f"/program/{rencana.pk}/"


def test_petugas_form_offers_only_own_opd(as_persona, opd_a):
    form = as_persona("petugas_a").get("/program/baru/").context["form"]
    assert list(form.fields["opd"].queryset) == [opd_a]


def test_other_opd_id_in_the_form_is_rejected_and_nothing_saved(as_persona, opd_a):
    response = as_persona("petugas_b").post("/program/baru/", {"opd": opd_a.pk, "tahun": 2024})
    assert response.status_code == 200
    assert "opd" in response.context["form"].errors
    assert not Rencana.objects.exists()


def test_duplicate_year_is_shown_as_error_and_nothing_saved(as_persona, plan_a, opd_a):
    response = as_persona("petugas_a").post("/program/baru/", {"opd": opd_a.pk, "tahun": 2024})
    assert response.status_code == 200
    assert "sudah memiliki rencana" in response.content.decode()
    assert Rencana.objects.count() == 1


@pytest.mark.parametrize("tahun", ["", "1999", "abc"])
def test_invalid_year_is_refused(tahun, as_persona, opd_a):
    response = as_persona("petugas_a").post("/program/baru/", {"opd": opd_a.pk, "tahun": tahun})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Rencana.objects.exists()


def test_two_officers_creating_the_same_plan_at_once_get_one_plan_and_a_message(as_persona, opd_a, petugas_a):
    from unittest import mock

    from programs.services import rencana_create

    rencana_create(actor=petugas_a, opd=opd_a, tahun=2025)  # the other officer's request won the race
    # This request validated before that plan existed: its uniqueness checks saw nothing.
    with mock.patch.object(Rencana, "validate_unique"), mock.patch.object(Rencana, "validate_constraints"):
        response = as_persona("petugas_a").post("/program/baru/", {"opd": opd_a.pk, "tahun": 2025})
    assert response.status_code == 200
    assert "baru saja dibuat oleh pengguna lain" in response.content.decode()
    assert Rencana.objects.filter(opd=opd_a, tahun=2025).count() == 1


# ---------------------------------------------------------------- copy from last year


@pytest.fixture
def plan_a_2025(petugas_a, opd_a, staf):
    from programs.models import Status
    from tests.programs.factories import make_plan

    return make_plan(
        actor=petugas_a, opd=opd_a, tahun=2025, jumlah_kegiatan=2, status=Status.DIVERIFIKASI, verifier=staf
    )


def test_the_page_offers_to_copy_the_plan_of_the_year_before(as_persona, plan_a_2025, settings):
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=__import__("datetime").date(2026, 1, 5)):
        page = as_persona("petugas_a").get("/program/baru/")
    html = page.content.decode()
    assert "Salin kegiatan dari rencana 2025 (2 kegiatan)" in html
    assert "js/rencana-form.js" in html and "data-salin" in html


def test_a_user_whose_opd_has_no_plan_is_not_offered_a_copy(as_persona, plan_a_2025):
    form = as_persona("petugas_b").get("/program/baru/").context["form"]
    assert "salin_sebelumnya" not in form.fields


def test_petugas_creates_next_years_plan_as_a_copy_and_sees_the_lines_to_review(as_persona, plan_a_2025, opd_a):
    client = as_persona("petugas_a")
    response = client.post("/program/baru/", {"opd": opd_a.pk, "tahun": 2026, "salin_sebelumnya": "on"})
    rencana = Rencana.objects.get(tahun=2026)
    assert response["Location"] == f"/program/{rencana.pk}/"
    assert rencana.kegiatan.count() == 2 and rencana.kegiatan.filter(perlu_ditinjau=True).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "2 kegiatan disalin dari rencana 2025" in page
    assert page.count('review-badge"') == 2
    edit = client.get(f"/program/kegiatan/{rencana.kegiatan.first().pk}/ubah/").content.decode()
    assert "disalin dari rencana tahun sebelumnya" in edit


def test_copy_without_an_earlier_plan_shows_an_error_and_saves_nothing(as_persona, plan_a_2025, opd_a):
    response = as_persona("petugas_a").post(
        "/program/baru/", {"opd": opd_a.pk, "tahun": 2024, "salin_sebelumnya": "on"}
    )
    assert response.status_code == 200
    assert "belum memiliki rencana sebelum tahun 2024" in str(response.context["form"].errors["salin_sebelumnya"])
    assert not Rencana.objects.filter(tahun=2024).exists()


def _on(day):
    from unittest import mock

    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_the_page_names_the_most_recent_earlier_plan_and_warns_it_was_never_verified(as_persona, petugas_a, opd_a):
    import datetime

    from tests.programs.factories import make_plan

    make_plan(actor=petugas_a, opd=opd_a, tahun=2023, jumlah_kegiatan=1)
    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=3)  # a draft, never verified
    with _on(datetime.date(2026, 1, 5)):
        html = as_persona("petugas_a").get("/program/baru/").content.decode()
    assert "Salin kegiatan dari rencana 2024 (3 kegiatan)" in html
    assert "Rencana 2024 belum pernah diverifikasi Diskop" in html


def test_a_copy_of_a_never_verified_plan_says_so_after_the_copy(as_persona, petugas_a, opd_a):
    from tests.programs.factories import make_plan

    make_plan(actor=petugas_a, opd=opd_a, tahun=2024, jumlah_kegiatan=2)
    client = as_persona("petugas_a")
    response = client.post("/program/baru/", {"opd": opd_a.pk, "tahun": 2026, "salin_sebelumnya": "on"})
    page = client.get(response["Location"]).content.decode()
    assert "2 kegiatan disalin dari rencana 2024" in page
    assert "Rencana 2024 belum pernah diverifikasi Diskop" in page


def test_a_verified_then_reopened_plan_is_not_called_never_verified(as_persona, plan_a_2025, opd_a, admin):
    from programs import services

    services.rencana_reopen(actor=admin, rencana=plan_a_2025, alasan="Salah pagu")
    client = as_persona("petugas_a")
    response = client.post("/program/baru/", {"opd": opd_a.pk, "tahun": 2026, "salin_sebelumnya": "on"})
    page = client.get(response["Location"]).content.decode()
    assert "2 kegiatan disalin dari rencana 2025" in page and "belum pernah diverifikasi" not in page


def test_without_the_copy_box_the_new_plan_is_empty(as_persona, plan_a_2025, opd_a):
    as_persona("petugas_a").post("/program/baru/", {"opd": opd_a.pk, "tahun": 2026})
    assert not Rencana.objects.get(tahun=2026).kegiatan.exists()
