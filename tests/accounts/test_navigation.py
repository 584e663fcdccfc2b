import re

import pytest

REGISTRY = ["Pesantren", "Santripreneur", "Sociopreneur"]
REFERENCE = ["Indikator &amp; Target", "Wilayah"]
# persona -> (top-level entries, {dropdown: its entries})
EXPECTED_NAV = {
    "admin": (
        ["Beranda", "Registri", "Produk", "Program OPD", "Peta sinergi", "FGD", "Referensi", "Admin Django"],
        {"Registri": [*REGISTRY, "Impor data"], "Referensi": [*REFERENCE, "Perangkat Daerah", "Data terbuka"]},
    ),
    "staf": (
        ["Beranda", "Registri", "Produk", "Program OPD", "Peta sinergi", "FGD", "Referensi"],
        {"Registri": [*REGISTRY, "Impor data"], "Referensi": [*REFERENCE, "Perangkat Daerah", "Data terbuka"]},
    ),
    "pimpinan": (
        ["Beranda", "Registri", "Produk", "Program OPD", "Peta sinergi", "FGD", "Referensi"],
        {"Registri": REGISTRY, "Referensi": [*REFERENCE, "Perangkat Daerah", "Data terbuka"]},
    ),
    "petugas_a": (
        ["Beranda", "Registri", "Produk", "Program OPD", "FGD", "Referensi"],
        {"Registri": REGISTRY, "Referensi": [*REFERENCE, "OPD Saya", "Data terbuka"]},
    ),
}


def _navbar(html):
    nav = html.split('id="nav-utama"', 1)[1].split('class="navbar-nav align-items', 1)[0]
    top = re.findall(r'class="(?:btn btn-link )?nav-link[^"]*"[^>]*>([^<]+)</(?:a|button)>', nav)
    groups = {}
    for label, menu in re.findall(
        r'dropdown-toggle[^>]*>([^<]+)</button>\s*<ul class="dropdown-menu">(.*?)</ul>', nav, re.S
    ):
        groups[label] = re.findall(r'class="dropdown-item[^"]*"[^>]*>([^<]+)</a>', menu)
    return top, groups


@pytest.mark.parametrize("persona", EXPECTED_NAV)
def test_navbar_fits_the_role(persona, as_persona):
    assert _navbar(as_persona(persona).get("/").content.decode()) == EXPECTED_NAV[persona]


def test_the_group_of_the_current_page_is_marked_active(as_persona):
    html = as_persona("staf").get("/santripreneur/").content.decode()
    assert 'dropdown-toggle active" type="button" data-bs-toggle="dropdown" aria-expanded="false">Registri' in html
    assert 'class="dropdown-item active" href="/santripreneur/" aria-current="page">Santripreneur' in html


def test_home_shows_role_and_opd_of_petugas(as_persona):
    html = as_persona("petugas_a").get("/").content.decode()
    assert "Petugas OPD" in html
    assert "Dinas Komunikasi dan Informatika Provinsi Jawa Timur" in html
