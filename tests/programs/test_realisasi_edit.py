import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.common.concurrency import version_of
from programs import services
from programs.models import LaporanTriwulan, Realisasi
from tests.programs.conftest import LOGIN, assert_access
from tests.programs.factories import first_line, realisasi_data

URL = "/program/kegiatan/{pk}/realisasi/{tw}/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _post(**overrides):
    data = {
        "output": "35",
        "fisik_persen": "40",
        "anggaran_terserap": "50000000",
        "penjelasan_anggaran": "",
        "permasalahan": "Peserta dari pesantren terpencil terlambat hadir.",
        "faktor_pendorong": "Dukungan pengasuh.",
        "faktor_penghambat": "",
        "versi": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def line(verified_a):
    return first_line(verified_a)


@pytest.mark.parametrize("persona", MATRIX)
def test_realisasi_page_access(persona, as_persona, line):
    assert_access(as_persona(persona).get(URL.format(pk=line.pk, tw=1)), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_realisasi_post_access(persona, as_persona, line):
    response = as_persona(persona).post(URL.format(pk=line.pk, tw=1), _post())
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert Realisasi.objects.filter(line=line).exists() == (expected == 302)


def test_petugas_enters_tw1_realisation_with_evidence(as_persona, line, petugas_a):
    evidence = SimpleUploadedFile("daftar-hadir.pdf", PDF, content_type="application/pdf")
    response = as_persona("petugas_a").post(URL.format(pk=line.pk, tw=1), {**_post(), "bukti": evidence})
    assert response["Location"] == f"/program/{line.rencana_id}/#tw-1"
    realisasi = Realisasi.objects.get(line=line, triwulan=1)
    assert (realisasi.output, realisasi.diisi_oleh) == (35, petugas_a)
    assert realisasi.bukti.name.endswith(".pdf")
    assert LaporanTriwulan.objects.get(rencana=line.rencana, triwulan=1).status == "draf"


def test_unknown_quarter_is_404(as_persona, line):
    assert as_persona("petugas_a").get(URL.format(pk=line.pk, tw=5)).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fisik_persen": "101"}, "fisik_persen"),
        ({"fisik_persen": "-1"}, "fisik_persen"),
        ({"output": "-2"}, "output"),
        ({"anggaran_terserap": "-5"}, "anggaran_terserap"),
        ({"anggaran_terserap": "160000000"}, "penjelasan_anggaran"),  # above the 150 jt pagu, unexplained
        ({"output": ""}, "output"),
    ],
)
def test_invalid_realisation_shows_errors_and_saves_nothing(overrides, field, as_persona, line):
    response = as_persona("petugas_a").post(URL.format(pk=line.pk, tw=1), _post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Realisasi.objects.exists() and not LaporanTriwulan.objects.exists()


def test_decreasing_cumulative_output_is_shown_on_the_field(as_persona, line, petugas_a):
    services.realisasi_save(actor=petugas_a, line=line, triwulan=1, data=realisasi_data(output=50))
    response = as_persona("petugas_a").post(URL.format(pk=line.pk, tw=2), _post(output="20"))
    assert "tidak boleh turun" in str(response.context["form"].errors["output"])
    assert not Realisasi.objects.filter(triwulan=2).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Jenis berkas bukti"),
        ("laporan.pdf", b"MZ\x90\x00not a pdf", "tidak sesuai dengan jenisnya"),
        ("besar.pdf", b"%PDF-" + b"0" * (5 * 2**20), "paling besar 5 MB"),
    ],
)
def test_evidence_type_and_size_are_checked(name, content, message, as_persona, line):
    upload = SimpleUploadedFile(name, content)
    response = as_persona("petugas_a").post(URL.format(pk=line.pk, tw=1), {**_post(), "bukti": upload})
    assert message in response.content.decode()
    assert not Realisasi.objects.exists()


def test_concurrent_realisation_edit_is_refused(client, line, petugas_a, admin):
    services.realisasi_save(actor=petugas_a, line=line, triwulan=1, data=realisasi_data(output=10))
    loaded = version_of(Realisasi.objects.get(line=line, triwulan=1))
    client.force_login(petugas_a)
    assert client.post(URL.format(pk=line.pk, tw=1), _post(output="20", versi=loaded)).status_code == 302
    client.force_login(admin)
    response = client.post(URL.format(pk=line.pk, tw=1), _post(output="30", versi=loaded))
    assert "Data ini sudah diubah oleh Dina" in response.content.decode()
    assert Realisasi.objects.get(line=line, triwulan=1).output == 20


def test_realisation_before_verification_is_refused(as_persona, plan_a):
    line = first_line(plan_a)
    response = as_persona("petugas_a").post(URL.format(pk=line.pk, tw=1), _post())
    assert response.status_code == 302
    assert not Realisasi.objects.exists()


def test_other_opd_post_saves_nothing(as_persona, line):
    assert as_persona("petugas_b").post(URL.format(pk=line.pk, tw=1), _post()).status_code == 404
    assert not Realisasi.objects.exists()
