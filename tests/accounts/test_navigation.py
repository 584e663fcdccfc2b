import re

import pytest

REGISTRY = ["Pesantren", "Santripreneur", "Sociopreneur"]
EXPECTED_NAV = {
    "admin": [
        "Beranda",
        "Indikator &amp; Target",
        *REGISTRY,
        "Wilayah",
        "Produk",
        "Perangkat Daerah",
        "Program OPD",
        "Impor",
        "Admin Django",
    ],
    "staf": [
        "Beranda",
        "Indikator &amp; Target",
        *REGISTRY,
        "Wilayah",
        "Produk",
        "Perangkat Daerah",
        "Program OPD",
        "Impor",
    ],
    "pimpinan": [
        "Beranda",
        "Indikator &amp; Target",
        *REGISTRY,
        "Wilayah",
        "Produk",
        "Perangkat Daerah",
        "Program OPD",
    ],
    "petugas_a": ["Beranda", "Indikator &amp; Target", *REGISTRY, "Wilayah", "Produk", "OPD Saya", "Program OPD"],
}


@pytest.mark.parametrize("persona", EXPECTED_NAV)
def test_navbar_fits_the_role(persona, as_persona):
    html = as_persona(persona).get("/").content.decode()
    nav = html.split('id="nav-utama"', 1)[1].split("</ul>", 1)[0]
    labels = re.findall(r'class="nav-link[^"]*"[^>]*>([^<]+)</a>', nav)
    assert labels == EXPECTED_NAV[persona]


def test_home_shows_role_and_opd_of_petugas(as_persona):
    html = as_persona("petugas_a").get("/").content.decode()
    assert "Petugas OPD" in html
    assert "Dinas Komunikasi dan Informatika Provinsi Jawa Timur" in html
