"""Pesantren's invariants are named database checks with an Indonesian message, like programs' and products'."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pesantren.models import Pesantren, Santripreneur
from tests.pesantren.conftest import make_pesantren, make_santri


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "constraint", "message"),
    [
        ("status", "hilang", "pesantren_status_valid", "Status pesantren tidak dikenal."),
        ("tahun_kohort", 2050, "pesantren_cohort_year_in_range", "Tahun kohort OPOP harus antara 2019 dan 2045."),
        ("tahun_berdiri", 1700, "pesantren_founding_year_in_range", "Tahun berdiri harus antara 1800 dan 2045."),
        ("latitude", 3, "pesantren_latitude_in_east_java", "Lintang harus antara −9 dan −5 (wilayah Jawa Timur)."),
        ("longitude", 95, "pesantren_longitude_in_east_java", "Bujur harus antara 110 dan 117 (wilayah Jawa Timur)."),
    ],
)
def test_a_pesantren_outside_its_rules_is_refused_by_the_database_with_a_message(field, value, constraint, message):
    pesantren = make_pesantren()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Pesantren.objects.filter(pk=pesantren.pk).update(**{field: value})
    setattr(pesantren, field, value)
    with pytest.raises(ValidationError) as error:
        pesantren.validate_constraints()
    assert message in error.value.messages


@pytest.mark.django_db
def test_a_missing_cohort_year_and_coordinates_are_allowed():
    pesantren = make_pesantren(tahun_kohort=None, latitude=None, longitude=None)
    pesantren.validate_constraints()
    assert Pesantren.objects.filter(tahun_kohort__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_santripreneur_registered_before_the_programme_is_refused():
    person = make_santri(make_pesantren())
    with pytest.raises(IntegrityError, match="santripreneur_year_in_range"), transaction.atomic():
        Santripreneur.objects.filter(pk=person.pk).update(tahun_terdaftar=2018)
    assert Santripreneur.objects.get(pk=person.pk).tahun_terdaftar != 2018
