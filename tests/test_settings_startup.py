"""Settings behave as README promises; run in a subprocess so each case gets a fresh environment."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "k3y-" + "x7Qp9vLm2Rt8Zw4Nc6Hb1Yd5Fg0Js3Ka" * 2,
    "ALLOWED_HOSTS": "opop.jatimprov.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://opop.jatimprov.go.id",
    "DATABASE_URL": "sqlite:////tmp/opop-check-deploy.sqlite3",
    "EMAIL_URL": "smtp+tls://opop%40jatimprov.go.id:secret@mail.jatimprov.go.id:587",
}


def _manage(*args, env):
    inherited = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and not k.startswith("SECURE_")}
    # The browser tests set this for their own thread; a deployment never has it.
    clean = {k: v for k, v in inherited.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean.update(env, DJANGO_SETTINGS_MODULE="opop.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )


def test_debug_off_without_secret_key_refuses_to_start_with_a_clear_message():
    result = _manage("check", env={"DEBUG": "False", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY belum diisi" in result.stderr


def test_debug_off_without_a_mail_server_refuses_to_start_with_a_clear_message():
    for email_url in ("", "consolemail://"):
        result = _manage("check", env={**PRODUCTION_ENV, "EMAIL_URL": email_url})
        assert result.returncode != 0
        assert "EMAIL_URL belum diisi dengan server SMTP" in result.stderr


def test_debug_on_without_a_mail_server_prints_mail_to_the_console():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        env={"DEBUG": "True", "EMAIL_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "console" in result.stdout


def test_check_deploy_is_clean_with_production_environment():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_refuses_a_tls_proxy_without_trusted_proxies():
    """Behind the proxy with no trusted proxies, every client is the proxy: the lockout would lock everyone out."""
    behind = {**PRODUCTION_ENV, "BEHIND_TLS_PROXY": "True"}
    result = _manage("check", "--deploy", env={**behind, "TRUSTED_PROXIES": ""})
    assert result.returncode != 0
    assert "opop.E001" in result.stderr and "TRUSTED_PROXIES kosong" in result.stderr
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={**behind, "TRUSTED_PROXIES": "127.0.0.1,::1"})
    assert result.returncode == 0, result.stdout + result.stderr
