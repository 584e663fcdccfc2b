"""Personal API tokens (issue 31): made on the account page (secret shown once, stored hashed, 90 days by default and
at most a year, read-only or read-write, optional networks), revoked there, made by an Admin for a service account in
Django admin; last use recorded; failed token attempts locked out like logins; the browser's session works with CSRF."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from opop.accounts.roles import Role
from opop.accounts.services import user_create
from opop.api.models import ApiToken, ApiTokenFailure
from tests.access import LOGIN, PERSONAS, assert_access
from tests.api.conftest import make_token, token_client

PAGE = "/akun/token-api/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_user_has_the_token_page(persona, as_persona):
    assert_access(as_persona(persona).get(PAGE), LOGIN if persona == "anonymous" else 200)


def test_making_a_token_shows_the_secret_once_and_stores_only_its_hash(client, petugas_a):
    client.force_login(petugas_a)
    response = client.post(PAGE, {"nama": "e-Monev Kominfo", "akses": "baca_tulis", "hari": "90", "jaringan": ""})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("opop_") and secret in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    token = ApiToken.objects.get(user=petugas_a)
    assert secret not in {token.hash_rahasia, token.kunci, token.nama}
    assert abs(token.berlaku_sampai - timezone.now() - datetime.timedelta(days=90)) < datetime.timedelta(minutes=1)
    assert token.akses == ApiToken.Akses.BACA_TULIS
    again = client.get(PAGE)
    assert secret not in again.content.decode() and token.kunci in again.content.decode()


def test_the_default_expiry_is_90_days(client, petugas_a):
    client.force_login(petugas_a)
    assert client.get(PAGE).context["form"]["hari"].value() == 90


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"hari": "366"}, "hari"),
        ({"hari": "0"}, "hari"),
        ({"jaringan": "10.0.0.0/8\nbukan-ip"}, "jaringan"),
        ({"nama": ""}, "nama"),
    ],
)
def test_invalid_token_forms_save_nothing(client, petugas_a, data, field):
    client.force_login(petugas_a)
    response = client.post(PAGE, {"nama": "x", "akses": "baca", "hari": "30", "jaringan": "", **data})
    assert field in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_at_once(client, petugas_a):
    token, secret = make_token(petugas_a)
    assert token_client(secret).get("/api/v1/rencana/").status_code == 200
    client.force_login(petugas_a)
    response = client.post(f"{PAGE}{token.pk}/cabut/")
    assert response.status_code == 302
    assert token_client(secret).get("/api/v1/rencana/").status_code == 401


def test_nobody_revokes_another_users_token(client, petugas_a, petugas_b):
    token, secret = make_token(petugas_a)
    client.force_login(petugas_b)
    assert client.post(f"{PAGE}{token.pk}/cabut/").status_code == 404
    assert client.get(f"{PAGE}{token.pk}/cabut/").status_code == 405
    assert token_client(secret).get("/api/v1/rencana/").status_code == 200


def test_last_use_is_recorded(petugas_a):
    token, secret = make_token(petugas_a)
    assert token.terakhir_dipakai is None
    token_client(secret).get("/api/v1/indikator/")
    token.refresh_from_db()
    assert token.terakhir_dipakai is not None


def test_a_token_limited_to_networks_is_refused_elsewhere(petugas_a):
    _token, outside = make_token(petugas_a, jaringan="10.20.0.0/16")
    _token, inside = make_token(petugas_a, jaringan="127.0.0.0/8\n10.20.0.0/16")
    assert token_client(outside).get("/api/v1/indikator/").status_code == 401
    assert token_client(inside).get("/api/v1/indikator/").status_code == 200


def test_failed_token_attempts_lock_the_address_out_like_logins(petugas_a):
    _token, secret = make_token(petugas_a)
    wrong = token_client(secret[:-3] + "zzz")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert wrong.get("/api/v1/indikator/").status_code == 401
    locked = token_client(secret).get("/api/v1/indikator/")
    assert locked.status_code == 429  # even the right token, until the cool-off has passed
    assert locked["Content-Type"] == "application/problem+json"
    assert int(locked["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    ApiTokenFailure.objects.update(pada=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1))
    assert token_client(secret).get("/api/v1/indikator/").status_code == 200


def test_the_session_works_for_the_browser_with_csrf(world, petugas_a):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(petugas_a)
    assert browser.get("/api/v1/rencana/").status_code == 200
    url = f"/api/v1/kegiatan/{world.kegiatan_a.pk}/realisasi/2/"
    body = {"output": 20, "fisik_persen": "40.00", "anggaran_terserap": "1000"}
    refused = browser.put(url, body, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    browser.get("/akun/token-api/")  # any page sets the CSRF cookie
    accepted = browser.put(url, body, format="json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert accepted.status_code == 201


def test_an_admin_makes_a_token_for_a_service_account_in_django_admin(client, admin, opd_a):
    service = user_create(username="emonev-kominfo", password="Layanan-Sandi-2024!", role=Role.PETUGAS_OPD, opd=opd_a)
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/",
        {"user": service.pk, "nama": "e-Monev", "akses": "baca_tulis", "hari": "365", "jaringan": ""},
    )
    assert response.status_code == 200, response.content[:500]
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=service)
    assert (token.dibuat_oleh, token.nama) == (admin, "e-Monev")
    assert token_client(secret).get("/api/v1/rencana/").status_code == 200


def test_a_non_admin_cannot_make_a_token_for_someone_else(petugas_a, petugas_b):
    from django.core.exceptions import PermissionDenied

    from opop.api.services import api_token_create

    with pytest.raises(PermissionDenied):
        api_token_create(actor=petugas_a, user=petugas_b, nama="x", akses="baca")
    assert not ApiToken.objects.exists()


def test_the_guide_is_linked_from_the_token_page_and_readable_by_anyone(client, petugas_a):
    assert client.get("/api/v1/panduan/").status_code == 200
    client.force_login(petugas_a)
    assert "/api/v1/panduan/" in client.get(PAGE).content.decode()
    assert "API untuk sistem mitra" in client.get("/api/v1/panduan/").content.decode()


def test_a_secret_whose_random_part_holds_underscores_works(petugas_a, monkeypatch):
    """The random part is URL-safe base64: "_" and "-" occur in it (a split on "_" once refused such tokens)."""
    monkeypatch.setattr("opop.api.services.secrets.token_urlsafe", lambda n: "ab_cd-ef_" + "x" * 34)
    _token, secret = make_token(petugas_a)
    assert secret.count("_") > 2
    assert token_client(secret).get("/api/v1/indikator/").status_code == 200


def test_the_pages_keep_djangos_wording_of_form_messages():
    """DRF brings Indonesian of its own for Django's "This field is required."; the portal's wording stays."""
    from django.utils import translation

    with translation.override("id"):
        assert translation.gettext("This field is required.") == "Bidang ini tidak boleh kosong."
        assert translation.gettext("Enter a valid email address.") == "Masukkan alamat email yang valid."
