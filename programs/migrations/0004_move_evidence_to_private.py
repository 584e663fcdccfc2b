"""Move evidence files out of MEDIA_ROOT (served publicly) into private storage under random names.

Every name that a realisation or its history refers to is copied to PRIVATE_MEDIA_ROOT as
`programs/bukti/<random>.<ext>`, the rows are rewritten (the old file name is kept in `bukti_nama` for the
download), and only then are the public copies deleted. Files left under MEDIA_ROOT/programs/bukti that no row
refers to (replaced evidence the old code never deleted) are moved too, to `programs/bukti/tanpa-rujukan/`.
A name whose file is no longer in MEDIA_ROOT is left alone, so running it again changes nothing.

Going back leaves the files where they are: they must not become public again."""

import os
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import migrations

from opop.common.storage import PrivateStorage

OLD_PREFIX = "programs/bukti"


def _extension(name):
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    return "jpg" if ext == "jpeg" else ext


def move_evidence(apps, schema_editor):
    Realisasi = apps.get_model("programs", "Realisasi")
    HistoricalRealisasi = apps.get_model("programs", "HistoricalRealisasi")
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    private = PrivateStorage()

    names = set(Realisasi.objects.exclude(bukti="").values_list("bukti", flat=True))
    names |= set(HistoricalRealisasi.objects.exclude(bukti="").values_list("bukti", flat=True))
    moved = {}
    for old in sorted(names):
        if not public.exists(old):
            continue
        with public.open(old, "rb") as handle:
            content = ContentFile(handle.read())
        moved[old] = private.save(f"{OLD_PREFIX}/{uuid.uuid4().hex}.{_extension(old)}", content)
    for old, new in moved.items():
        original = os.path.basename(old)[:255]
        Realisasi.objects.filter(bukti=old).update(bukti=new, bukti_nama=original)
        HistoricalRealisasi.objects.filter(bukti=old).update(bukti=new, bukti_nama=original)

    leftovers = []
    root = public.path(OLD_PREFIX)
    for folder, _dirs, files in os.walk(root):
        for filename in files:
            relative = os.path.relpath(os.path.join(folder, filename), public.location).replace(os.sep, "/")
            if relative not in moved:
                leftovers.append(relative)
    for old in leftovers:
        with public.open(old, "rb") as handle:
            private.save(f"{OLD_PREFIX}/tanpa-rujukan/{old[len(OLD_PREFIX) + 1 :]}", ContentFile(handle.read()))

    for old in [*moved, *leftovers]:
        public.delete(old)
    for folder, _dirs, _files in sorted(os.walk(root), key=lambda entry: -len(entry[0])):
        if not os.listdir(folder):
            os.rmdir(folder)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_evidence_private_storage"),
    ]

    operations = [
        migrations.RunPython(move_evidence, migrations.RunPython.noop),
    ]
