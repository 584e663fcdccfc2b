"""Every curation transition and every refused one; each step records who, when and why."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from products.models import CurationEvent, CurationStatus, Product
from products.services import TRANSITIONS, product_move

S = CurationStatus
ALLOWED = {(t.source, t.target) for t in TRANSITIONS}
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]
REFUSED = [(a, b) for a, b in ALL_PAIRS if (a, b) not in ALLOWED]
THIS_YEAR = timezone.localdate().year


def test_the_workflow_is_the_one_of_product_md():
    assert ALLOWED == {
        (S.TERDAFTAR, S.DIVERIFIKASI),
        (S.DIVERIFIKASI, S.DIKURASI),
        (S.DIKURASI, S.UNGGULAN),
        (S.TERDAFTAR, S.TIDAK_LOLOS),
        (S.DIVERIFIKASI, S.TIDAK_LOLOS),
        (S.DIKURASI, S.TIDAK_LOLOS),
        (S.DIVERIFIKASI, S.TERDAFTAR),
        (S.DIKURASI, S.DIVERIFIKASI),
        (S.UNGGULAN, S.DIKURASI),
        (S.TIDAK_LOLOS, S.TERDAFTAR),
    }


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_each_allowed_transition_records_who_when_and_why(source, target, make_product, staf):
    product = make_product(status=source, year=2021)
    events_before = CurationEvent.objects.filter(produk=product).count()
    before = timezone.now()
    year = 2022 if target == S.UNGGULAN else None

    product_move(actor=staf, product=product, to=target, notes="Alasan langkah ini", year=year)

    product.refresh_from_db()
    assert product.status_kurasi == target
    assert product.tahun_unggulan == year
    event = CurationEvent.objects.filter(produk=product).order_by("-id").first()
    assert CurationEvent.objects.filter(produk=product).count() == events_before + 1
    assert (event.dari, event.ke, event.oleh, event.catatan) == (source, target, staf, "Alasan langkah ini")
    assert event.pada >= before
    assert event.tahun_unggulan == year
    record = product.history.order_by("-history_date", "-history_id").first()
    assert record.history_user == staf
    assert "Alasan langkah ini" in record.history_change_reason


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_each_illegal_transition_is_refused_with_a_message_and_changes_nothing(source, target, make_product, staf):
    product = make_product(status=source, year=2021)
    events_before = CurationEvent.objects.count()
    history_before = product.history.count()

    with pytest.raises(ValidationError) as refused:
        product_move(actor=staf, product=product, to=target, notes="alasan", year=2022)

    assert "tidak dapat dipindahkan" in " ".join(refused.value.messages)
    product.refresh_from_db()
    assert product.status_kurasi == source
    assert CurationEvent.objects.count() == events_before
    assert product.history.count() == history_before


def test_unknown_target_status_is_refused(product, staf):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        product_move(actor=staf, product=product, to="juara", notes="x")


def test_forward_steps_need_no_reason(product, staf):
    product_move(actor=staf, product=product, to=S.DIVERIFIKASI)
    assert CurationEvent.objects.get(produk=product).catatan == ""


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (S.TERDAFTAR, S.TIDAK_LOLOS, "Alasan tidak lolos wajib diisi"),
        (S.DIVERIFIKASI, S.TIDAK_LOLOS, "Alasan tidak lolos wajib diisi"),
        (S.DIKURASI, S.TIDAK_LOLOS, "Alasan tidak lolos wajib diisi"),
        (S.DIVERIFIKASI, S.TERDAFTAR, "langkah mundur"),
        (S.DIKURASI, S.DIVERIFIKASI, "langkah mundur"),
        (S.UNGGULAN, S.DIKURASI, "langkah mundur"),
        (S.TIDAK_LOLOS, S.TERDAFTAR, "langkah mundur"),
    ],
)
def test_rejection_and_going_back_need_a_reason(source, target, message, make_product, staf):
    product = make_product(status=source)
    for blank in ("", "   "):
        with pytest.raises(ValidationError, match=message):
            product_move(actor=staf, product=product, to=target, notes=blank)
    product.refresh_from_db()
    assert product.status_kurasi == source


@pytest.mark.parametrize("year", [None, 2018, THIS_YEAR + 1])
def test_unggulan_needs_a_designation_year_in_range(year, make_product, staf):
    product = make_product(status=S.DIKURASI)
    with pytest.raises(ValidationError, match="Tahun penetapan"):
        product_move(actor=staf, product=product, to=S.UNGGULAN, year=year)
    product.refresh_from_db()
    assert product.status_kurasi == S.DIKURASI and product.tahun_unggulan is None


def test_revoking_unggulan_clears_the_designation_year(make_product, staf):
    product = make_product(status=S.UNGGULAN, year=2020)
    product_move(actor=staf, product=product, to=S.DIKURASI, notes="Kemasan berubah")
    product.refresh_from_db()
    assert (product.status_kurasi, product.tahun_unggulan) == (S.DIKURASI, None)


def test_year_is_ignored_for_steps_other_than_designation(product, staf):
    product_move(actor=staf, product=product, to=S.DIVERIFIKASI, year=2020)
    product.refresh_from_db()
    assert product.tahun_unggulan is None


@pytest.mark.parametrize("persona", ["pimpinan", "petugas_a"])
def test_read_only_roles_cannot_move_a_product(persona, product, request):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        product_move(actor=user, product=product, to=S.DIVERIFIKASI)
    product.refresh_from_db()
    assert product.status_kurasi == S.TERDAFTAR
    assert not CurationEvent.objects.filter(produk=product).exists()


def test_admin_may_act_too(product, admin):
    product_move(actor=admin, product=product, to=S.DIVERIFIKASI)
    assert Product.objects.get(pk=product.pk).status_kurasi == S.DIVERIFIKASI


def test_full_path_to_unggulan_leaves_a_timeline(product, staf):
    product_move(actor=staf, product=product, to=S.DIVERIFIKASI, notes="Administrasi lengkap")
    product_move(actor=staf, product=product, to=S.DIKURASI, notes="Lolos uji organoleptik")
    product_move(actor=staf, product=product, to=S.UNGGULAN, year=2024, notes="Rapat kurasi")
    timeline = list(CurationEvent.objects.filter(produk=product).order_by("pada", "id").values_list("dari", "ke"))
    assert timeline == [(S.TERDAFTAR, S.DIVERIFIKASI), (S.DIVERIFIKASI, S.DIKURASI), (S.DIKURASI, S.UNGGULAN)]


def test_database_refuses_unggulan_without_year(product):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(status_kurasi=S.UNGGULAN, tahun_unggulan=None)


def test_event_time_is_now(product, staf):
    product_move(actor=staf, product=product, to=S.DIVERIFIKASI)
    event = CurationEvent.objects.get(produk=product)
    assert abs(event.pada - timezone.now()) < datetime.timedelta(seconds=30)


def test_history_shows_the_status_change(make_product, staf):
    from opop.common.audit import history_entries

    product = make_product(status=S.DIKURASI)
    product_move(actor=staf, product=product, to=S.UNGGULAN, year=2023, notes="Rapat kurasi")
    changes = {str(c["field"]): (c["old"], c["new"]) for c in history_entries(product)[0]["changes"]}
    assert changes["status kurasi"] == (S.DIKURASI, S.UNGGULAN)
    assert changes["tahun penetapan unggulan"] == (None, 2023)
