"""The importable kinds. Each app adds its specs here (dotted paths, imported on use)."""

from django.utils.module_loading import import_string

IMPORT_KINDS = {
    "pesantren": "pesantren.importers.PesantrenImport",
    "santripreneur": "pesantren.importers.SantripreneurImport",
    "sociopreneur": "pesantren.importers.SociopreneurImport",
    "products": "products.importers.ProductImport",
    "plan_lines": "programs.importers.KegiatanImport",  # command line: needs --opd and --tahun
    "participations": "programs.importers.ParticipationImport",  # command line: needs --kegiatan
}


def spec_for_batch(batch):
    """The spec a stored batch was uploaded for, with the options chosen on its upload form."""
    return get_spec(batch.kind, **(batch.options or {}))


def get_spec(kind, **options):
    """A fresh spec instance for `kind` (with options such as opd/tahun for plan lines), or None. The officer's
    choices of what of the file is read (hidden rows, other sheets) are the reader's, not the kind's."""
    from opop.common.importer.reading import READING_OPTIONS

    path = IMPORT_KINDS.get(kind)
    options = {name: value for name, value in options.items() if name not in READING_OPTIONS}
    return import_string(path)(**options) if path else None
