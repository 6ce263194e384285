"""Learning from complaints: what the landlord will change beyond the case, kept as a row.

The record is the `learning.recorded` and `learning.done` events on the complaint (or
Ombudsman) case; `Learning` is what they say about one change, written by the services in the
same transaction, so the `/learning/` list is quick. Nothing here decides anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Learning(models.Model):
    """A change the landlord will make beyond one complaint, because the complaint was upheld
    (or partly upheld) or the Ombudsman found maladministration: what will change, who owns it,
    by when, and whether it is done (with its evidence). The Complaint Handling Code asks
    landlords to record learning from complaints and act on it."""

    ref = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="learning")
    change = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_owned"
    )
    owner_name = models.CharField(max_length=200)
    due_text = models.CharField(max_length=40, help_text="As precise as it was given")
    due_date = models.DateField(help_text="The last day the due allows")
    complaint_stage = models.PositiveSmallIntegerField(null=True, blank=True)
    source_event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    recorded_event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()
    done_event = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_on = models.DateField(null=True, blank=True)
    done_evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.ref}: {self.change[:80]}"
