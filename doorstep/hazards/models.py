"""Hazards on a hazard case: damp and mould and the other HHSRS hazards.

The record of a hazard is its events (`hazard.reported`, `hazard.assessed`, `decant.*`...) on
the timeline; `Hazard` is what those events say about one hazard now, kept as a row so the case
page, lists and the API are quick. Every field is a projection, written by the services in the
same transaction as the events (`services.py`); nothing here decides anything. The clocks
(Awaab's Law's timescales) are never stored: the clock engine counts them from the events.
"""

from __future__ import annotations

from django.db import models

from doorstep.hazards.choices import HAZARD_CHOICES, DecantState, Severity


class Hazard(models.Model):
    """One hazard reported on a hazard case: which of the 29 HHSRS hazards, where, what; its
    assessed severity and cause; when it was made safe and the written summary sent; and where
    its decant stands. A case may hold several (mould in the bedroom, a broken stair rail)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hazards")
    reported_event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    hazard = models.CharField(max_length=40, choices=HAZARD_CHOICES)
    location = models.CharField(max_length=200)
    description = models.TextField()
    reported_at = models.DateTimeField(help_text="When the landlord became aware of it")
    severity = models.CharField(max_length=20, choices=Severity.choices, blank=True)
    cause = models.TextField(blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    made_safe_at = models.DateTimeField(null=True, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    summary_sent_to = models.CharField(max_length=200, blank=True)
    summary_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decant = models.CharField(
        max_length=20, choices=DecantState.choices, blank=True, default=DecantState.NOT_CONSIDERED
    )
    decant_reason = models.TextField(blank=True)
    decant_where = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["reported_at", "pk"]
        permissions = [
            ("report_hazard", "Can report a hazard (opens a hazard case)"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_hazard_display()} ({self.location})"
