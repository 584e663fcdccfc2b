import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programs import services
from tests.programs.conftest import LOGIN, assert_access
from tests.programs.factories import first_line, realisasi_data

MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 200, "pimpinan": 200, "petugas_a": 200, "petugas_b": 404}


@pytest.fixture
def realisasi(verified_a, petugas_a):
    data = realisasi_data(bukti=SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20))
    return services.realisasi_save(actor=petugas_a, line=first_line(verified_a), triwulan=1, data=data)


@pytest.mark.parametrize("persona", MATRIX)
def test_evidence_download_access(persona, as_persona, realisasi):
    response = as_persona(persona).get(f"/program/realisasi/{realisasi.pk}/bukti/")
    assert_access(response, MATRIX[persona])
    if MATRIX[persona] == 200:
        assert "attachment" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_realisation_without_evidence_is_404(as_persona, verified_a, petugas_a):
    plain = services.realisasi_save(actor=petugas_a, line=first_line(verified_a), triwulan=1, data=realisasi_data())
    assert as_persona("staf").get(f"/program/realisasi/{plain.pk}/bukti/").status_code == 404
