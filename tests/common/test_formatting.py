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


def test_numbers_and_dates_follow_the_language():
    from django.utils import translation

    from opop.common.formatting import persen, ribuan

    day = datetime.date(2026, 12, 2)
    assert (ribuan(1000000), persen(14.25), tanggal(day), rupiah(1250000)) == (
        "1.000.000",
        "14,3\u00a0%",
        "2 Desember 2026",
        "Rp 1.250.000",
    )
    with translation.override("en"):
        assert (ribuan(1000000), persen(14.25), tanggal(day), rupiah(1250000)) == (
            "1,000,000",
            "14.3%",
            "2 December 2026",
            "Rp 1,250,000",
        )
        assert persen(1234.5, 2) == "1,234.50%"
    assert persen(1234.5, 2) == "1.234,50\u00a0%" and persen(None) == "—"


def test_template_filters_in_english():
    from django.utils import translation

    with translation.override("en"):
        out = Template("{% load formatting %}{{ v|ribuan }} {{ p|persen }} {{ d|tanggal }}").render(
            Context({"v": 315000, "p": 0.26, "d": datetime.date(2024, 8, 17)})
        )
    assert out == "315,000 0.3% 17 August 2024"
