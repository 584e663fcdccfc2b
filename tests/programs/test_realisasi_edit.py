import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opop.common.concurrency import version_of
from programs import services
from programs.models import LaporanTriwulan, Realisasi
from tests.access import LOGIN, assert_access
from tests.files import docx_bytes, image_bytes, pdf_bytes, xlsx_bytes, zip_bytes
from tests.programs.factories import first_kegiatan, realisasi_data

URL = "/program/kegiatan/{pk}/realisasi/{tw}/"
MATRIX = {"anonymous": LOGIN, "admin": 200, "staf": 403, "pimpinan": 403, "petugas_a": 200, "petugas_b": 404}
PDF = pdf_bytes()


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
def kegiatan(verified_a):
    return first_kegiatan(verified_a)


@pytest.mark.parametrize("persona", MATRIX)
def test_realisasi_page_access(persona, as_persona, kegiatan):
    assert_access(as_persona(persona).get(URL.format(pk=kegiatan.pk, tw=1)), MATRIX[persona])


@pytest.mark.parametrize("persona", MATRIX)
def test_realisasi_post_access(persona, as_persona, kegiatan):
    response = as_persona(persona).post(URL.format(pk=kegiatan.pk, tw=1), _post())
    expected = 302 if MATRIX[persona] == 200 else MATRIX[persona]
    assert_access(response, expected)
    assert Realisasi.objects.filter(kegiatan=kegiatan).exists() == (expected == 302)


def test_petugas_enters_tw1_realisation_with_evidence(as_persona, kegiatan, petugas_a):
    evidence = SimpleUploadedFile("daftar-hadir.pdf", PDF, content_type="application/pdf")
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=1), {**_post(), "bukti": evidence})
    assert response["Location"] == f"/program/{kegiatan.rencana_id}/#tw-1"
    realisasi = Realisasi.objects.get(kegiatan=kegiatan, triwulan=1)
    assert (realisasi.output, realisasi.diisi_oleh) == (35, petugas_a)
    assert realisasi.bukti.name.endswith(".pdf")
    assert LaporanTriwulan.objects.get(rencana=kegiatan.rencana, triwulan=1).status == "draf"


def test_unknown_quarter_is_404(as_persona, kegiatan):
    assert as_persona("petugas_a").get(URL.format(pk=kegiatan.pk, tw=5)).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fisik_persen": "101"}, "fisik_persen"),
        ({"fisik_persen": "-1"}, "fisik_persen"),
        ({"output": "-2"}, "output"),
        ({"anggaran_terserap": "-5"}, "anggaran_terserap"),
        ({"anggaran_terserap": "50.000.000,5"}, "anggaran_terserap"),
        ({"anggaran_terserap": "125,5"}, "anggaran_terserap"),
        ({"anggaran_terserap": "160000000"}, "penjelasan_anggaran"),  # above the 150 jt pagu, unexplained
        ({"output": ""}, "output"),
    ],
)
def test_invalid_realisation_shows_errors_and_saves_nothing(overrides, field, as_persona, kegiatan):
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=1), _post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Realisasi.objects.exists() and not LaporanTriwulan.objects.exists()


def test_decreasing_cumulative_output_is_shown_on_the_field(as_persona, kegiatan, petugas_a):
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=50))
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=2), _post(output="20"))
    assert "tidak boleh turun" in str(response.context["form"].errors["output"])
    assert not Realisasi.objects.filter(triwulan=2).exists()


def _stored_files(settings):
    return [name for _folder, _dirs, names in os.walk(settings.PRIVATE_MEDIA_ROOT) for name in names]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Jenis berkas tidak diterima"),
        ("laporan.pdf", b"MZ\x90\x00not a pdf", "isinya bukan PDF"),
        # The old check read only the first bytes: each of these passed it.
        ("laporan.pdf", b"%PDF-1.7\n<script>alert(1)</script>", "isinya bukan PDF"),
        ("laporan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "isinya bukan PDF"),  # no xref
        ("laporan.pdf", PDF[:-40], "isinya bukan PDF"),  # truncated: no startxref / %%EOF
        ("rekap.xlsx", zip_bytes({"payload.exe": "MZ"}), "isinya bukan XLSX"),
        ("rekap.xlsx", docx_bytes(), "isinya bukan XLSX"),  # a Word file renamed
        ("rekap.xlsx", b"PK\x03\x04" + b"0" * 100, "isinya bukan XLSX"),
        ("berita.docx", xlsx_bytes(), "isinya bukan DOCX"),
        ("berita.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), "bukan DOCX"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "bukan gambar"),
        ("foto.jpg", image_bytes("PNG"), "tidak sesuai dengan isinya"),
        ("besar.pdf", b"%PDF-" + b"0" * (5 * 2**20), "terlalu besar"),
    ],
)
def test_evidence_content_is_parsed_and_bad_files_save_nothing(name, content, message, as_persona, kegiatan, settings):
    upload = SimpleUploadedFile(name, content)
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=1), {**_post(), "bukti": upload})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["bukti"])
    assert not Realisasi.objects.exists() and not LaporanTriwulan.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [("hadir.pdf", PDF), ("foto.jpeg", image_bytes("JPEG")), ("rekap.xlsx", xlsx_bytes()), ("ba.docx", docx_bytes())],
)
def test_each_evidence_kind_is_accepted(name, content, as_persona, kegiatan, settings):
    upload = SimpleUploadedFile(name, content)
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=1), {**_post(), "bukti": upload})
    assert response.status_code == 302
    stored = Realisasi.objects.get(kegiatan=kegiatan, triwulan=1)
    assert stored.bukti.read() == content
    assert stored.bukti_nama == name.replace(".jpeg", ".jpg")


