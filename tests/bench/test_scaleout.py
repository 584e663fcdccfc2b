"""bench/scaleout at its tiny scale (SCALEOUT_TINY: 5 s of load, a 500-row import): the real script, with nginx,
PgBouncer, two gunicorn servers and two workers, one of each SIGKILLed; it exits non-zero when a check fails.

Too slow for CI (docs/DEPLOY.md §7): measured 175 s even tiny — `migrate` of its own database, the bench
data (the catalogue and the plans are built whatever the scale) and the start of eleven processes. So it runs only
when asked: SCALEOUT_TEST=1 pytest tests/bench/test_scaleout.py (root, or sudo for apt-get and PostgreSQL)."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(not os.environ.get("SCALEOUT_TEST"), reason="2–3 min: SCALEOUT_TEST=1 runs it (DEPLOY.md §7)"),
    pytest.mark.skipif(
        not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")) and not os.environ.get("E2E_REQUIRED"),
        reason="nginx is not installed (the script installs it with apt-get)",
    ),
]


def test_the_tiny_scaleout_run_passes_every_check():
    # The script's processes run the production settings, not this run's test settings (inline jobs).
    env = {**os.environ, "SCALEOUT_TINY": "1", "SCALEOUT_DB": "opop_scale_tiny", "PYTHON": sys.executable}
    env["DJANGO_SETTINGS_MODULE"] = "opop.settings"
    script = subprocess.Popen(
        [str(ROOT / "bench" / "scaleout")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = script.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(script.pid, signal.SIGTERM)  # the script's trap then ends every process it started
        output, _ = script.communicate(timeout=60)
        pytest.fail(f"bench/scaleout took over 10 minutes:\n{output[-3000:]}")
    assert script.returncode == 0, output[-4000:]
    checks = [line for line in output.splitlines() if line.startswith("- [")]
    assert len(checks) == 5 and all(line.startswith("- [OK]") for line in checks), checks
    assert "Semua pemeriksaan lolos." in output
