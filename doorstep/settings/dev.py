"""Local development and the demo: SQLite by default, DEBUG on, localhost only."""

from doorstep.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "doorstep-dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
# runserver serves static files from the finders (node_modules, var/build) while DEBUG is on;
# WhiteNoise serves collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# Two-factor sign-in may be set up but is not required here (docs/security.md, ADR 21).
DOORSTEP_TWO_FACTOR = os.environ.get("DOORSTEP_TWO_FACTOR", "available")  # noqa: F405
