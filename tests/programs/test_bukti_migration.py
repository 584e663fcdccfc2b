"""programs 0004 moves evidence from MEDIA_ROOT (public) into private storage; tested by calling its function."""

import importlib
import os
import re

from django.apps import apps

from programs import services
from programs.models import Realisasi
from tests.files import pdf_bytes
from tests.programs.factories import first_kegiatan, realisasi_data

migration = importlib.import_module("programs.migrations.0004_move_evidence_to_private")
OLD_NAME = "programs/bukti/2024/7/daftar_hadir.pdf"


def _write(root, name, content):
    path = os.path.join(root, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)
    return path


def test_migration_moves_public_evidence_to_private_storage(verified_a, petugas_a, settings):
    realisasi = services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data()
    )
    Realisasi.objects.filter(pk=realisasi.pk).update(bukti=OLD_NAME)  # as the old code stored it
    realisasi.history.update(bukti=OLD_NAME)
    content = pdf_bytes()
    public_path = _write(settings.MEDIA_ROOT, OLD_NAME, content)
    orphan = _write(settings.MEDIA_ROOT, "programs/bukti/2024/7/lama.pdf", b"replaced evidence")

    migration.move_evidence(apps, None)

    realisasi.refresh_from_db()
    assert re.fullmatch(r"programs/bukti/[0-9a-f]{32}\.pdf", realisasi.bukti.name)
    assert realisasi.bukti_nama == "daftar_hadir.pdf"
    with open(os.path.join(settings.PRIVATE_MEDIA_ROOT, realisasi.bukti.name), "rb") as handle:
        assert handle.read() == content
    assert set(realisasi.history.values_list("bukti", flat=True)) == {realisasi.bukti.name}
    assert not os.path.exists(public_path) and not os.path.exists(orphan)
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, "programs", "bukti"))
    kept = os.path.join(settings.PRIVATE_MEDIA_ROOT, "programs/bukti/tanpa-rujukan/2024/7/lama.pdf")
    with open(kept, "rb") as handle:
        assert handle.read() == b"replaced evidence"


def test_migration_run_twice_changes_nothing_more(verified_a, petugas_a, settings):
    realisasi = services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data()
    )
    Realisasi.objects.filter(pk=realisasi.pk).update(bukti=OLD_NAME)
    _write(settings.MEDIA_ROOT, OLD_NAME, pdf_bytes())
    migration.move_evidence(apps, None)
    moved = Realisasi.objects.get(pk=realisasi.pk).bukti.name
    migration.move_evidence(apps, None)
    assert Realisasi.objects.get(pk=realisasi.pk).bukti.name == moved
    assert os.path.isfile(os.path.join(settings.PRIVATE_MEDIA_ROOT, moved))


def test_migration_leaves_a_missing_file_alone(verified_a, petugas_a):
    realisasi = services.realisasi_save(
        actor=petugas_a, kegiatan=first_kegiatan(verified_a), triwulan=1, data=realisasi_data()
    )
    Realisasi.objects.filter(pk=realisasi.pk).update(bukti=OLD_NAME)
    migration.move_evidence(apps, None)
    assert Realisasi.objects.get(pk=realisasi.pk).bukti.name == OLD_NAME
