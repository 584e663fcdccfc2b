"""The personas of the access-matrix tests and the one assertion they share.

Every view has a matrix test: each persona gets the expected answer — an HTTP status, or LOGIN for the redirect to
the sign-in page. The personas are fixtures of tests/conftest.py (OPD A = kominfo with petugas_a, OPD B = dindik
with petugas_b); `as_persona(name)` gives a client signed in as one."""

LOGIN = "login"
PERSONAS = ["anonymous", "admin", "staf", "pimpinan", "petugas_a", "petugas_b"]
SIGNED_IN = [persona for persona in PERSONAS if persona != "anonymous"]


def assert_access(response, expected):
    """expected: an HTTP status, or LOGIN for a redirect to the login page."""
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code == expected, (response.status_code, expected)
