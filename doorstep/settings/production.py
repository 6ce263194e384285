"""Production: every setting from the environment; refuses to start without a real secret."""

from django.core.exceptions import ImproperlyConfigured

from doorstep.settings.base import *  # noqa: F403

# Structured logs unless the environment asks otherwise (docs/operations.md).
if "DOORSTEP_LOG_FORMAT" not in os.environ:  # noqa: F405
    DOORSTEP_LOG_FORMAT = "json"
    LOGGING["handlers"]["console"]["formatter"] = "json"  # type: ignore[index]  # noqa: F405

if not SECRET_KEY or "not-secret" in SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a real secret in production.")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
