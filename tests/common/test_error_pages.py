from django.template.loader import render_to_string
from django.test import override_settings


@override_settings(DEBUG=False)
def test_404_page_is_friendly_and_indonesian(as_persona):
    response = as_persona("staf").get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_403_and_500_templates_render_in_indonesian(rf, staf):
    assert "Anda tidak berwenang" in render_to_string("403.html", {"user": staf}, request=rf.get("/"))
    # 500 renders with no request context and shows no detail of the error.
    html = render_to_string("500.html")
    assert "Terjadi kesalahan pada server" in html and "Traceback" not in html
