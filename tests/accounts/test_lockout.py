from django.core.management import call_command

from tests.conftest import PASSWORD


def _fail(client, times):
    for _ in range(times):
        client.post("/akun/masuk/", {"username": "bob", "password": "salah-terus"})


def test_five_failed_logins_lock_the_account_even_with_the_right_password(client, staf):
    _fail(client, 5)
    response = client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_then_success_resets_the_counter(client, staf):
    _fail(client, 4)
    response = client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    client.post("/akun/keluar/")
    _fail(client, 4)
    assert client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD}).status_code == 302


def test_lockout_of_one_user_does_not_lock_another(client, staf, pimpinan):
    _fail(client, 5)
    assert client.post("/akun/masuk/", {"username": "charlie", "password": PASSWORD}).status_code == 302


def test_admin_unlocks_with_axes_reset(client, staf):
    _fail(client, 5)
    call_command("axes_reset_username", "bob")
    assert client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD}).status_code == 302
