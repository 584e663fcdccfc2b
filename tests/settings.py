"""Test settings: the production settings module, fed a test-only environment."""

import atexit
import os
import shutil
import tempfile

os.environ["DEBUG"] = "False"  # tests run as production does, whatever a developer's .env says
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("STATIC_MANIFEST", "False")
os.environ.setdefault("EMAIL_URL", "smtp://localhost:25")  # never used: the test runner swaps in locmem

from opop.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

# Uploads of the test run (including seed_demo's generated photos) go to a throw-away folder.
_TEST_MEDIA = tempfile.mkdtemp(prefix="opop-test-media-")
atexit.register(shutil.rmtree, _TEST_MEDIA, ignore_errors=True)
MEDIA_ROOT = os.path.join(_TEST_MEDIA, "public")
PRIVATE_MEDIA_ROOT = os.path.join(_TEST_MEDIA, "private")

# Jobs run inline in unit tests; the journeys and fault tests start real `db_worker` processes on PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
