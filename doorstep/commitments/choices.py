"""The words of the promise ledger.

`Standing` is a commitment's state as of a date, in the chronology format's words ("Replay
output": open, kept, overdue, claimed_not_verified, contradicted, dropped), worked out by the
pure ledger (`clocks.ledger`). `Recorded` is what the record alone says, whatever the date: the
projection keeps it (`Commitment.state`), because it changes only when an event is written.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recorded(models.TextChoices):
    """What the events say, with no clock: a promise is open until something is recorded."""

    OPEN = "open", _("Open")
    CLAIMED = "claimed", _("Claimed done, not verified")
    CONTRADICTED = "contradicted", _("Claimed done, found not done")
    KEPT = "kept", _("Kept")
    DROPPED = "dropped", _("Dropped")


# A promise in one of these states is still owed: it lists as open.
STILL_OWED = (Recorded.OPEN, Recorded.CLAIMED, Recorded.CONTRADICTED)
CLOSED = (Recorded.KEPT, Recorded.DROPPED)


class Standing(models.TextChoices):
    """A promise as of a date (`clocks.ledger`, the format's replay states)."""

    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    CLAIMED_NOT_VERIFIED = "claimed_not_verified", _("Claimed done but not verified")
    CONTRADICTED = "contradicted", _("Claimed done, found not done")
    KEPT = "kept", _("Kept")
    DROPPED = "dropped", _("Dropped")


OWED_STANDINGS = (
    Standing.OVERDUE,
    Standing.CLAIMED_NOT_VERIFIED,
    Standing.CONTRADICTED,
    Standing.OPEN,
)


class PromiseKind(models.TextChoices):
    COMMITMENT = "commitment", _("Commitment")
    ORDER = "order", _("Ombudsman order")


class ClaimedBy(models.TextChoices):
    """Who says the work is done. Either way it is a claim until verified."""

    CONTRACTOR = "contractor", _("The contractor")
    STAFF = "staff", _("A member of staff")


class Method(models.TextChoices):
    """How a claim is verified: the Ombudsman expects one of these (Clarion 202208650, CH 7,
    order 8), never the contractor's own word."""

    POST_INSPECTION = "post_inspection", _("Post-inspection")
    RESIDENT_CONFIRMED = "resident_confirmed", _("The resident confirmed it")


class Result(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed done")
    NOT_DONE = "not_done", _("Found not done")
