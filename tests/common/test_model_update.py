import pytest

from opop.common.services import model_update
from opop.wilayah.models import KabupatenKota


def test_sets_only_the_whitelisted_fields_and_names_what_changed():
    kabkota = KabupatenKota(kode="35.17", nama="Kabupaten Jombang")
    assert model_update(instance=kabkota, fields=("nama",), data={"nama": "Kabupaten Jombang"}) == []
    assert model_update(instance=kabkota, fields=("nama",), data={"nama": "Kab. Jombang"}) == ["nama"]
    assert kabkota.nama == "Kab. Jombang"


def test_a_field_outside_the_whitelist_is_refused_and_nothing_is_set():
    kabkota = KabupatenKota(kode="35.17", nama="Kabupaten Jombang")
    with pytest.raises(ValueError, match="kode"):
        model_update(instance=kabkota, fields=("nama",), data={"nama": "X", "kode": "35.99"})
    assert (kabkota.kode, kabkota.nama) == ("35.17", "Kabupaten Jombang")
