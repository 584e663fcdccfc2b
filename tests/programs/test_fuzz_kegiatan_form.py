"""Hypothesis on the plan-kegiatan form: never a 500, and a refused form saves nothing."""

from hypothesis import given
from hypothesis import strategies as st

from opop.indicators.models import Indicator
from programs.models import Kegiatan
from tests.fuzzing import FORM_FUZZ, field_values


def test_plan_line_form_never_fails_and_never_half_saves(as_persona, plan_a):
    client = as_persona("petugas_a")
    indicator = Indicator.objects.first()

    @FORM_FUZZ
    @given(
        data=st.fixed_dictionaries(
            {
                "level_sipd": field_values("", "sub_kegiatan"),
                "kode_sipd": field_values("", "2.17.07.1.01.0002"),
                "uraian": field_values("Pelatihan digital"),
                "pilar": field_values("santripreneur"),
                "indikator": field_values(indicator.pk, 99999),
                "indikator_kinerja": field_values("Jumlah peserta"),
                "target": field_values(100, 0),
                "satuan": field_values("orang"),
                "pagu": field_values(150000000, -1),
                "sumber_dana": field_values("apbd"),
                "lokasi": field_values("35.17", "99.99"),
                "triwulan": field_values("1", "4"),
                "pptk": field_values("Budi"),
            }
        )
    )
    def post(data):
        before = Kegiatan.objects.count()
        response = client.post(f"/program/{plan_a.pk}/kegiatan/baru/", data)
        assert response.status_code in (200, 302, 400)  # 400: a NUL byte, refused before any view runs
        assert Kegiatan.objects.count() == before + (1 if response.status_code == 302 else 0)

    post()
