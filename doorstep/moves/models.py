"""Management moves on a transfer case.

The record of a move is its events (`transfer.requested`, `transfer.evidence_requested`,
`transfer.evidence_received`, `transfer.decided`, `transfer.support_offered`) on the case's
timeline. `MoveRequest` is what those events say now, kept as a row so the moves list, the case
page and the API are quick. Every field is a projection, rebuilt from the events by one function
(`projections.move_project`) in the same transaction as the events; it reads them with the same
pure rule the replay uses (`clocks.moves`). `decision_due` is the clock engine's answer for the
decision clock (`transfer.decision`), kept for sorting the list.
"""

from __future__ import annotations

from django.db import models

from doorstep.moves.choices import OPEN_STATUSES, MoveStatus, Outcome


class MoveRequest(models.Model):
    """The move request of one transfer case: the reason and grounds, the evidence asked for
    and received, where it stands, its decisions and the other routes offered."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="move")
    requested_event = models.ForeignKey(
        "timeline.Event", null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_contact = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(help_text="When the household asked to move")
    reason = models.TextField(blank=True, help_text="The request as the household put it")
    grounds = models.JSONField(default=list, help_text="Ground values")
    evidence = models.JSONField(
        default=list, help_text="References of the documents the request rests on"
    )
    status = models.CharField(max_length=20, choices=MoveStatus.choices)
    evidence_requested = models.JSONField(
        default=list, help_text="Each request for evidence: {event, on, what, to, to_name, types}"
    )
    evidence_received = models.JSONField(
        default=list,
        help_text="Each piece received: {event, on, what, from, from_name, document, "
        "standing, authorised, requested}",
    )
    awaiting = models.JSONField(
        null=True, blank=True, help_text="The request for evidence still waited on, if any"
    )
    decisions = models.JSONField(
        default=list, help_text="Each decision: {event, on, outcome, reason}"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True, help_text="The final decision")
    decision_reason = models.TextField(blank=True)
    panel_referred_at = models.DateTimeField(null=True, blank=True)
    routes = models.JSONField(default=list, help_text="Each offer: {event, on, routes, support}")
    decision_due = models.DateField(
        null=True,
        blank=True,
        help_text="The decision clock's due date (none while evidence is awaited)",
    )

    class Meta:
        ordering = ["decision_due", "requested_at", "pk"]
        permissions = [
            ("request_move", "Can record a request to move (opens a transfer case)"),
            ("handle_move", "Can ask for and record evidence and offer other routes"),
            ("decide_move", "Can decide a request to move or refer it to the panel"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_status_display()}"

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES
