"""Settings for the OPOP Jatim portal. Every deploy-specific value comes from the environment
(see .env.example); the defaults give a working first look on SQLite with no server."""

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A missing key must stop a production start, never fall back to a known value.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY belum diisi. Dengan DEBUG=False portal tidak mau berjalan tanpa SECRET_KEY: "
            "isi variabel lingkungan SECRET_KEY (lihat .env.example) atau set DEBUG=True untuk pengembangan."
        )
    SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"

# Password-reset requests allowed per hour from one client address and for one e-mail address.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env.int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", default=3)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# The portal's address as users reach it: links in notification e-mails (sent by the worker, without a request).
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "axes",
    "opop.jobs",  # before django_tasks_db: its db_worker command (with heartbeat) wins
    "django_tasks",
    "django_tasks_db",
    "opop.common",
    "opop.imports",
    "opop.accounts",
    "opop.notifications",
    "opop.wilayah",
    "opop.indicators",
    "opop.dashboard",
    "opop.opendata",
    "pesantren",
    "products",
    "programs",
    "opop.api",  # before rest_framework: its Indonesian keeps Django's wording of form messages (locale/id)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI as our own static files (no CDN)
    "opop",  # the project layer, which may know every app: seed_demo, load_reference_data, bench (opop/management)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opop.common.middleware.ChosenLanguageMiddleware",
    "opop.common.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the signed-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "opop.common.middleware.SecurityHeadersMiddleware",
    # Locks a username out of this address after repeated failed logins (must come last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opop.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opop.navigation.role_navigation",
                "pesantren.context_processors.personal_visibility",
            ],
        },
    },
]

WSGI_APPLICATION = "opop.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# SQLite, the embedded default, serves a web server and a worker at once (`make run`): readers never wait for the
# writer (WAL), a write transaction takes the lock when it begins (a read that later wants to write cannot deadlock
# with another: SQLite answers that with "database is locked" at once), and a writer waits up to 20 s for the lock.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# History rows keep the whole reason a user wrote (a return note is often a paragraph; the forms take 2 000 characters).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address, for the lockout and the personal-data log alike (opop/common/client_address.py).
# X-Forwarded-For is believed only from these peers: behind nginx on the same host, 127.0.0.1 and ::1.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "opop.common.client_address.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "login"

# New passwords: Argon2id at a cost right for two cores (opop/accounts/hashers.py); the rest verify older hashes
# (Django's list without its own Argon2 defaults, which share the name "argon2" and would take that one's place).
PASSWORD_HASHERS = [
    "opop.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database so several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads never served by URL: import files (personal data), certificate documents and realisation evidence,
# reachable only through views that check access. Keep it outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
# Largest accepted import file (bytes); 100 000 rows of santripreneur CSV are about 12 MB.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=30 * 1024 * 1024)
# Uploaded import files hold NIKs: `manage.py purge_import_files` (daily) deletes them after this many days.
IMPORT_FILE_RETENTION_DAYS = env.int("IMPORT_FILE_RETENTION_DAYS", default=14)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production (needs collectstatic); plain files in development and tests.
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background jobs: django-tasks (the backport of Django 6's task framework) on its database backend, so no
# server beyond the database; `manage.py db_worker` runs them (see docs/DEPLOY.md).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
JOB_RESULT_DAYS = env.int("JOB_RESULT_DAYS", default=7)  # result files of finished jobs are then deleted
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=5)
WORKER_STALE_SECONDS = env.float("WORKER_STALE_SECONDS", default=60)  # no beat for this long: the worker is gone
WORKER_HOUSEKEEPING_SECONDS = env.float("WORKER_HOUSEKEEPING_SECONDS", default=60)
# Runs of a job whose worker dies under it before it is marked failed instead of queued again (opop/jobs/services.py)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
RECONCILE_HOUR = env.int("RECONCILE_HOUR", default=2)  # the nightly tally reconciliation, local time
REMINDER_HOURS = env.list("REMINDER_HOURS", cast=int, default=[7, 13])  # deadline reminders, local time
# Exports of up to this many rows are answered in the request; larger ones become a job.
EXPORT_IMMEDIATE_MAX_ROWS = env.int("EXPORT_IMMEDIATE_MAX_ROWS", default=5000)
# Rows of data an import sheet may have; a sheet declaring or holding more is refused before it is parsed.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=250_000)
# Cells one read of an import file may parse, every sheet together, empty cells in its XML included: the largest
# legitimate file, IMPORT_MAX_ROWS rows of the widest template with its room for notes (27 columns), is 6.75 million.
IMPORT_MAX_CELLS = env.int("IMPORT_MAX_CELLS", default=7_000_000)
# Seconds one read of an import file may take (in a background job): that largest file would take 85-140 s on a busy
# 2-core machine (1.1 million cells read in 14-23 s there); a read beyond is refused, nothing read.
IMPORT_READ_SECONDS = env.int("IMPORT_READ_SECONDS", default=300)

# The REST API for partner systems (opop/api, docs: /api/v1/panduan/): personal tokens or the browser's session
# (with CSRF), answers and errors in JSON (problem details, RFC 9457), scoped by the pages' own selectors.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "opop.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["opop.api.permissions.SignedInWithinTokenAccess"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "opop.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "opop.api.problems.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "opop.api.pagination.CursorPagination",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS is not an operation of the API: 405 like any other unknown method
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Portal OPOP Jatim",
    "DESCRIPTION": (
        "API untuk sistem mitra (SIPD/e-Monev, Satu Data Jatim, dasbor kabupaten, OPOP Mart). Setiap jawaban sama "
        "dengan yang dilihat pengguna pemilik token di halaman portal. Dokumen ini dibuat untuk peran Anda: data "
        "pribadi (NIK, tanggal lahir, telepon) utuh untuk Staf Diskop dan Admin, tersamar untuk Pimpinan, dan tidak "
        "ada sama sekali untuk Petugas OPD. Panduan: /api/v1/panduan/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {},
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "ENABLE_DJANGO_DEPLOY_CHECK": False,  # `check --deploy` stays about deployment (tests/test_settings_startup.py)
}
# Personal API tokens: the expiry offered by default and the longest allowed (days).
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = 365

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Password-reset links and notifications go out by e-mail: production must name a real mail server, or reset links
# would be printed into the server log, readable by whoever reads the log.
EMAIL_URL = env.str("EMAIL_URL", default="")
if not DEBUG and not EMAIL_URL.startswith(("smtp://", "smtps://", "smtp+tls://", "smtp+ssl://")):
    raise ImproperlyConfigured(
        "EMAIL_URL belum diisi dengan server SMTP. Dengan DEBUG=False portal tidak mau berjalan tanpa server email: "
        "tautan atur ulang kata sandi akan tercetak di log. Isi EMAIL_URL (mis. smtp+tls://user:sandi@host:587, "
        "lihat .env.example) atau set DEBUG=True untuk pengembangan."
    )
vars().update(env.email_url_config(EMAIL_URL or "consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OPOP Jatim <noreply@opop.jatimprov.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; each can be relaxed through the environment behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline or third-party scripts anywhere; styles may carry inline width/height (progress bars).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)  # checked with TRUSTED_PROXIES: opop/common/checks.py
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Every record passes the personal-data mask (opop/common/log_filters.py); Django's own loggers hand their records
# to the root handler instead of keeping handlers of their own, so nothing is written around the mask.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_personal_data": {"()": "opop.common.log_filters.MaskPersonalData"},
        "no_traceback_below_500": {"()": "opop.common.log_filters.NoTracebackBelow500"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_traceback_below_500", "mask_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}
