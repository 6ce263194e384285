"""The worker's health for monitoring: whether the reminders have run lately (a worker that
died would leave every clock unreminded, silently)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from doorstep.core.access import public_view
from doorstep.worker.selectors import worker_health


@require_GET
@public_view("monitoring's check that the worker runs: times and counts, nothing about anyone")
def health(request: HttpRequest) -> JsonResponse:
    """200 while the reminders finished within `DOORSTEP_WORKER_STALE_MINUTES` (by default
    their cadence and 90 minutes more); 503 otherwise (the worker is down, stuck, or its job
    keeps failing), for an alert."""
    minutes = settings.DOORSTEP_WORKER_STALE_MINUTES or (
        settings.DOORSTEP_REMINDERS_EVERY_HOURS * 60 + 90
    )
    found = worker_health(now=timezone.now(), stale_after=dt.timedelta(minutes=minutes))
    return JsonResponse(found.as_json(), status=200 if found.ok else 503)
