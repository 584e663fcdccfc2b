import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from pesantren.personal_data import (
    Visibility,
    mask_birth_date,
    mask_nik,
    mask_phone,
    personal_data_visibility,
    shown_value,
)
from tests.pesantren.conftest import NIK, NIK_MASKED


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", Visibility.FULL),
        ("staf", Visibility.FULL),
        ("pimpinan", Visibility.MASKED),
        ("petugas_a", Visibility.HIDDEN),
    ],
)
def test_visibility_per_role(persona, expected, request, db):
    assert personal_data_visibility(request.getfixturevalue(persona)) == expected


def test_anonymous_sees_nothing():
    assert personal_data_visibility(AnonymousUser()) == Visibility.HIDDEN


def test_masks():
    assert mask_nik(NIK) == NIK_MASKED
    assert mask_phone("081234567890") == "0812******90"
    assert mask_birth_date(datetime.date(2004, 5, 6)) == "**-**-2004"
    assert mask_nik(None) == mask_phone("") == mask_birth_date(None) == ""


def test_shown_value_per_visibility():
    birth = datetime.date(1990, 1, 1)
    assert shown_value(birth, "tanggal_lahir", Visibility.FULL) == "01-01-1990"
    assert shown_value(NIK, "nik", Visibility.MASKED) == NIK_MASKED
    assert shown_value(NIK, "nik", Visibility.HIDDEN) == ""


@pytest.mark.parametrize(("visibility", "expected"), [("full", NIK), ("masked", NIK_MASKED), ("hidden", "")])
def test_template_tag(visibility, expected, santri):
    template = Template('{% load personal_data %}[{% personal person "nik" %}]')
    assert template.render(Context({"person": santri, "personal_visibility": visibility})) == f"[{expected}]"
