"""The intake log: every write request the API received, kept as received."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel


class IntakeRecord(AppendOnlyModel):
    """One request to write something, exactly as it arrived, and what became of it.

    Nothing a resident or a partner system sends is lost: a request refused for bad input is
    still here, with the reasons, for an officer to act on.
    """

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"

    received_at = models.DateTimeField()
    request_id = models.UUIDField(null=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="The body as received (text, or base64)")
    body_encoding = models.CharField(max_length=10, default="utf-8")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user_name = models.CharField(max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField()
    errors = models.JSONField(default=list)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.outcome} ({self.received_at:%Y-%m-%d %H:%M})"
