"""Inspections and surveys on a case: who visited, what they found, its cause, what they
recommend, and the report document.

The record is the `inspection.done` event (and, for a report that arrives later, its
`document.added`); `Inspection` is what those events say, kept as a row so the case page and
the API are quick, written by the services in the same transaction as the events.
"""

from __future__ import annotations

import builtins

from django.db import models

from doorstep.inspections.choices import InspectionKind


class Inspection(models.Model):
    """An inspection, survey or post-inspection done on a hazard or repair case. `report` is
    the report document; empty, the report is not on record: a gap the case page shows."""

    reference = models.CharField(max_length=30, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="inspections")
    property = models.ForeignKey(
        "properties.Property", on_delete=models.PROTECT, related_name="inspections"
    )
    event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    by = models.CharField(max_length=200, help_text="The surveyor, inspector or contractor")
    done_on = models.DateField()
    findings = models.TextField()
    cause = models.TextField(blank=True)
    recommendations = models.JSONField(default=list, blank=True)
    report = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report_ref = models.CharField(
        max_length=100,
        blank=True,
        help_text="An imported record's own reference for its report (the file is not stored)",
    )
    appointment = models.CharField(max_length=60, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_kind_display()} by {self.by}"

    @builtins.property  # the `property` field shadows the builtin in the class body
    def report_missing(self) -> bool:
        """No report on record: the gap the case page shows. An imported record that names its
        report (by its own reference) has one, though the file is held elsewhere."""
        return self.report_id is None and not self.report_ref
