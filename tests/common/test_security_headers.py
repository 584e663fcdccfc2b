def test_every_page_sends_csp_without_inline_scripts_and_other_headers(client, db):
    response = client.get("/akun/masuk/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_contain_no_inline_script(as_persona):
    import re

    for url in ["/", "/indikator/", "/wilayah/", "/opd/", "/publik/", "/impor/"]:
        html = as_persona("admin").get(url).content.decode()
        inline = [m for m in re.findall(r"<script([^>]*)>", html) if "src=" not in m and "json" not in m]
        assert not inline, f"{url} has an inline script"


def test_production_settings_send_hsts_and_secure_cookies(client, staf, settings):
    from tests.conftest import PASSWORD

    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.post("/akun/masuk/", {"username": "bob", "password": PASSWORD}, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response.cookies["sessionid"]["secure"] and response.cookies["sessionid"]["httponly"]
    assert response.cookies["csrftoken"]["secure"]


def test_every_page_and_export_a_signed_in_user_gets_is_private_and_not_stored(as_persona):
    client = as_persona("staf")
    for url in ["/", "/santripreneur/", "/santripreneur/?format=csv", "/pesantren/?format=xlsx"]:
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, db):
    assert "no-store" not in client.get("/publik/").get("Cache-Control", "")
