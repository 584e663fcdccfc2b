from tests.conftest import PASSWORD


def test_login_page_is_indonesian(client, db):
    html = client.get("/akun/masuk/").content.decode()
    assert '<html lang="id">' in html
    assert "Masuk ke Portal OPOP Jatim" in html
    assert 'for="id_username"' in html and 'for="id_password"' in html


def test_login_with_correct_password_goes_home(client, staf):
    response = client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_wrong_password_gives_indonesian_message_and_no_session(client, staf):
    response = client.post("/akun/masuk/", {"username": "bob", "password": "salah"})
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only_and_ends_session(client, staf):
    client.force_login(staf)
    assert client.get("/akun/keluar/").status_code == 405
    response = client.post("/akun/keluar/")
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    assert client.get("/").status_code == 302
