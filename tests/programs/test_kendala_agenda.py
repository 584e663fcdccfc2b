"""Marking a reported problem for the FGD agenda (programs:kendala_agenda): Staf Diskop and Admin only, audited,
through programs.services.kendala_mark; the mark shows on the digest and the recap."""

import pytest

from opop.common.concurrency import version_of
from programs.models import KendalaAgenda, Realisasi
from tests.access import LOGIN, assert_access

URL = "/program/kendala/{pk}/agenda/"
# Anonymous: login; Diskop: done (redirect to the digest); Pimpinan and the OPD's own officer see it: 403;
# another OPD's officer cannot see it: 404.
MATRIX = {"anonymous": LOGIN, "admin": 302, "staf": 302, "pimpinan": 403, "petugas_a": 403, "petugas_b": 404}


@pytest.fixture
def problem(fgd_data):
    """A 2023 realisation of OPD A (Kominfo) that reports a problem."""
    return Realisasi.objects.filter(kegiatan__rencana__opd__kode="kominfo", kegiatan__rencana__tahun=2023).first()


@pytest.mark.parametrize("persona", MATRIX)
def test_kendala_agenda_access(persona, as_persona, problem):
    response = as_persona(persona).post(URL.format(pk=problem.pk), {"masuk_agenda": "1", "versi": ""})
    assert_access(response, MATRIX[persona])
    assert KendalaAgenda.objects.filter(realisasi=problem, masuk_agenda=True).exists() == (MATRIX[persona] == 302)


def test_get_is_refused(as_persona, problem):
    assert as_persona("staf").get(URL.format(pk=problem.pk)).status_code == 405


def test_staf_marks_and_unmarks_with_who_and_when_audited(as_persona, problem, staf):
    client = as_persona("staf")
    response = client.post(
        URL.format(pk=problem.pk), {"masuk_agenda": "1", "versi": "", "kembali": "kategori=3&x=evil&kelompok=opd"}
    )
    assert response["Location"] == f"/program/kendala/?tahun=2023&kategori=3&kelompok=opd#kendala-{problem.pk}"
    mark = KendalaAgenda.objects.get(realisasi=problem)
    assert (mark.masuk_agenda, mark.ditandai_oleh) == (True, staf) and mark.ditandai_pada is not None
    assert mark.history.first().history_user == staf
    digest = client.get("/program/kendala/?tahun=2023").context["digest"]
    assert [item.pk for item in digest.agenda] == [problem.pk]
    recap = client.get("/program/rekap-fgd/?tahun=2024")
    assert [item.pk for item in recap.context["recap"].kendala.agenda] == [problem.pk]
    assert "Kendala yang diangkat dalam FGD" in recap.content.decode()

    client.post(URL.format(pk=problem.pk), {"masuk_agenda": "0", "versi": version_of(mark)})
    mark.refresh_from_db()
    assert mark.masuk_agenda is False and mark.history.count() == 2


@pytest.mark.parametrize("data", [{"masuk_agenda": "ya"}, {}, {"masuk_agenda": "1", "versi": "2020-01-01T00:00:00"}])
def test_bad_input_saves_nothing(as_persona, problem, data):
    response = as_persona("staf").post(URL.format(pk=problem.pk), data, follow=True)
    assert response.status_code == 200
    assert not KendalaAgenda.objects.exists()


def test_a_stale_mark_is_refused_naming_who_changed_it(as_persona, problem, admin):
    client = as_persona("staf")
    client.post(URL.format(pk=problem.pk), {"masuk_agenda": "1", "versi": ""})
    stale = version_of(KendalaAgenda.objects.get())
    as_persona("admin").post(URL.format(pk=problem.pk), {"masuk_agenda": "0", "versi": stale})
    client = as_persona("staf")
    response = client.post(URL.format(pk=problem.pk), {"masuk_agenda": "1", "versi": stale}, follow=True)
    assert "sudah diubah oleh" in response.content.decode()
    assert KendalaAgenda.objects.get().masuk_agenda is False


def test_the_service_refuses_a_petugas(problem, petugas_a):
    from django.core.exceptions import PermissionDenied

    from programs import services

    with pytest.raises(PermissionDenied):
        services.kendala_mark(actor=petugas_a, realisasi=problem, masuk_agenda=True)
    assert not KendalaAgenda.objects.exists()
