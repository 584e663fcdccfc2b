"""Hypothesis on the santripreneur form: never a 500, and a refused form saves nothing."""

from hypothesis import given
from hypothesis import strategies as st

from pesantren.models import Pesantren, Santripreneur
from tests.fuzzing import FORM_FUZZ, field_values


def test_santripreneur_form_never_fails_and_never_half_saves(as_persona, pesantren_nspps):
    client = as_persona("staf")
    pesantren = Pesantren.objects.first()

    @FORM_FUZZ
    @given(
        data=st.fixed_dictionaries(
            {
                "nama": field_values("Ahmad Fauzi"),
                "nik": field_values("", "3517010101040001"),
                "jenis_kelamin": field_values("L", "P"),
                "tanggal_lahir": field_values("2004-08-17", "17-08-2004"),
                "telepon": field_values("", "081234567890"),
                "kabkota_pesantren": field_values("35.17"),
                "pesantren": field_values(pesantren.pk, 999999),
                "bidang_usaha": field_values("Kuliner"),
                "tahun_terdaftar": field_values(2023, 1990),
                "status": field_values("aktif", "tidak_aktif"),
                "alasan": field_values(""),
            }
        )
    )
    def post(data):
        before = Santripreneur.objects.count()
        response = client.post("/santripreneur/baru/", data)
        assert response.status_code in (200, 302, 400)  # 400: a NUL byte, refused before any view runs
        assert Santripreneur.objects.count() == before + (1 if response.status_code == 302 else 0)

    post()
