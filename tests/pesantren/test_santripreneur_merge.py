import pytest

from pesantren.models import Participation, Santripreneur
from tests.access import PERSONAS, assert_access
from tests.pesantren.conftest import NIK, make_participation, make_santri, write_matrix


@pytest.fixture
def twin(pesantren):
    """The same person typed again: no NIK, a phone number, a later year."""
    return make_santri(pesantren, nama="SITI AMINAH", telepon="081300001111", tahun_terdaftar=2024)


@pytest.fixture
def keep(pesantren):
    return make_santri(pesantren, nama="Siti Aminah", nik=NIK)


def url(keep, drop):
    return f"/santripreneur/{keep.pk}/gabung/{drop.pk}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, as_persona, keep, twin):
    assert_access(as_persona(persona).get(url(keep, twin)), write_matrix()[persona])


@pytest.mark.parametrize("persona", ["anonymous", "pimpinan", "petugas_a", "petugas_b"])
def test_handcrafted_post_by_non_writer_merges_nothing(persona, as_persona, keep, twin):
    assert_access(as_persona(persona).post(url(keep, twin), {"alasan": "Sama"}), write_matrix()[persona])
    assert Santripreneur.objects.count() == 2


def test_merge_keeps_every_participation_and_fills_missing_fields(as_persona, staf, keep, twin, diskop, kominfo):
    make_participation(keep, diskop, tahun=2023)
    make_participation(twin, diskop, tahun=2023)  # the same activity twice: kept once
    make_participation(twin, kominfo, kegiatan="Pelatihan Pemasaran Digital", tahun=2024)
    response = as_persona("staf").post(url(keep, twin), {"alasan": "Orang yang sama, dicek ke pondok"})
    assert response["Location"] == f"/santripreneur/{keep.pk}/"
    assert list(Santripreneur.objects.values_list("pk", flat=True)) == [keep.pk]
    keep.refresh_from_db()
    assert keep.telepon == "081300001111" and keep.nik == NIK
    assert sorted(keep.partisipasi.values_list("opd__kode", "tahun")) == [("diskop-ukm", 2023), ("kominfo", 2024)]
    reason = f"Digabung dengan #{twin.pk}: Orang yang sama, dicek ke pondok"
    assert keep.history.order_by("-history_id").first().history_change_reason == reason
    deleted = Santripreneur.history.get(id=twin.pk, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (staf, reason)
    assert Participation.history.filter(history_change_reason=reason).count() == 2  # one moved, one dropped


def test_reason_is_required_and_nothing_is_merged_without_it(as_persona, keep, twin):
    response = as_persona("staf").post(url(keep, twin), {"alasan": ""})
    assert response.status_code == 200 and "Bidang ini tidak boleh kosong" in response.content.decode()
    assert Santripreneur.objects.count() == 2


def test_reason_longer_than_the_form_allows_is_refused(as_persona, keep, twin):
    response = as_persona("staf").post(url(keep, twin), {"alasan": "x" * 101})
    assert "paling banyak 100 karakter" in response.content.decode() and Santripreneur.objects.count() == 2


def test_a_reason_of_the_forms_full_length_merges(as_persona, keep, twin):
    """The service prefixes "Digabung dengan #<id>: " to it: the history keeps the whole of it (once a 500)."""
    response = as_persona("staf").post(url(keep, twin), {"alasan": "y" * 100})
    assert response.status_code == 302 and Santripreneur.objects.count() == 1
    assert "y" * 100 in Santripreneur.history.filter(id=keep.pk).first().history_change_reason


def test_only_a_suspected_duplicate_can_be_merged(as_persona, keep, pesantren):
    stranger = make_santri(pesantren, nama="Budi Santoso")
    assert as_persona("staf").post(url(keep, stranger), {"alasan": "x"}).status_code == 404
    assert as_persona("staf").get(url(keep, keep)).status_code == 404
    assert Santripreneur.objects.count() == 2


def test_pair_marked_not_duplicate_cannot_be_merged(as_persona, keep, twin):
    keep.bukan_duplikat.add(twin)
    assert as_persona("staf").get(url(keep, twin)).status_code == 404


def test_confirmation_page_warns_when_niks_differ(as_persona, keep, twin):
    twin.nik = "3517010101900009"
    twin.save()
    assert "NIK yang berbeda" in as_persona("staf").get(url(keep, twin)).content.decode()


def test_a_crossed_merge_after_the_first_finds_its_record_gone_and_changes_nothing(staf, keep, twin):
    from django.core.exceptions import ValidationError

    from pesantren.services import santripreneur_merge

    stale_keep, stale_twin = Santripreneur.objects.get(pk=keep.pk), Santripreneur.objects.get(pk=twin.pk)
    santripreneur_merge(actor=staf, keep=keep, drop=twin, reason="Orang yang sama")
    # The second user still had the pair open, the other way round: merge `keep` into `twin`.
    with pytest.raises(ValidationError, match="sudah digabung atau dihapus"):
        santripreneur_merge(actor=staf, keep=stale_twin, drop=stale_keep, reason="Orang yang sama")
    assert list(Santripreneur.objects.values_list("pk", flat=True)) == [keep.pk]


def test_the_same_merge_twice_changes_nothing_the_second_time(staf, keep, twin):
    from django.core.exceptions import ValidationError

    from pesantren.services import santripreneur_merge

    stale_twin = Santripreneur.objects.get(pk=twin.pk)
    santripreneur_merge(actor=staf, keep=keep, drop=twin, reason="Orang yang sama")
    with pytest.raises(ValidationError):
        santripreneur_merge(actor=staf, keep=keep, drop=stale_twin, reason="Orang yang sama")
    assert list(Santripreneur.objects.values_list("pk", flat=True)) == [keep.pk]
