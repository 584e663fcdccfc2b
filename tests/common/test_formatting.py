import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from opop.common.formatting import rupiah, tanggal


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1250000, "Rp 1.250.000"), (Decimal("999"), "Rp 999"), (0, "Rp 0"), (-5000, "-Rp 5.000"), (None, "—")],
)
def test_rupiah(value, expected):
    assert rupiah(value) == expected


def test_tanggal_in_indonesian_and_jakarta_time():
    assert tanggal(datetime.date(2023, 2, 2)) == "2 Februari 2023"
    utc = datetime.datetime(2026, 11, 27, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert tanggal(utc, with_time=True) == "28 November 2026 03.30 WIB"


def test_template_filters():
    out = Template("{% load formatting %}{{ v|rupiah }} {{ d|tanggal }}").render(
        Context({"v": 1250000, "d": datetime.date(2024, 8, 17)})
    )
    assert out == "Rp 1.250.000 17 Agustus 2024"
