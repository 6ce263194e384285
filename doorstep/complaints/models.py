"""Complaints on a complaint case, handled under the Housing Ombudsman's Complaint Handling Code.

The record of a complaint is its events (`complaint.received`, `complaint.acknowledged`,
`complaint.extended`, `complaint.escalated`, `complaint.refused`, and `complaint.response`,
written by the responses app) on the case's timeline. `Complaint` is what those events say now,
kept as a row so the complaints list, the case page and the API are quick. Every field is a
projection, rebuilt from the events by one function (`projections.complaint_project`), called
in the same transaction as the events; nothing here decides anything. The clocks
(acknowledgement and response at each stage) are counted by the clock engine from the events;
`response_due` is its answer kept for sorting the list.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.complaints.choices import CodeVersion, ComplaintStatus, RefusalReason


class Complaint(models.Model):
    """The complaint of one complaint case: when it was received and how the resident put it,
    the Code in force then, the stage it is at, its acknowledgements, extensions, escalation,
    answers or refusal, and the complaints officer at each stage."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="complaint")
    received_event = models.ForeignKey(
        "timeline.Event", null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_contact = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(help_text="When the landlord received the complaint")
    text = models.TextField(blank=True, help_text="The complaint as the resident put it")
    code_version = models.CharField(max_length=8, choices=CodeVersion.choices)
    stage = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices)
    acknowledged1_at = models.DateTimeField(null=True, blank=True)
    acknowledged2_at = models.DateTimeField(null=True, blank=True)
    extended1_to = models.DateField(null=True, blank=True)
    extended2_to = models.DateField(null=True, blank=True)
    answered1_at = models.DateTimeField(null=True, blank=True)
    answered2_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_text = models.TextField(blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    refused_stage = models.PositiveSmallIntegerField(null=True, blank=True)
    refusal_code = models.CharField(max_length=20, choices=RefusalReason.choices, blank=True)
    refusal_reason = models.TextField(blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The complaints officer handling the current stage",
    )
    stage1_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage2_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage1_involved = models.JSONField(
        default=list,
        help_text="Usernames of the staff involved at stage 1 (its officer, and whoever "
        "acknowledged, extended, refused or answered it): none may handle stage 2",
    )
    response_due = models.DateField(
        null=True, blank=True, help_text="The current stage's response due date, as extended"
    )

    class Meta:
        ordering = ["response_due", "received_at", "pk"]
        permissions = [
            ("receive_complaint", "Can record a complaint (opens a complaint case)"),
            ("handle_complaint", "Can acknowledge, extend, escalate, refuse and assign"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: stage {self.stage} ({self.get_status_display()})"

    @property
    def open(self) -> bool:
        return self.status in (ComplaintStatus.STAGE1_OPEN, ComplaintStatus.STAGE2_OPEN)
