"""The JSON API (django-ninja) at /api/v1/, and the intake log that keeps every request."""
