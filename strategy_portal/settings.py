"""Settings for Strategy Portal, read from the environment.

Safe local defaults: a SQLite file and Celery tasks run in-process, so the quick start
needs nothing but Python. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=0.

One module on purpose, though a little over the ~400 lines the style guide names: it reads
top to bottom as the README's table of environment variables, each setting beside the
variable it reads and why, and most sections (security, cache, jobs) hang on DEBUG and the
broker. An operator asking "what does DEBUG=0 switch on?" reads one file; split into
star-imported parts, a name's value would depend on which part was imported last.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: production must never show technical error pages by omission.
# The quick start (`make run`) and the tests turn it on explicitly.
DEBUG = env_bool("DEBUG", False)
LOCAL_DEVELOPMENT_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")


class ImproperlyDeployed(RuntimeError):
    """Production settings that would run insecurely: start-up stops with the reason."""


if DEBUG:
    SECRET_KEY = SECRET_KEY or LOCAL_DEVELOPMENT_KEY
else:
    if not SECRET_KEY or SECRET_KEY == LOCAL_DEVELOPMENT_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyDeployed(
            "SECRET_KEY must be set when DEBUG is off: a random value of at least 32 "
            "characters, kept out of the repository (e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyDeployed(
            "ALLOWED_HOSTS must be set when DEBUG is off: the host names the portal is "
            "served under, comma-separated (e.g. ALLOWED_HOSTS=strategi.kommune.no)."
        )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # SearchVectorField and the trigram extension (search); nothing of it runs on SQLite.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "core",
    "goals",
    "partners",
    "accounts",
    "actions",
    "collaboration",
    # `reporting` was split into dashboards and annual_reports (issue 16); it stays for its
    # migrations, which made the annual report's tables (annual_reports/migrations).
    "reporting",
    "dashboards",
    "annual_reports",
    "strategy_files",
    "operations",
    "statutory",
    "search",
    "frameworks",
]

MIDDLEWARE = [
    # First: probes reach /healthz over plain HTTP by the container's address, before the
    # host check and the HTTPS redirect would turn them away.
    "strategy_portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "strategy_portal.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.middleware.LegacySessionBackendMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.MunicipalityLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL bytes, lone surrogates, over-long query values: a 400, never a server error.
    "strategy_portal.middleware.HostileInputMiddleware",
    "strategy_portal.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the membership read with the user (one query a page).
    "accounts.backends.MemberBackend",
]

ROOT_URLCONF = "strategy_portal.urls"

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
                "accounts.context_processors.membership",
                "collaboration.context_processors.bell",
            ],
        },
    },
]

WSGI_APPLICATION = "strategy_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Interface languages. Plan content stays in the language it was adopted in.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_FROM_MUNICIPALITY = True
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Report files on S3-compatible object storage (AWS, MinIO, a municipal cloud), so web and
# worker may run on different machines. Files are private: every download goes through the
# portal's permission check and is streamed by it, never handed out as a bucket URL.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": True,  # a report version's fixed name is replaced, not renamed
        },
    }


# One cache for every web worker in production (CACHE_URL=redis://…, a Redis of its own
# with an eviction policy, not the broker's, which must never evict): cached dashboard
# figures (dashboards.cache), sessions, password-reset limits. The process's memory
# otherwise (the quick start).
def _cache_url():
    """CACHE_URL; else the broker's Redis server, one database number up (entries expire,
    so a server without eviction stays bounded); else none."""
    if os.environ.get("CACHE_URL"):
        return os.environ["CACHE_URL"]
    broker = os.environ.get("REDIS_URL", "")
    if broker.startswith(("redis://", "rediss://")):
        base, _, db = broker.rstrip("/").rpartition("/")
        if db.isdigit() and "://" in base:
            return f"{base}/{(int(db) + 1) % 16}"
        return broker.rstrip("/") + "/1"
    return ""


if _cache_url():
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": _cache_url(),
            # Portals (or test stacks) sharing one Redis keep apart by prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            # A cache that is down answers at once, and callers go on without it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif DEBUG:
    # The quick start: one process, its own memory.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Several worker processes and no Redis: a folder they share, so a write seen by one
    # worker is seen by all (a per-process cache would show stale figures).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "strategiportal@localhost")
# With EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend (reminders, password reset).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30

# Uploads (strategy import files) are small text documents.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest real strategy file is ~40 KB; at 512 KiB the worst file a hostile upload
# can shape parses in under 2 s here (benchmarks/parse_benchmark.py), not half a minute.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(512 * 1024)))
# Files above this size are imported by the Celery worker under a time limit, never in a
# web request (a file near the cap takes seconds to check); the page shows the progress.
IMPORT_IN_WORKER_BYTES = int(os.environ.get("IMPORT_IN_WORKER_BYTES", str(64 * 1024)))
IMPORT_SOFT_TIME_LIMIT = int(os.environ.get("IMPORT_SOFT_TIME_LIMIT", "120"))

# Celery: with no broker configured, tasks run in-process (quick start on a laptop).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
REPORT_SOFT_TIME_LIMIT = int(os.environ.get("REPORT_SOFT_TIME_LIMIT", "300"))
REPORT_TIME_LIMIT = int(os.environ.get("REPORT_TIME_LIMIT", "360"))
# Soft limit < hard limit < visibility timeout < stuck-report sweep (checked by
# annual_reports.checks): Redis re-delivers a task whose worker died only after the timeout.
visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": visibility_timeout,
    "socket_connect_timeout": 1,
    # A broker that hangs (stopped, half-open connection) instead of refusing must not
    # hang a publishing web request (kombu waits forever by default): "Generate" answers
    # within 3 s (tests/report/test_frozen_broker.py). Above kombu's 1 s BRPOP timeout,
    # so idle workers are not affected.
    "socket_timeout": 1.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that enqueues must not hang when Redis is down: fail fast, tell the user.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Queue the report job goes to (tests use a queue of their own so stray workers keep off).
REPORT_QUEUE = os.environ.get("REPORT_QUEUE", "celery")
# A report queued or rendering this long (seconds since it was requested or last started)
# is failed for good by the sweeper. Above the visibility timeout plus the time Redis
# takes to notice it (kombu looks every ~100 s), so a job a dead worker left unacknowledged
# is re-delivered, and restarts the clock, before it could be swept: a swept job was
# really lost, and a failed report never turns done later.
REPORT_STUCK_AFTER = int(os.environ.get("REPORT_STUCK_AFTER", str(visibility_timeout + 300)))
# A report whose job stopped mid-render this many times (worker killed, out of memory,
# a crash in the PDF library) is failed for good instead of being re-queued forever.
REPORT_MAX_ATTEMPTS = int(os.environ.get("REPORT_MAX_ATTEMPTS", "3"))
# Report recovery: the running job writes a heartbeat every REPORT_HEARTBEAT_SECONDS; beat
# sweeps every REPORT_SWEEP_SECONDS and re-queues a report whose heartbeat is older than
# REPORT_HEARTBEAT_TIMEOUT (its worker died). A dead worker's report is going again
# within timeout + sweep interval (90 s), not the broker's visibility timeout.
REPORT_HEARTBEAT_SECONDS = float(os.environ.get("REPORT_HEARTBEAT_SECONDS", "10"))
REPORT_HEARTBEAT_TIMEOUT = int(os.environ.get("REPORT_HEARTBEAT_TIMEOUT", "60"))
REPORT_SWEEP_SECONDS = int(os.environ.get("REPORT_SWEEP_SECONDS", "30"))
CELERY_TIMEZONE = TIME_ZONE
# Yearly follow-up reminders (actions.reminders): beat runs the task every morning, the
# task sends only on REMINDER_DATE ("MM-DD"), once per user and year.
REMINDER_DATE = os.environ.get("REMINDER_DATE", "11-15")
# Evidence files on a follow-up (collaboration.evidence): size of one file, what an office
# document may unpack to (zip bombs), and files per follow-up.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
EVIDENCE_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
EVIDENCE_MAX_FILES = 20
# Notification e-mails sent at once to one member in an hour; more wait for the digest.
NOTIFICATION_EMAILS_PER_HOUR = int(os.environ.get("NOTIFICATION_EMAILS_PER_HOUR", "10"))
# Where the links in e-mails point (no request to build them from in a beat task).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# Beat, for the annual report: reports whose worker died are re-queued, and reports whose
# job was lost (broker restarted without its data) are shown as failed with a reason,
# even when nobody opens the page.
CELERY_BEAT_SCHEDULE = {
    "yearly-follow-up-reminders": {
        "task": "actions.tasks.send_yearly_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Notification e-mails chosen as a daily digest (collaboration.notifications).
    "notification-digests": {
        "task": "collaboration.tasks.send_notification_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Milestones due within two weeks or just overdue, to their department's editors.
    "milestone-notices": {
        "task": "collaboration.tasks.announce_milestones",
        "schedule": crontab(hour=6, minute=0),
    },
    # A week after REMINDER_DATE: coordinators told what is still missing (once a year).
    "missing-follow-up-notices": {
        "task": "collaboration.tasks.announce_missing_follow_ups",
        "schedule": crontab(hour=7, minute=30),
    },
    "sweep-reports": {
        "task": "reporting.tasks.sweep_reports",  # the old name: annual_reports.tasks
        "schedule": timedelta(seconds=REPORT_SWEEP_SECONDS),
        # A sweep not run in time (no worker) is dropped, not piled up for later.
        "options": {"expires": REPORT_SWEEP_SECONDS},
    },
}

# Security: production values switch on with DEBUG off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# SECURE_COOKIES=0 only for a plain-HTTP stack on 127.0.0.1 (the topology and load tests).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Everything is served from our own origin; no inline scripts. Inline style attributes
# are allowed for the server-rendered SVG charts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Sessions read from the cache (written through to the database): a signed-in page saves
# its session query; a cache that loses them falls back to the database.
SESSION_ENGINE = "accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# SESSION_COOKIE_AGE works as an idle timeout: activity restarts it, written at most once
# a minute (strategy_portal.middleware.SessionIdleRefreshMiddleware), not on every page.
SESSION_REFRESH_SECONDS = 60

# Login throttling (django-axes): lock a username from one address after repeated
# failures, for a while, not forever.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind the documented TLS proxy: how many proxies append to X-Forwarded-For. Without it
# every sign-in seems to come from the proxy, and anyone could lock out anyone.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT") or os.environ.get("AXES_PROXY_COUNT") or "0"
)
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"
# Password-reset e-mails: at most this many an hour from one address and to one account.
PASSWORD_RESET_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_PER_ADDRESS", "10"))
PASSWORD_RESET_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESET_PER_ACCOUNT", "3"))
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Error reports (and DEBUG pages, where DEBUG is on) mask settings that hold credentials:
# Django's own pattern misses URLs such as the broker's and the database's.
DEFAULT_EXCEPTION_REPORTER_FILTER = "strategy_portal.errors.CredentialMaskingFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
