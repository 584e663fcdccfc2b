"""What the domain apps add to the machinery below them, filled by each app's `AppConfig.ready()` (NetBox keeps
the same kind of registry in `netbox/registry.py`). The import engine, the job runner and the list exports read
their kinds here, so none of them names a domain app (tests/test_layering.py checks the strings too)."""

from django.core.exceptions import ImproperlyConfigured

registry = {
    "import_kinds": {},  # kind -> ImportSpec subclass (opop.imports)
    "job_kinds": {},  # kind -> (handler(run), label shown on "Pekerjaan saya") (opop.jobs)
    "schedules": {},  # job kind run by itself -> dotted path of next_run(now) -> its next time (opop.jobs)
    "export_lists": {},  # list name -> sheet builder (user, query) -> Sheet (opop.jobs.exports)
    "role_grants": {},  # app label -> {role: actions on its models} (opop.accounts.permissions)
    "predicates": {},  # predicate name -> the app's permission behind it (opop.accounts.permissions)
    # name -> dotted path of (user, tahun) -> JSON figures an upper layer adds to a closed year's version (angka tetap)
    "angka_tetap_sources": {},
    "fgd_agenda_sources": {},  # name -> (user, tahun) -> [(sumber, teks)]: what an upper layer offers an FGD agenda
}


def register(section, key, value):
    """Add one entry; the same key twice with another value is a programming error, said at start-up."""
    entries = registry[section]
    if key in entries and entries[key] != value:
        raise ImproperlyConfigured(f"{section}: {key!r} is registered twice")
    entries[key] = value
