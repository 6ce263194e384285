"""Event kinds owned by learning: a change the landlord will make beyond one complaint, and that
change done. Doorstep's own kinds (the chronology format has none for learning): the Complaint
Handling Code asks landlords to record the learning from complaints and act on it, and the
Ombudsman's orders often ask for it (Bromford 202109189, orders 4 to 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field

from doorstep.repairs.events import Ref, WhenText
from doorstep.timeline.kinds import EventKind, Payload, register

Words = Annotated[str, Field(strict=True, min_length=1)]


class RecordedPayload(Payload):
    learning: Ref
    change: Words
    owner: Words
    due: WhenText
    source: Ref
    owner_username: str | None = None
    complaint_stage: Annotated[int, Field(strict=True, ge=1, le=2)] | None = None


@register
class LearningRecorded(EventKind):
    """What the landlord will change beyond this case because the complaint was upheld or
    partly upheld (a `complaint.response`) or the Ombudsman found maladministration (an
    `ombudsman.determination`): the change, its owner, when it is due, the complaint's stage,
    and the event it learns from (`source`, the event's uid)."""

    kind = "learning.recorded"
    label = "Learning recorded"
    payload = RecordedPayload
    example = {
        "learning": "LRN-2024-000001",
        "change": "Repairs staff check for earlier jobs on the same wall before raising a new one.",
        "owner": "Mina Manager",
        "owner_username": "mina",
        "due": "2024-09-30",
        "complaint_stage": 2,
        "source": "6f1c2a36-4d2e-4a55-9d1e-0c4b3b9d7f10",
    }
    invalid_example = {"learning": "LRN-2024-000001", "change": "", "due": "autumn"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        return (
            f"Learning recorded: {str(data.get('change'))[:200]} "
            f"(owner {data.get('owner')}, due {data.get('due')})"
        )


class DonePayload(Payload):
    learning: Ref
    evidence: Words


@register
class LearningDone(EventKind):
    """A change recorded as learning is done, with the evidence that it is."""

    kind = "learning.done"
    label = "Learning done"
    payload = DonePayload
    example = {"learning": "LRN-2024-000001", "evidence": "New repairs checklist issued 1 Sep."}
    invalid_example = {"learning": "LRN-2024-000001"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Learning {data.get('learning')} done: {str(data.get('evidence'))[:200]}"
