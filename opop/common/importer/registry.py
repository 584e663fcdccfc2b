"""The importable kinds. Each app adds its specs here (dotted paths, imported on use)."""

from django.utils.module_loading import import_string

IMPORT_KINDS = {
    "pesantren": "pesantren.importers.PesantrenImport",
    "santripreneur": "pesantren.importers.SantripreneurImport",
    "sociopreneur": "pesantren.importers.SociopreneurImport",
}


def get_spec(kind):
    """A fresh spec instance for `kind`, or None for an unknown kind."""
    path = IMPORT_KINDS.get(kind)
    return import_string(path)() if path else None
