"""The registry's status badge, written by a tag on every row of a list."""

from types import SimpleNamespace

from pesantren.templatetags.registri import status_badge


def _record(status, label):
    return SimpleNamespace(status=status, get_status_display=lambda: label)


def test_active_is_green_and_anything_else_grey():
    assert status_badge(_record("aktif", "Aktif")) == '<span class="badge text-bg-success">Aktif</span>'
    assert (
        status_badge(_record("tidak_aktif", "Tidak aktif"))
        == '<span class="badge text-bg-secondary">Tidak aktif</span>'
    )


def test_the_label_is_escaped():
    assert "&lt;b&gt;" in status_badge(_record("x", "<b>"))


def test_the_list_shows_each_person_s_status(as_persona, santri, pesantren):
    from tests.pesantren.conftest import make_santri

    make_santri(pesantren, nama="Umar Hakim", status="tidak_aktif")
    html = as_persona("staf").get("/santripreneur/").content.decode()
    assert '<span class="badge text-bg-success">Aktif</span>' in html
    assert '<span class="badge text-bg-secondary">Tidak aktif</span>' in html
