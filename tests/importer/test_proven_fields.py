"""Fields a column's parser already guarantees skip the model's clean_fields (ImportSpec.validate); a column proves
only what its parser checks, and whatever it parses passes the field's own clean()."""

import datetime

import pytest
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from opop.imports.columns import (
    ChoiceColumn,
    DateColumn,
    IdentifierColumn,
    IntegerColumn,
    PhoneColumn,
    TextColumn,
)
from opop.imports.registry import get_spec
from pesantren.models import JenisKelamin, Santripreneur, StatusAktif

CELLS = {
    "nama": ["Ahmad  Fauzi", "x" * 150, "  Siti Aminah "],
    "nik": ["3517010101040001", "'3517014101040002", " 3517 0101 0104 0003", ""],
    "jenis_kelamin": ["L", "perempuan", "Laki-laki", "putri", ""],
    "tanggal_lahir": ["17-08-2004", "2004-08-17", "17 Agustus 2004", datetime.date(2001, 1, 2), 38000, ""],
    "telepon": ["0812-3456-7890", "+62 812 3456 7890", "628123456789", 81234567890, "0321 861719", ""],
    "bidang_usaha": ["Kuliner", "", "y" * 150],
    "tahun_terdaftar": ["2019", 2045, "2.023"],
}


def test_santripreneur_skips_only_the_fields_its_parsers_check():
    spec = get_spec("santripreneur")
    # Status is still checked by the model: the column leaves it blank, the import then fills in Aktif.
    fields = {"nama", "nik", "jenis_kelamin", "tanggal_lahir", "telepon", "bidang_usaha", "tahun_terdaftar"}
    assert spec.proven == fields


@pytest.mark.parametrize("key", sorted(CELLS))
def test_every_value_a_proving_column_parses_passes_the_field(key):
    spec = get_spec("santripreneur")
    column, field = spec.column(key), Santripreneur._meta.get_field(key)
    assert column.proves(field)
    for cell in CELLS[key]:
        value = column.parse(cell)
        if not (field.blank and value in field.empty_values):  # clean_fields skips a blank it allows
            field.clean(value, None)


@pytest.mark.parametrize(
    ("column", "field"),
    [
        (TextColumn("a", "A", max_length=200), models.CharField(max_length=150)),
        (TextColumn("a", "A", max_length=10), models.CharField(max_length=10)),  # optional column, required field
        (TextColumn("a", "A", max_length=10), models.CharField(max_length=10, blank=True, choices=[("a", "A")])),
        (
            IdentifierColumn("a", "A", pattern=r"^\d{16}$", message="m"),
            models.CharField(max_length=16, blank=True, validators=[RegexValidator(r"^\d{15}$")]),
        ),
        (IdentifierColumn("a", "A", pattern=r"^\d{13}$", message="m"), models.CharField(max_length=12, blank=True)),
        (IdentifierColumn("a", "A", pattern=r"^\d+$", message="m"), models.CharField(max_length=16, blank=True)),
        (IntegerColumn("a", "A", min_value=0, required=True), models.PositiveIntegerField()),  # no upper bound
        (
            IntegerColumn("a", "A", min_value=2000, max_value=2045, required=True),
            models.SmallIntegerField(validators=[MinValueValidator(2019)]),
        ),
        (IntegerColumn("a", "A", min_value=1, max_value=9), models.IntegerField()),  # blank cell, NOT NULL field
        (DateColumn("a", "A"), models.DateField()),  # blank cell, required field
        (PhoneColumn("a", "A"), models.CharField(max_length=20, blank=True, validators=[RegexValidator(r"^0\d+$")])),
        (ChoiceColumn("a", "A", choices=StatusAktif.choices), models.CharField(max_length=1, blank=True)),
        (
            ChoiceColumn("a", "A", choices=[*JenisKelamin.choices, ("X", "x")]),
            models.CharField(max_length=1, blank=True, choices=JenisKelamin.choices),
        ),
    ],
)
def test_a_column_proves_no_field_whose_rules_it_does_not_check(column, field):
    assert not column.proves(field)
