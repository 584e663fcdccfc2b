"""Expected answers per persona, shared by the per-view access matrices of the catalogue."""

from tests.access import LOGIN, PERSONAS, SIGNED_IN, assert_access

WRITERS = ["admin", "staf"]
READERS = ["pimpinan", "petugas_a", "petugas_b"]

READ = {"anonymous": LOGIN, **{p: 200 for p in SIGNED_IN}}
WRITE = {"anonymous": LOGIN, **{p: 200 for p in WRITERS}, **{p: 403 for p in READERS}}
PUBLIC = {p: 200 for p in PERSONAS}

__all__ = ["LOGIN", "PUBLIC", "READ", "WRITE", "assert_access"]
