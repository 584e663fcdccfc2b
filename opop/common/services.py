"""Write plumbing every app's services share."""


def model_update(*, instance, fields, data):
    """Set `data` on `instance`, refusing any key outside the service's whitelist `fields`; return the names whose
    value changed. It does not save: the caller saves through `opop.common.audit.audited_save` (history + reason)."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Fields not writable here: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
