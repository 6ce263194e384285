"""Event kinds owned by complaints: a complaint received, acknowledged, its response extended,
escalated to stage 2, and refused (not accepted).

All are kinds of the chronology format (`shared/domain/chronology.md`, "Complaints"), so
their data accepts everything the published schema
(`interchange/schema/doorstep-chronology-1.schema.json`) accepts for them: an imported record
is kept whole, nulls and all, unknown members kept. What staff must give (the resident's
words, a reason the Code allows, the resident told in writing) is insisted on by the
services, not here. Doorstep's own optional members: on a receipt, `classification` and
`definition` (the officer's decision that the words are a complaint, and the Code's definition
applied) and `officer`; on an extension, `good_reason` (why the Code's limit may be passed),
`in_writing` and `notified_how`; on a refusal, `reason_code` and `ombudsman_informed`.
`complaint.response` is the responses app's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, StrictBool

from doorstep.complaints.choices import RefusalReason
from doorstep.repairs.events import FormatPayload, Text, WhenText
from doorstep.timeline.kinds import EventKind, register

NOT_A_NUMBER = "a stage is the number 1 or 2"


def _number(value: Any) -> Any:
    """The format's stage is a JSON number: "1" or true is not one (as the schema says)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(NOT_A_NUMBER)
    return int(value) if isinstance(value, float) and value.is_integer() else value


StageOne = Annotated[Literal[1], BeforeValidator(_number)]
StageTwo = Annotated[Literal[2], BeforeValidator(_number)]
Stage = Annotated[Literal[1, 2], BeforeValidator(_number)]


def _words(data: Mapping[str, Any], field: str = "text") -> str:
    text = str(data.get(field) or "").strip()
    return f": {text[:200]}" if text else ""


class ReceivedPayload(FormatPayload):
    stage: StageOne
    text: Text = None
    classification: Text = None
    definition: Text = None
    officer: Text = None


@register
class ComplaintReceived(EventKind):
    """A complaint was received (stage 1): an expression of dissatisfaction, however made, about
    the landlord's service, actions or lack of action (Complaint Handling Code 2024, section 1),
    in the resident's words. It starts the stage 1 acknowledgement clock (5 working days) and,
    under the earlier Code, the stage 1 response clock; the Code in force on the day governs the
    whole complaint."""

    kind = "complaint.received"
    label = "Complaint received"
    payload = ReceivedPayload
    example = {
        "stage": 1,
        "text": "Nobody came back to me about the mould. I have rung four times.",
        "classification": "complaint",
    }
    invalid_example = {"stage": 2, "text": "Escalate"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Complaint received (stage 1){_words(data)}"


class AcknowledgedPayload(FormatPayload):
    stage: Stage


@register
class ComplaintAcknowledged(EventKind):
    """The complaint was acknowledged at a stage (defined and logged, and the resident told).
    It stops that stage's acknowledgement clock; under the 2024 Code the response is counted
    from it. A `contact.out` alone is not an acknowledgement."""

    kind = "complaint.acknowledged"
    label = "Complaint acknowledged"
    payload = AcknowledgedPayload
    example = {"stage": 1}
    invalid_example = {"stage": 3}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Complaint acknowledged (stage {data.get('stage')})"


class ExtendedPayload(FormatPayload):
    stage: Stage
    new_due: WhenText
    reason: Text = None
    agreed_with_resident: StrictBool = False
    good_reason: Text = None
    in_writing: StrictBool | None = None
    notified_how: Text = None


@register
class ComplaintExtended(EventKind):
    """The response at a stage was extended to `new_due`, with the reason. Valid only where the
    reasons and new date were given to the resident in writing before the original due date,
    no more than a further 10 (stage 1) or 20 (stage 2) working days unless a good reason is
    recorded, and agreed with the resident where the landlord's policy asks for that
    (`clocks.extensions`). An invalid one leaves the clock due on the original date."""

    kind = "complaint.extended"
    label = "Complaint response extended"
    payload = ExtendedPayload
    example = {
        "stage": 1,
        "new_due": "2025-11-28",
        "reason": "We need the surveyor's report before we can answer.",
        "agreed_with_resident": True,
        "in_writing": True,
        "notified_how": "letter",
    }
    invalid_example = {"stage": 1, "new_due": "next week", "agreed_with_resident": "yes"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        return (
            f"Stage {data.get('stage')} response extended to {data.get('new_due')}"
            f"{_words(data, 'reason')}"
        )


class EscalatedPayload(FormatPayload):
    stage: StageTwo
    text: Text = None


@register
class ComplaintEscalated(EventKind):
    """The resident asked for the complaint to go to stage 2, in their words. It starts the
    stage 2 acknowledgement clock (5 working days) and, under the earlier Code, the stage 2
    response clock; the complaint keeps the Code it was received under."""

    kind = "complaint.escalated"
    label = "Complaint escalated to stage 2"
    payload = EscalatedPayload
    example = {"stage": 2, "text": "I am not happy with the answer. Nothing has been fixed."}
    invalid_example = {"stage": 1}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"Complaint escalated to stage 2{_words(data)}"


class RefusedPayload(FormatPayload):
    stage: Stage
    reason: Text = None
    reason_code: Text = None
    ombudsman_informed: StrictBool | None = None


@register
class ComplaintRefused(EventKind):
    """The landlord declined to accept the complaint at a stage, for a reason its policy sets
    out in line with the Code (section 4: over 12 months old, legal proceedings started, already
    handled under the procedure...), explained to the resident with their right to take it to
    the Housing Ombudsman (`ombudsman_informed`)."""

    kind = "complaint.refused"
    label = "Complaint not accepted"
    payload = RefusedPayload
    example = {
        "stage": 1,
        "reason": "The issue arose more than 12 months ago: the window was replaced in 2023.",
        "reason_code": RefusalReason.OUT_OF_TIME.value,
        "ombudsman_informed": True,
    }
    invalid_example = {"stage": "first"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return (
            summary
            or f"Complaint not accepted at stage {data.get('stage')}{_words(data, 'reason')}"
        )
