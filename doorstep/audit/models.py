"""The refusal log: every request by a known person that Doorstep refused (403) or answered
with "not found" (404) on a page or API call that names a record. A contractor asking for
another firm's job, or a resident for another household's case, lands here: both are told
only "not found" (so as not to confirm the record exists), and the auditor sees the attempt.

Rows are written once (`AppendOnlyModel`, and a trigger at the database)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel


class AccessRefusal(AppendOnlyModel):
    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    user_name = models.CharField(max_length=200)
    via = models.CharField(max_length=10, help_text="page, portal or api")
    status = models.PositiveSmallIntegerField(help_text="403 refused, 404 not found")
    method = models.CharField(max_length=8)
    route = models.CharField(max_length=300, help_text="The URL pattern, e.g. /cases/<reference>/")
    asked_for = models.JSONField(default=dict, help_text="The references the request named")
    request_id = models.UUIDField(null=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at"], name="audit_refusal_at")]

    def __str__(self) -> str:
        return f"{self.user_name} {self.status} on {self.route} at {self.at:%Y-%m-%d %H:%M}"
