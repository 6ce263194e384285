"""The appointments' deferred work, run by `doorstep worker` (ADR 22): sending again a message
the provider refused. The task is the boundary where the time is read; the service does the
work (`services.notification_retry_send`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def notification_retry(uid: str, attempt: int) -> str:
    """Attempt number `attempt` of the message logged as `contact.out` event `uid`; returns
    the status recorded (or why nothing was sent)."""
    from doorstep.appointments.services import notification_retry_send

    recorded = notification_retry_send(uid=uid, attempt=attempt, at=timezone.now())
    return str(recorded.data["status"]) if recorded is not None else "nothing to send"
