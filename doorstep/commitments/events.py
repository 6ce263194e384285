"""The promise ledger's event kinds: a commitment made, kept, or dropped.

Names and fields are the chronology format's (`shared/domain/chronology.md`, "Commitments").
Each payload accepts everything the published schema accepts for its kind (both seed
chronologies import through these classes) and names a few fields more: who owns the
promise, and the entry it was made in. A claim that work is done is the format's own
`works.completed`, and its check is `works.verified`: the ledger reads those, so no claim kind
of our own is needed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

from doorstep.timeline.kinds import EventKind, Payload, register
from doorstep.timeline.when import When

# The shapes the format's `when` allows (schema `$defs.when`): a year, a month, a day, or an
# ISO 8601 date-time with minutes and an optional offset. `When.parse` then checks the day is real.
_WHEN = re.compile(
    r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
    r"|^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?$"
)
NOT_A_WHEN = "Give the date as YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date and time"


def _when_text(value: str) -> str:
    if not _WHEN.match(value):
        raise ValueError(NOT_A_WHEN)
    When.parse(value)  # a ValueError names the date that is not real
    return value


Ref = Annotated[str, StringConstraints(min_length=1)]
WhenText = Annotated[str, AfterValidator(_when_text)]


class Item(Payload):
    """An item of a job given as an object: its id, and what it is."""

    id: Ref
    description: str | None = None
    element: str | None = None


class MadePayload(Payload):
    commitment: Ref
    action: str | None = None
    due: WhenText | None = None
    job: Ref | None = None
    items: list[Ref | Item] = Field(default_factory=list)
    owner: str | None = None


@register
class CommitmentMade(EventKind):
    """Someone on the landlord's side promised the household something: in a response, a
    letter, on a visit or in an order. It has a due date (`due`, at the precision given), an
    owner, and, where it is works, the job and the items it covers. It stays owed until the
    evidence shows it done (a post-inspection or the resident's confirmation) or it is dropped
    with a reason."""

    kind = "commitment.made"
    label = "Commitment made"
    payload = MadePayload
    example = {
        "commitment": "COM-2024-000001",
        "action": "Replace the bathroom floor",
        "due": "2024-07",
        "job": "J1",
        "items": ["floor", {"id": "vinyl", "description": "Bathroom vinyl"}],
        "owner": "Olivia Officer",
    }
    invalid_example = {"commitment": "COM-2024-000001", "due": "next Tuesday"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        what = data.get("action") or f"commitment {data['commitment']}"
        due = data.get("due")
        return f"Promised: {what}" + (f" (due {When.parse(due).display()})" if due else "")


class KeptPayload(Payload):
    commitment: Ref
    evidence: str | None = None


@register
class CommitmentKept(EventKind):
    """A promise was kept, on evidence: what the post-inspection found, or what the resident
    confirmed. A promise about works is kept too by a `works.verified` confirming its items."""

    kind = "commitment.kept"
    label = "Commitment kept"
    payload = KeptPayload
    example = {"commitment": "COM-2024-000001", "evidence": "Resident confirmed by phone"}
    invalid_example = {"evidence": "Done"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        evidence = data.get("evidence")
        return summary or f"Commitment {data['commitment']} kept" + (
            f": {evidence}" if evidence else ""
        )


class DroppedPayload(Payload):
    commitment: Ref
    reason: str | None = None


@register
class CommitmentDropped(EventKind):
    """A promise will not be kept, and the record says why (the resident no longer wants the
    work, a decant made it moot). Dropping is a decision, not a way to clear a list."""

    kind = "commitment.dropped"
    label = "Commitment dropped"
    payload = DroppedPayload
    example = {"commitment": "COM-2024-000001", "reason": "The resident moved out"}
    invalid_example = {"commitment": ""}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        reason = data.get("reason")
        return summary or f"Commitment {data['commitment']} dropped" + (
            f": {reason}" if reason else ""
        )
