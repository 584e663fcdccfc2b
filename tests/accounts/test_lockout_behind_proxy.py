"""Behind nginx every request comes from 127.0.0.1: the lockout and the personal-data log must use the real client,
read from X-Forwarded-For only when the direct peer is a trusted proxy."""

import pytest
from django.test import RequestFactory

from opop.common.client_address import client_address
from pesantren import services
from pesantren.models import PersonalDataAccess, Pesantren
from tests.conftest import PASSWORD

NGINX = "127.0.0.1"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def _login(client, password, *, peer=NGINX, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/akun/masuk/", {"username": "bob", "password": password}, **extra)


def test_five_failures_from_one_client_do_not_lock_the_user_out_from_another(client, staf):
    for _ in range(5):
        _login(client, "salah-terus", forwarded="203.0.113.5")
    assert _login(client, PASSWORD, forwarded="203.0.113.5").status_code == 429
    assert _login(client, PASSWORD, forwarded="198.51.100.7").status_code == 302


def test_a_client_cannot_escape_the_lockout_by_writing_its_own_forwarded_header_through_nginx(client, staf):
    # nginx appends the real address to whatever the client sent: "<forged>, <real>".
    for i in range(5):
        _login(client, "salah-terus", forwarded=f"10.0.0.{i}, 203.0.113.5")
    assert _login(client, PASSWORD, forwarded="10.9.9.9, 203.0.113.5").status_code == 429


def test_a_direct_client_spoofing_the_header_gets_no_help(client, staf):
    for i in range(5):
        _login(client, "salah-terus", peer="198.51.100.9", forwarded=f"192.0.2.{i}")
    assert _login(client, PASSWORD, peer="198.51.100.9", forwarded="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        ("127.0.0.1", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        ("127.0.0.1", "203.0.113.5, 127.0.0.1", "203.0.113.5"),  # two proxies of ours
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "bukan-alamat", "127.0.0.1"),
        ("198.51.100.9", "203.0.113.5", "198.51.100.9"),  # not a proxy of ours: header ignored
        ("::1", "2001:db8::5", "2001:db8::5"),
    ],
)
def test_client_address(peer, forwarded, expected):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **extra)) == expected


def test_with_no_trusted_proxy_the_header_is_never_read(settings):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == "127.0.0.1"


def test_the_personal_data_log_records_the_real_client(as_persona, pesantren_nspps, staf):
    person = services.santripreneur_save(
        actor=staf,
        nama="Siti Aminah",
        nik="3517010101040001",
        pesantren=Pesantren.objects.first(),
        tahun_terdaftar=2023,
    )
    as_persona("staf").get(person.get_absolute_url(), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert PersonalDataAccess.objects.get().alamat_ip == "203.0.113.5"


def test_a_nik_typed_into_the_list_search_is_not_kept_in_the_access_log(as_persona, pesantren_nspps):
    as_persona("staf").get("/santripreneur/?q=3517010101040001&format=csv")
    entry = PersonalDataAccess.objects.get()
    assert "3517010101040001" not in entry.filter and "[NIK]" in entry.filter
