"""Expected answers per persona, shared by the per-view access matrices of the catalogue."""

from tests.conftest import PERSONAS

LOGIN = "login"
SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
WRITERS = ["admin", "staf"]
READERS = ["pimpinan", "petugas_a", "petugas_b"]

READ = {"anonymous": LOGIN, **{p: 200 for p in SIGNED_IN}}
WRITE = {"anonymous": LOGIN, **{p: 200 for p in WRITERS}, **{p: 403 for p in READERS}}
PUBLIC = {p: 200 for p in PERSONAS}


def check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code == expected, response.status_code
