"""The promise ledger's projection: one row per commitment, for fast lists.

The timeline is the record (ADR 1). A `Commitment` row is worked out from its history's events
by the pure ledger (`clocks.ledger`, through `projections.py`), written by the same service
that appends the event, in the same transaction, and rebuilt from the events by
`doorstep commitments_rebuild`. Nothing here decides anything: no logic in `save()`, no signals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from doorstep.commitments.choices import PromiseKind, Recorded


class Commitment(models.Model):
    """Something the landlord's side promised a household (in a response, a letter, on a visit,
    or an Ombudsman order): what, by when, who owns it, and, for works, the job and items.

    `state` is what the record says regardless of the date: open, claimed done (not yet
    verified), contradicted (claimed, then found not done: owed again), kept (on evidence) or
    dropped (with a reason). Whether it is overdue, or a claim has waited too long for its
    check, depends on the date asked about: `selectors` ask the ledger.
    """

    stream = models.ForeignKey("timeline.Stream", on_delete=models.PROTECT, related_name="+")
    ref = models.CharField(max_length=100, help_text="The commitment's reference in the record")
    kind = models.CharField(max_length=12, choices=PromiseKind.choices)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="commitments"
    )
    household = models.ForeignKey(
        "residents.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    action = models.TextField(blank=True)
    due_text = models.CharField(max_length=40, blank=True, help_text="As precise as it was given")
    due_date = models.DateField(null=True, blank=True, help_text="The last day the due allows")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments_owned",
    )
    owner_name = models.CharField(max_length=200, blank=True)
    made_by_name = models.CharField(max_length=200)
    made_on = models.DateField()
    made_event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    job = models.CharField(max_length=100, blank=True)
    items = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=12, choices=Recorded.choices)
    state_since = models.DateField()
    claim_event = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_event = models.ForeignKey(
        "timeline.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "made_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "ref"], name="commitment_ref_per_history")
        ]
        indexes = [models.Index(fields=["state", "due_date"], name="commitment_state_due")]
        permissions = [
            ("claim_commitment", "Can record a claim that a commitment's works are done"),
            ("drop_commitment", "Can drop a commitment, with the reason"),
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.action or self.get_kind_display()}"
