"""The importable kinds: each app registers its specs in `AppConfig.ready()` (dotted paths, imported on use)
through `opop.common.registry`, in the order the import page lists them."""

from django.utils.module_loading import import_string

from opop.common.registry import registry


def import_kinds():
    return list(registry["import_kinds"])


def spec_for_batch(batch):
    """The spec a stored batch was uploaded for, with the options chosen on its upload form."""
    return get_spec(batch.kind, **(batch.options or {}))


def get_spec(kind, **options):
    """A fresh spec instance for `kind` (with options such as opd/tahun for plan lines), or None. The officer's
    choices of what of the file is read (hidden rows, other sheets) are the reader's, and the columns to empty the
    engine's (run_import's `emptied`), not the kind's."""
    from opop.imports.engine import EMPTIED_OPTION
    from opop.imports.reading import READING_OPTIONS

    path = registry["import_kinds"].get(kind)
    options = {name: value for name, value in options.items() if name not in (*READING_OPTIONS, EMPTIED_OPTION)}
    return import_string(path)(**options) if path else None
