"""A complaint response in the making.

A `ResponseDraft` is a working document, not the record: it is edited freely until it is
sent. What is sent is the record: a `complaint.response` event on the case, with the letter
kept as a `Document` (`services.response_send`). Once sent, the draft keeps `sent_event` and
can no longer be changed; nothing decides anything here (no logic in `save()`, no signals).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ResponseDraft(models.Model):
    """The response being written to one stage of a complaint: the complaint as understood,
    the decision and reasons on each point raised, the overall outcome, the remedy, the
    commitments with their due dates, what it says is already done, any outstanding actions,
    how to escalate (stage 1) or go to the Housing Ombudsman (stage 2), and where it goes.

    `points`: [{point, decision, reasons}]; `commitments`: [{action, due, job, items}];
    `claims_done`: [{commitment} | {job, items} | {action}], as the draft form gives them."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    stage = models.PositiveSmallIntegerField()
    understood = models.TextField(blank=True, help_text="The complaint, as understood (defined)")
    points = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    remedy = models.TextField(blank=True)
    commitments = models.JSONField(default=list, blank=True)
    claims_done = models.JSONField(default=list, blank=True)
    outstanding = models.TextField(blank=True)
    escalation = models.TextField(blank=True)
    send_to = models.CharField(max_length=320, blank=True, help_text="Email or mobile number")
    posted = models.BooleanField(default=False, help_text="Sent by post instead")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    sent_event = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="one_draft_per_case_stage")
        ]
        permissions = [("send_response", "Can send a complaint response to the resident")]

    def __str__(self) -> str:
        return f"{self.case.reference}: stage {self.stage} response draft"
