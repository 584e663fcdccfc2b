from tests.conftest import PASSWORD


def test_password_change_saves_new_password(client, pimpinan):
    client.force_login(pimpinan)
    response = client.post(
        "/akun/ubah-sandi/",
        {"old_password": PASSWORD, "new_password1": "Baru-Sekali-2025!", "new_password2": "Baru-Sekali-2025!"},
    )
    assert response.status_code == 302 and response["Location"] == "/akun/ubah-sandi/selesai/"
    pimpinan.refresh_from_db()
    assert pimpinan.check_password("Baru-Sekali-2025!")


def test_password_change_with_wrong_old_password_changes_nothing(client, pimpinan):
    client.force_login(pimpinan)
    response = client.post(
        "/akun/ubah-sandi/",
        {"old_password": "keliru", "new_password1": "Baru-Sekali-2025!", "new_password2": "Baru-Sekali-2025!"},
    )
    assert response.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in response.content.decode()
    pimpinan.refresh_from_db()
    assert pimpinan.check_password(PASSWORD)


def test_too_short_password_is_refused_in_indonesian(client, pimpinan):
    client.force_login(pimpinan)
    response = client.post(
        "/akun/ubah-sandi/", {"old_password": PASSWORD, "new_password1": "a1", "new_password2": "a1"}
    )
    assert response.status_code == 200
    assert "terlalu pendek" in response.content.decode()
