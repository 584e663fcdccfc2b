"""Done-when 1 of issue 31, second half: Schemathesis against the live API on the test server (PostgreSQL in CI), with
a token per role and the document that role receives: no server error and no answer outside the document, for data
that fits the document and data that does not, every operation exercised. Bounded (examples per operation) so the
run stays near a minute on two cores; its summary is printed at the end of the pytest run.

Not run: `negative_data_rejection`/`positive_data_acceptance`. The list filters ignore values they do not know, as the
list pages do (a stale bookmark still opens the list), so an unknown filter value is a 200, not a 400."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.api.conftest import build_world, make_token

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "ignored_auth",
        "unsupported_method",
        "missing_required_header",
    ]
)
# Bounded for CI (about a minute for the four roles on two cores): the fuzzing phase, valid and invalid data, a few
# examples per operation. A deeper run: API_FUZZ_PHASES=examples,coverage,fuzzing API_FUZZ_EXAMPLES=50.
MAX_EXAMPLES = os.environ.get("API_FUZZ_EXAMPLES", "5")
PHASES = os.environ.get("API_FUZZ_PHASES", "fuzzing")
SUMMARY_KEY = "schemathesis_summary"


def _st():
    found = shutil.which("st", path=str(Path(sys.executable).parent)) or shutil.which("st")
    assert found, "schemathesis (st) is a dev dependency: pip install -e .[dev]"
    return found


def _summary(output):
    """The lines of Schemathesis's own summary: operations, test cases, failures."""
    keep = re.compile(r"(Selected:|Tested:|Test cases|generated|Failures|Errors|Seed|passed|failed|=====.* in \d)")
    return [line.rstrip() for line in output.splitlines() if keep.search(line)][-12:]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Schemathesis runs on PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.logs_personal_data  # Schemathesis generates 16-digit ids and values: the logs quote them as paths
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_document(
    live_server, request, settings, tmp_path, admin, staf, pimpinan, petugas_a, petugas_b, opd_a, opd_b
):
    settings.AXES_FAILURE_LIMIT = 10**6  # the auth checks send invalid tokens on purpose; no lockout mid-run
    build_world(admin, staf, petugas_a, petugas_b, opd_a, opd_b)
    schema = f"{live_server.url}/api/v1/schema/?format=json"
    report = []
    for persona in ("admin", "staf", "pimpinan", "petugas_a"):
        _token, secret = make_token(request.getfixturevalue(persona))
        run = subprocess.run(
            [
                _st(),
                "--no-color",
                "run",
                schema,
                "--header",
                f"Authorization: Bearer {secret}",
                "--checks",
                CHECKS,
                "--max-examples",
                MAX_EXAMPLES,
                "--phases",
                PHASES,
                "--workers",
                "1",
                "--seed",
                "31",
                "--request-timeout",
                "20",
                "--output-sanitize",
                "true",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
            cwd=tmp_path,  # its cache (.schemathesis/) stays out of the checkout
        )
        lines = _summary(run.stdout)
        report.append(f"{persona}: exit {run.returncode}")
        report += [f"  {line}" for line in lines]
        assert run.returncode == 0, f"{persona}:\n{run.stdout[-6000:]}\n{run.stderr[-2000:]}"
        selected = re.search(r"Selected: (\d+)/(\d+)", run.stdout)
        tested = re.search(r"Tested: (\d+)", run.stdout)
        assert selected and tested and tested.group(1) == selected.group(1) == selected.group(2), run.stdout[-3000:]
    request.node.user_properties.append((SUMMARY_KEY, "\n".join(report)))
