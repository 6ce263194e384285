"""The landlord's own policy values. Append-only: a change is a new row from a later date."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.core.models import AppendOnlyModel


class PolicyOverride(AppendOnlyModel):
    """A landlord's own value for a policy key, in force from `effective_from` (null: for all
    time, as an imported chronology's plain value is), with where it comes from."""

    key = models.CharField(max_length=100, db_index=True)
    value = models.JSONField()
    effective_from = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, help_text="e.g. 'Repairs policy v4, para 3.2'")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["key", "effective_from", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r} from {self.effective_from or 'always'}"
