"""A Housing Ombudsman referral, kept as a row for the Ombudsman's reference.

The record of a referral is its events on the Ombudsman case (`ombudsman.referred`,
`ombudsman.evidence_requested`, `ombudsman.determination`...); the selectors read those, so an
imported referral reads the same as one recorded here. `Referral` is what `ombudsman.referred`
says about the case, written by `services.ombudsman_refer` in the same transaction, so one
Ombudsman reference names one case. Orders are commitments on the promise ledger
(`commitments.Commitment`, kind order).
"""

from __future__ import annotations

from django.db import models


class Referral(models.Model):
    """A household's complaint taken to the Housing Ombudsman: the Ombudsman case, the
    Ombudsman's own reference for it, and when it was referred."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="referral")
    ombudsman_ref = models.CharField(max_length=60, unique=True)
    referred_event = models.ForeignKey("timeline.Event", on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        permissions = [
            ("record_determination", "Can record the Ombudsman's determination and its orders"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: Ombudsman {self.ombudsman_ref}"
