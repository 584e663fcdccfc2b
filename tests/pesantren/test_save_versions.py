"""Lost-update protection lives in the services: every *_save given the form's version refuses a newer row."""

import pytest

from opop.common.concurrency import StaleObjectError, version_of
from pesantren import services
from pesantren.models import Pesantren, Santripreneur, Sociopreneur
from tests.pesantren.conftest import make_pesantren, make_santri, make_socio


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pesantren", "santripreneur", "sociopreneur"])
def test_a_save_against_a_newer_row_is_refused_and_changes_nothing(kind, staf):
    pesantren = make_pesantren()
    obj = {"pesantren": pesantren, "santripreneur": make_santri(pesantren), "sociopreneur": make_socio(pesantren)}[kind]
    save = getattr(services, f"{kind}_save")
    target = {"pesantren": "pesantren"}.get(kind, "person")
    loaded = version_of(obj)
    save(actor=staf, **{target: obj}, versi=loaded, reason="pertama", nama="Nama Pertama")  # the first editor
    fresh = type(obj).objects.get(pk=obj.pk)
    with pytest.raises(StaleObjectError):
        save(actor=staf, **{target: fresh}, versi=loaded, reason="kedua", nama="Nama Kedua")  # the second, stale
    assert type(obj).objects.get(pk=obj.pk).nama == "Nama Pertama"


@pytest.mark.django_db
def test_without_a_version_nothing_is_compared(staf):
    """Imports and merges save without a form: no version, no check."""
    pesantren = make_pesantren()
    services.pesantren_save(actor=staf, pesantren=pesantren, reason="impor", nama="Nama Impor")
    assert Pesantren.objects.get(pk=pesantren.pk).nama == "Nama Impor"
    assert Santripreneur.objects.count() == Sociopreneur.objects.count() == 0
