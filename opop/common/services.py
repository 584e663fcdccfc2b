"""Write plumbing every app's services share: `versioned_update` is the one place form (or file) data is assigned to a
model instance. tests/common/test_write_path.py fails on any other assignment of data to a model in app code."""

from opop.common.audit import audited_save
from opop.common.concurrency import check_version


def versioned_update(*, instance, version, fields, data, actor, reason="", locked=False, prepare=None, clean=None):
    """Write `data` into `instance` and save it with its history (who, why); return the names of the
    (non-many-to-many) fields whose value changed. Called inside the entity service's transaction (no savepoint of
    its own: a quarter's grid saves a dozen lines in one request).

    - `version`: the version the form was loaded with (`opop.common.concurrency.version_of`). For a stored instance
      the row is locked (`select_for_update`, held to the caller's transaction end) and the save is refused with
      "sudah diubah oleh …" when someone saved it since. None: no form to compare (an import, a merge).
      `locked=True`: the caller read `instance` itself under `select_for_update` in this transaction (no second read).
    - `fields`: the entity's writable fields, defined once in its service; a key of `data` outside them is refused
      (ValueError), a field absent from `data` is left as it is. Many-to-many fields are set after the save.
    - `prepare(instance)`: what the entity derives from the new values before validation (stored files, the
      verifier, cumulative checks); `clean`: keyword arguments for `full_clean` (None: the full check).
    """
    unknown = set(data) - set(fields)
    if unknown:  # a service passing a field it does not own is a bug, not input
        raise ValueError(f"Fields not writable here: {sorted(unknown)}")
    if instance.pk is not None and version is not None:
        current = instance if locked else type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        check_version(current, version)
    many = {f.name for f in instance._meta.many_to_many}
    changed = []
    for name, value in data.items():
        if name in many:
            continue
        if getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed.append(name)
    if prepare is not None:
        prepare(instance)
    instance.full_clean(**(clean or {}))
    audited_save(instance, actor=actor, reason=reason, validate=False)
    for name in many.intersection(data):
        getattr(instance, name).set(data[name] or [])  # Django compares and writes only the difference
    return changed