def test_replacing_evidence_deletes_the_old_file(as_persona, kegiatan, petugas_a, django_capture_on_commit_callbacks):
    first = services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(bukti=SimpleUploadedFile("a.pdf", PDF))
    )
    old_path = first.bukti.path
    png = image_bytes("PNG")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_persona("petugas_a").post(
            URL.format(pk=kegiatan.pk, tw=1),
            {**_post(versi=version_of(first)), "bukti": SimpleUploadedFile("b.png", png)},
        )
    assert response.status_code == 302
    realisasi = Realisasi.objects.get(pk=first.pk)
    assert realisasi.bukti.read() == png and realisasi.bukti_nama == "b.png"
    assert not os.path.exists(old_path)


def test_clearing_evidence_deletes_the_file(as_persona, kegiatan, petugas_a, django_capture_on_commit_callbacks):
    first = services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(bukti=SimpleUploadedFile("a.pdf", PDF))
    )
    old_path = first.bukti.path
    with django_capture_on_commit_callbacks(execute=True):
        response = as_persona("petugas_a").post(
            URL.format(pk=kegiatan.pk, tw=1), _post(versi=version_of(first), hapus_bukti="on")
        )
    assert response.status_code == 302
    realisasi = Realisasi.objects.get(pk=first.pk)
    assert (realisasi.bukti.name, realisasi.bukti_nama) == ("", "")
    assert not os.path.exists(old_path)


def test_a_refused_save_keeps_the_old_evidence(
    as_persona, kegiatan, petugas_a, settings, django_capture_on_commit_callbacks
):
    first = services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(bukti=SimpleUploadedFile("a.pdf", PDF))
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = as_persona("petugas_a").post(
            URL.format(pk=kegiatan.pk, tw=1),
            {**_post(versi=version_of(first), fisik_persen="101"), "bukti": SimpleUploadedFile("b.pdf", PDF)},
        )
    assert response.status_code == 200
    assert Realisasi.objects.get(pk=first.pk).bukti.name == first.bukti.name
    assert os.path.exists(first.bukti.path)
    assert len(_stored_files(settings)) == 1


def test_deleting_a_line_deletes_its_evidence(kegiatan, petugas_a, admin, django_capture_on_commit_callbacks):
    saved = services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(bukti=SimpleUploadedFile("a.pdf", PDF))
    )
    services.rencana_reopen(actor=admin, rencana=kegiatan.rencana, alasan="Revisi anggaran")
    with django_capture_on_commit_callbacks(execute=True):
        services.kegiatan_delete(actor=petugas_a, kegiatan=kegiatan)
    assert not os.path.exists(saved.bukti.path)


def test_the_form_links_evidence_only_through_the_checked_view(as_persona, kegiatan, petugas_a):
    saved = services.realisasi_save(
        actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(bukti=SimpleUploadedFile("a.pdf", PDF))
    )
    for url in (URL.format(pk=kegiatan.pk, tw=1), kegiatan.rencana.get_absolute_url()):
        html = as_persona("petugas_a").get(url).content.decode()
        assert f'href="/program/realisasi/{saved.pk}/bukti/"' in html, url
        assert "/media/" not in html and saved.bukti.name not in html, url


def test_concurrent_realisation_edit_is_refused(client, kegiatan, petugas_a, admin):
    services.realisasi_save(actor=petugas_a, kegiatan=kegiatan, triwulan=1, data=realisasi_data(output=10))
    loaded = version_of(Realisasi.objects.get(kegiatan=kegiatan, triwulan=1))
    client.force_login(petugas_a)
    assert client.post(URL.format(pk=kegiatan.pk, tw=1), _post(output="20", versi=loaded)).status_code == 302
    client.force_login(admin)
    response = client.post(URL.format(pk=kegiatan.pk, tw=1), _post(output="30", versi=loaded))
    assert "Data ini sudah diubah oleh Dina" in response.content.decode()
    assert Realisasi.objects.get(kegiatan=kegiatan, triwulan=1).output == 20


def test_realisation_before_verification_is_refused(as_persona, plan_a):
    kegiatan = first_kegiatan(plan_a)
    response = as_persona("petugas_a").post(URL.format(pk=kegiatan.pk, tw=1), _post())
    assert response.status_code == 302
    assert not Realisasi.objects.exists()


def test_other_opd_post_saves_nothing(as_persona, kegiatan):
    assert as_persona("petugas_b").post(URL.format(pk=kegiatan.pk, tw=1), _post()).status_code == 404
    assert not Realisasi.objects.exists()
