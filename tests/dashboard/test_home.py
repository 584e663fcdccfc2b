import re


def test_home_shows_2024_target_cards(as_persona, django_assert_max_num_queries):
    client = as_persona("staf")
    with django_assert_max_num_queries(8):
        response = client.get("/")
    html = response.content.decode()
    assert "1.000.000" in html  # santripreneur 2024
    assert [t.indikator.kode for t in response.context["targets"]] == [
        "santripreneur", "produk-unggulan", "sociopreneur", "pesantren-opop",
    ]  # fmt: skip


def test_public_page_needs_no_login_and_has_no_user_data(client, staf):
    response = client.get("/publik/")
    html = re.sub(r'value="[^"]*"', "", response.content.decode())  # CSRF tokens are random letters
    assert response.status_code == 200
    assert "1.000.000" in html
    assert "bob" not in html.lower()
