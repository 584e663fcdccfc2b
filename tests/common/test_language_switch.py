def test_switching_to_english_translates_the_interface(as_persona):
    client = as_persona("staf")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Home</a>" in html and "OPOP East Java progress up to" in html and "Pace towards the target" in html


def test_indonesian_is_the_default(as_persona):
    html = as_persona("staf").get("/").content.decode()
    assert '<html lang="id">' in html and ">Beranda</a>" in html


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(as_persona):
    html = as_persona("staf").get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in html


def test_an_anonymous_visitor_can_switch_the_login_page_to_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/masuk/"})
    assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    assert '<html lang="en">' in client.get("/akun/masuk/").content.decode()


def test_an_anonymous_visitor_can_switch_the_public_page_to_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/publik/"})
    assert '<html lang="en">' in client.get("/publik/").content.decode()
