"""ASB cases: reports of anti-social behaviour, the decision to open or decline a case, the
reporter's risk, the action plan, reviews and closing.

The record is the case's events (`asb.reported`, `asb.case_opened`, `asb.case_declined`,
`asb.risk_assessed`, `asb.action`, `asb.reviewed`, `asb.closed`, and the messages to the
reporter, `contact.out`). `AsbCase` is what those events say now, kept as a row so the ASB
list, the case page and the API are quick. Every field is a projection rebuilt by one
function (`projections.asb_project`) in the same transaction as the events; nothing here
decides anything.
"""

from __future__ import annotations

from django.db import models

from doorstep.asb.choices import AsbStatus, Category, RiskLevel


class AsbCase(models.Model):
    """The ASB of one ASB case: its reports (each with the reporter's safety wishes), the
    decision, the latest risk assessment, the actions with their next steps, the reviews, the
    closing, and the ASB case review threshold across the reporter household's reports."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="asb")
    reporter = models.ForeignKey(
        "residents.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    status = models.CharField(max_length=12, choices=AsbStatus.choices)
    first_reported_at = models.DateTimeField()
    last_reported_at = models.DateTimeField()
    reports = models.JSONField(default=list, help_text="Each report, in the order it happened")
    alleged_perpetrator = models.CharField(max_length=300, blank=True)
    delay_until = models.DateField(
        null=True,
        blank=True,
        help_text="The first day an action that would identify the reporter may be taken, "
        "where they asked for a delay (the latest delay asked for)",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_code = models.CharField(max_length=30, blank=True)
    decline_reason = models.TextField(blank=True)
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, blank=True)
    risk_assessed_at = models.DateTimeField(null=True, blank=True)
    risk = models.JSONField(default=dict, help_text="The latest risk assessment's data")
    actions = models.JSONField(default=list)
    reviews = models.JSONField(default=list)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(blank=True)
    reporter_told_closed = models.BooleanField(null=True, blank=True)
    case_review_met_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the household's reports first met the ASB case review threshold",
    )
    case_review_told_at = models.DateTimeField(null=True, blank=True)
    next_due = models.DateField(
        null=True, blank=True, help_text="The soonest date a running clock of the case is due"
    )

    class Meta:
        ordering = ["next_due", "first_reported_at", "pk"]
        permissions = [
            ("report_asb", "Can record a report of anti-social behaviour"),
            ("handle_asb", "Can open, decline, assess, act on, review and close ASB cases"),
            ("override_delay", "Can act inside the delay an ASB reporter asked for, with reason"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_category_display()} ({self.get_status_display()})"

    @property
    def live(self) -> bool:
        return self.status in (AsbStatus.REPORTED, AsbStatus.OPEN)

    @property
    def high_risk(self) -> bool:
        return self.risk_level == RiskLevel.HIGH
