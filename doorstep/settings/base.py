"""Settings shared by every environment.

Policy numbers (timescales, targets, bands) are never settings: they are dated data in the
policy app. Settings here are about running the software.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DOORSTEP_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # Two-factor sign-in: TOTP devices and their checks (ADR 21).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    # Deferred and scheduled work on the database Doorstep already has (ADR 22).
    "django_tasks",
    "django_tasks_db",
    "doorstep.core",
    "doorstep.staff",
    "doorstep.timeline",
    "doorstep.policy",
    "doorstep.properties",
    "doorstep.residents",
    "doorstep.vulnerabilities",
    "doorstep.cases",
    "doorstep.documents",
    "doorstep.contacts",
    "doorstep.repairs",
    "doorstep.commitments",
    "doorstep.inspections",
    "doorstep.hazards",
    "doorstep.appointments",
    # Complaint responses: drafts, the letter sent, `complaint.response` (above appointments:
    # the notifier; and the commitments: the ledger).
    "doorstep.responses",
    # The Ombudsman referral (its kinds before the interchange's generic ones) and the learning
    # recorded from upheld complaints and determinations.
    "doorstep.ombudsman",
    "doorstep.learning",
    "doorstep.api",
    "doorstep.demo",
    # Reads cases, contacts and the interchange; adds its sections to the case and household
    # pages when ready. Uses the format's event kinds only in a request, after all are ready.
    "doorstep.deadlines",
    # Reads the deadlines' replay for its proposals; adds its section to the case page.
    "doorstep.repeats",
    # Reminders before a clock breaches: read the deadlines' replay, send through the notifier.
    "doorstep.reminders",
    # The worker: the scheduled jobs' timetable and runs, `doorstep worker` (ADR 22).
    "doorstep.worker",
    # Remedies and compensation: read the deadlines' replay for the failures an offer remedies
    # and the compensation findings; adds its section to the case page.
    "doorstep.remedies",
    # Complaints under the Complaint Handling Code: reads the deadlines' replay for the
    # complaint page's clocks; registers the complaint event kinds before the interchange.
    "doorstep.complaints",
    # ASB cases: reports, the reporter's safety wishes, risk, actions, reviews; registers the
    # ASB event kinds before the interchange.
    "doorstep.asb",
    # Management moves (`transfer.*`): reads the deadlines' replay for the case page's decision
    # clock and flag; registers the transfer event kinds before the interchange.
    "doorstep.moves",
    # Permissions (pets, alterations): a household's requests and decisions, the pet check on
    # reports about pets; registers the permission event kinds before the interchange.
    "doorstep.permits",
    # Evidence packs: read the export, the deadlines' replay (clocks, findings, compensation),
    # the register and the documents; registers `evidence.produced` (not a format kind).
    "doorstep.evidence",
    # What the Ombudsman would find across every case one may see (/lens/): reads the
    # deadlines' replay of each household; no table, only its permission.
    "doorstep.lens",
    # Reports (/reports/): the Tenant Satisfaction Measures from records for a reporting year,
    # counted from the case rows and the deadlines' replay; no table, only its permission.
    "doorstep.reports",
    # The residents' portal (/portal/): residents and their representatives see their own
    # household's record and act on it through the same services as staff (issue 9).
    "doorstep.portal",
    # The access log (/audit/): refused requests, beside the reads of special category detail
    # (issue 11); for managers and the auditor.
    "doorstep.audit",
    # Last: registers the chronology format's event kinds that no app above declares itself.
    "doorstep.interchange",
]

MIDDLEWARE = [
    # First: a request id for every log line and every event the request writes, and one
    # log line per request (JSON in production, no personal data: core/logs.py).
    "doorstep.core.middleware.RequestIdMiddleware",
    # A NUL character in the address is a bad request, before anything reads it.
    "doorstep.core.middleware.NulRefusal",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a session after its absolute limit, before any gate reads who it is (ASVS 3.3).
    "doorstep.core.middleware.SessionLimitMiddleware",
    # No framing, and the Content Security Policy (django-csp) on every response, the gates'
    # refusals below included.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every request refused to a known person (403, or 404 for a record asked for) is kept,
    # the gates' refusals below included.
    "doorstep.audit.middleware.RefusalLog",
    # Staff who owe a code from their authenticator app reach only the page that takes it.
    "doorstep.staff.middleware.TwoFactorGate",
    # Residents stay inside /portal/, staff stay out of its pages (portal/middleware.py).
    "doorstep.portal.middleware.PortalBoundary",
    # Axes last: it throttles failed sign-ins (ADR 0003).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "doorstep.urls"
WSGI_APPLICATION = "doorstep.wsgi.application"
AUTH_USER_MODEL = "staff.User"
LOGIN_URL = "staff:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "staff:sign-in"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doorstep.core.context_processors.doorstep",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'doorstep.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# A read replica for the whole-landlord reads (the nightly sweep, the yearly reports), where
# the landlord runs one: `core/replica.py`, docs/operations.md.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DOORSTEP_READ_REPLICA = "replica" if "replica" in DATABASES else None
DATABASE_ROUTERS = ["doorstep.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# django-ninja's limit/offset pages: no deeper than a million rows (a larger offset is refused,
# not passed to the database, which cannot take one past 2**63), at most 1,000 a page.
NINJA_PAGINATION_MAX_OFFSET = 1_000_000
NINJA_PAGINATION_MAX_LIMIT = 1_000

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# GOV.UK Frontend is served from its npm package (never copied in); our compiled
# stylesheet (Sass from the same package, without the GDS Transport font) sits beside it.
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("build", VAR_DIR / "build"),
]

# Documents are stored outside the web root and only served through a permission-checked view.
DOCUMENTS_ROOT = Path(os.environ.get("DOORSTEP_DOCUMENTS_ROOT", VAR_DIR / "documents"))
DOCUMENT_MAX_BYTES = int(os.environ.get("DOORSTEP_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Failed sign-in throttling (django-axes): 5 failures lock the username and address pair for 15 min.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
# Axes would log each failure and lockout with the username and address: personal data, kept
# out of the logs (the attempts are in axes' own table for whoever needs them).
AXES_VERBOSE = False

DOORSTEP_LANDLORD_NAME = os.environ.get("DOORSTEP_LANDLORD_NAME", "Demo Homes")

# Two-factor sign-in (ADR 21): `required` (staff who may read special category detail must
# use an authenticator app; anyone else may) or `available` (anyone may, no one must: the
# demo and the test suite, whose own tests of the requirement turn it on).
DOORSTEP_TWO_FACTOR = os.environ.get("DOORSTEP_TWO_FACTOR", "required")
if DOORSTEP_TWO_FACTOR not in ("required", "available"):
    raise ValueError("DOORSTEP_TWO_FACTOR is `required` or `available`.")
OTP_TOTP_ISSUER = f"{DOORSTEP_LANDLORD_NAME} Doorstep"
# A wrong code doubles the wait before the next is checked (1 s, 2 s, 4 s...).
OTP_TOTP_THROTTLE_FACTOR = 1

# How messages to residents are sent (ADR 10): "outbox" (kept, sent nowhere: the default),
# "smtp" (Django's EMAIL_BACKEND) or "govuk_notify" (its key and templates from the environment).
DOORSTEP_NOTIFIER = os.environ.get("DOORSTEP_NOTIFIER", "outbox")
# A message the provider refused is sent again after each of these many minutes in turn (the
# worker, ADR 22), then given up on: five retries over some 14 hours.
# Empty: no retries.
DOORSTEP_NOTIFY_RETRY_MINUTES = tuple(
    int(m)
    for m in os.environ.get("DOORSTEP_NOTIFY_RETRY_MINUTES", "1,5,30,120,720").split(",")
    if m.strip()
)
DOORSTEP_NOTIFY_API_KEY = os.environ.get("DOORSTEP_NOTIFY_API_KEY", "")
DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID", "")
DOORSTEP_NOTIFY_SMS_TEMPLATE_ID = os.environ.get("DOORSTEP_NOTIFY_SMS_TEMPLATE_ID", "")
DEFAULT_FROM_EMAIL = os.environ.get("DOORSTEP_FROM_EMAIL", "doorstep@localhost")
EMAIL_BACKEND = os.environ.get(
    "DOORSTEP_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DOORSTEP_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DOORSTEP_EMAIL_PORT", "25"))

# Sessions (docs/security.md, ASVS 3.3): cookies out of scripts' reach and not sent with
# other sites' requests; a session ends after 30 minutes unused (each request renews it) and
# in any case 12 hours after sign-in (core/middleware.py renews a session in use once a minute).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("DOORSTEP_SESSION_IDLE_MINUTES", "30")) * 60
DOORSTEP_SESSION_MAX_SECONDS = int(os.environ.get("DOORSTEP_SESSION_MAX_HOURS", "12")) * 3600
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# The Content Security Policy (django-csp): nothing but Doorstep's own files; no inline
# script or style anywhere (a test reads every template), no framing, forms post only here.
# GOV.UK Frontend's and Swagger UI's stylesheets use `data:` images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Logs (core/logs.py): one line per request and whatever the code logs, each with the
# request's id; `json` (the default in production) or `text`. No personal data: a request
# is logged by its URL pattern, never its path or query, and by the signed-in user's id.
DOORSTEP_LOG_FORMAT = os.environ.get("DOORSTEP_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "doorstep.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": DOORSTEP_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request: the access log (level INFO; LOG_LEVEL may silence it).
        "doorstep.requests": {"level": os.environ.get("DOORSTEP_REQUEST_LOG_LEVEL", "INFO")},
        # Django's own request logger writes the path (a household's reference, say): the
        # request log above says the same by URL pattern, and logs the error's traceback.
        "django.request": {"level": "CRITICAL"},
        # A refused CSRF token is logged with the path, too; the refusal log keeps who.
        "django.security.csrf": {"level": "CRITICAL"},
        # The worker: a line per scheduled job queued and per task run (its id and outcome,
        # never its arguments' personal data: a task takes an event's uid or a period).
        "doorstep.worker": {"level": os.environ.get("DOORSTEP_WORKER_LOG_LEVEL", "INFO")},
        # django-tasks' database worker says "Starting worker" on every pass; its task lines
        # (started, finished, failed with the traceback) are WARNING and above on failure.
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Deferred work: tasks are rows in Doorstep's own database, run by `doorstep worker` (ADR 22).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        # `default`: a resident's message sent again; `scheduled`: the timetable's jobs.
        "QUEUES": ["default", "scheduled"],
    }
}
# The worker's scheduled jobs: the hour (local time, 0-23) each daily job is due. Reminders
# run every hour; see `doorstep.worker.jobs`.
# Where staff reach Doorstep: the links in the messages the worker sends (reminders).
DOORSTEP_BASE_URL = os.environ.get("DOORSTEP_BASE_URL", "http://localhost:8000")
# /healthz/worker answers 503 when the reminders have not finished for this long (0: their
# cadence and 90 minutes more).
DOORSTEP_WORKER_STALE_MINUTES = int(os.environ.get("DOORSTEP_WORKER_STALE_MINUTES", "0"))
# How often the reminders run, in hours (dividing 24): each run replays every home with an
# open case, some 10 homes a second a core (docs/performance.md), so a landlord whose run takes
# longer than the hour sets 2, 4 or more (a slow run is never overlapped, only followed).
DOORSTEP_REMINDERS_EVERY_HOURS = int(os.environ.get("DOORSTEP_REMINDERS_EVERY_HOURS", "1"))
DOORSTEP_SWEEP_HOUR = int(os.environ.get("DOORSTEP_SWEEP_HOUR", "2"))
# Replays kept for a day (ADR 19, `deadlines.kept`): a home's replay is used again while its
# stamp holds (nothing it reads has changed). "0" makes every replay afresh, as before.
DOORSTEP_KEEP_REPLAYS = os.environ.get("DOORSTEP_KEEP_REPLAYS", "1") != "0"
