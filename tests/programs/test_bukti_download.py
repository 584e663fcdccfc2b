import importlib.util
import os
import re
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from products.models import PHOTO_DIR
from programs import services
from tests.access import LOGIN, assert_access
from tests.files import image_bytes
from tests.programs.factories import first_kegiatan, realisasi_data

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 404}
PNG = image_bytes("PNG")


@pytest.fixture
def realisasi(verified_a, petugas_a):
    data = realisasi_data(bukti=SimpleUploadedFile("foto kegiatan.png", PNG))
    return services.realisasi_save(actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=data)


@pytest.mark.parametrize("persona", MATRIX)
def test_evidence_download_access(persona, as_persona, realisasi):
    response = as_persona(persona).get(f"/program/realisasi/{realisasi.pk}/bukti/")
    assert_access(response, MATRIX[persona])
    if MATRIX[persona] == 200:
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == PNG


def test_other_opd_officer_gets_404_for_the_evidence(as_persona, realisasi):
    assert as_persona("petugas_b").get(f"/program/realisasi/{realisasi.pk}/bukti/").status_code == 404


def test_download_keeps_the_uploaders_file_name_but_the_stored_name_is_random(as_persona, realisasi, settings):
    assert re.fullmatch(r"programs/bukti/[0-9a-f]{32}\.png", realisasi.bukti.name)
    assert os.path.isfile(os.path.join(settings.PRIVATE_MEDIA_ROOT, realisasi.bukti.name))
    response = as_persona("staf").get(f"/program/realisasi/{realisasi.pk}/bukti/")
    assert response["Content-Disposition"] == 'attachment; filename="foto_kegiatan.png"'
    assert response["Content-Type"] == "image/png"


def test_evidence_is_not_under_media_root(realisasi, settings):
    found = [files for _folder, _dirs, files in os.walk(settings.MEDIA_ROOT) if files]
    assert found == []


def test_realisation_without_evidence_is_404(as_persona, verified_a, petugas_a):
    plain = services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data()
    )
    assert as_persona("staf").get(f"/program/realisasi/{plain.pk}/bukti/").status_code == 404


def test_post_is_405(as_persona, realisasi):
    assert as_persona("staf").post(f"/program/realisasi/{realisasi.pk}/bukti/").status_code == 405


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as `DEBUG=True` builds them (development serves public media from the app)."""
    settings.DEBUG = True
    spec = importlib.util.find_spec("opop.urls")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["debug_urls_for_test"] = module
    settings.ROOT_URLCONF = "debug_urls_for_test"
    yield
    del sys.modules["debug_urls_for_test"]


@pytest.mark.parametrize("debug", [False, True])
def test_media_url_of_evidence_is_404(debug, request, client, realisasi, settings):
    if debug:
        request.getfixturevalue("debug_urls")
    name = realisasi.bukti.name
    for url in (f"/media/{name}", f"/media/programs/bukti/2024/{realisasi.kegiatan.rencana.opd_id}/foto_kegiatan.png"):
        assert client.get(url).status_code == 404, url
    client.force_login(realisasi.diisi_oleh)
    assert client.get(f"/media/{name}").status_code == 404


def test_debug_serves_product_photos_so_the_media_check_above_can_fail(debug_urls, client, settings):
    folder = os.path.join(settings.MEDIA_ROOT, PHOTO_DIR)
    os.makedirs(folder)
    with open(os.path.join(folder, "contoh.jpg"), "wb") as handle:
        handle.write(image_bytes("JPEG"))
    assert client.get(f"/media/{PHOTO_DIR}contoh.jpg").status_code == 200


def test_admin_change_page_links_evidence_through_the_checked_view(as_persona, realisasi):
    response = as_persona("admin").get(f"/admin/programs/realisasi/{realisasi.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/program/realisasi/{realisasi.pk}/bukti/"' in html and realisasi.bukti.name not in html


def test_a_file_assigned_with_the_users_name_is_still_stored_under_a_random_name(realisasi):
    realisasi.bukti.save("KTP Siti Aminah.pdf", SimpleUploadedFile("x.pdf", b"%PDF"), save=False)
    assert re.fullmatch(r"programs/bukti/[0-9a-f]{32}\.pdf", realisasi.bukti.name)
