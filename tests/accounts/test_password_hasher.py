"""Issue 18: production hashes new passwords with Argon2id at OWASP's minimum cost (cheap enough for an office
signing in at once on two cores); an older PBKDF2 hash still signs in and is rehashed then. (Tests themselves run
with MD5 for speed, tests/settings.py; these use the production list.)"""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

import opop.settings as production
from tests.conftest import PASSWORD


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


def test_new_passwords_are_argon2id_with_the_chosen_cost(production_hashers):
    encoded = make_password("Rahasia-Santri-2024")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Rahasia-Santri-2024", encoded) and not check_password("salah", encoded)
    assert identify_hasher(encoded).memory_cost == 19456


def test_an_older_pbkdf2_hash_signs_in_and_is_rehashed(production_hashers, client, staf):
    staf.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    staf.save(update_fields=["password"])
    response = client.post("/akun/masuk/", {"username": staf.username, "password": PASSWORD})
    assert response.status_code == 302 and "/akun/masuk/" not in response["Location"]
    staf.refresh_from_db()
    assert staf.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_wrong_password_is_still_refused(production_hashers, client, staf):
    staf.password = make_password(PASSWORD)
    staf.save(update_fields=["password"])
    response = client.post("/akun/masuk/", {"username": staf.username, "password": "bukan-sandinya"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
