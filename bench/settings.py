"""The settings the benchmarks serve Doorstep with: production's, over plain HTTP on loopback.

Production's own module is used (DEBUG off, a real secret required, WhiteNoise) with only what
loopback HTTP needs changed: no redirect to HTTPS, cookies not marked Secure, no HSTS, and
static files by name (the benchmark never runs `collectstatic`, and never fetches them).
`bench.run` sets DJANGO_SECRET_KEY (a fresh random one), DATABASE_URL and the documents folder.
"""

from doorstep.settings.production import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise would warn that the (never collected) static root is missing.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
