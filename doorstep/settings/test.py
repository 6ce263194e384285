"""The test suite: fast password hashing; the database comes from DATABASE_URL."""

from doorstep.settings.base import *  # noqa: F403

SECRET_KEY = "doorstep-test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served by Django's finders in tests; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# One line per request is for production's log shipper, not the test run's output.
LOGGING["loggers"]["doorstep.requests"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405
# Two-factor sign-in may be set up but is not required here (docs/security.md, ADR 21).
DOORSTEP_TWO_FACTOR = os.environ.get("DOORSTEP_TWO_FACTOR", "available")  # noqa: F405
