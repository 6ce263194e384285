"""The event kind this app owns: `complaint.response`, a response sent at stage 1 or 2.

Its data accepts everything the chronology format's published schema accepts for the kind
(`shared/domain/chronology.md`, "Complaints"): the stage, the outcome (or null where the source
does not say), the text, the commitments made in it and the claims that things are done, so
both seed chronologies still import through this class. A response Doorstep sends names more,
each optional: the complaint as understood, the decision and reasons on each point, the
remedy, the outstanding actions, how to escalate (or go to the Ombudsman), the letter
(`document`) and how it went to the resident. What a response must say before it is sent is
insisted on by `responses.services.response_send`, not here: an imported record is kept whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from doorstep.repairs.events import FormatPayload, ItemPayload, Ref, Text, WhenText
from doorstep.timeline.kinds import EventKind, register
from doorstep.timeline.when import When

NOT_A_STAGE = "Input should be 1 or 2"
CLAIM_NAMES_NOTHING = "A claim names a job, a commitment or an action"
OUTCOMES = {"upheld": "upheld", "partly_upheld": "partly upheld", "not_upheld": "not upheld"}


def _no_bool(value: Any) -> Any:
    # JSON Schema's enum [1, 2] does not accept `true`, though Python counts it as 1.
    if isinstance(value, bool):
        raise ValueError(NOT_A_STAGE)
    return value


Stage = Annotated[Literal[1, 2], BeforeValidator(_no_bool)]
Outcome = Literal["upheld", "partly_upheld", "not_upheld"]
RefOrNull = Annotated[str | None, Field(strict=True, min_length=1)]


class Loose(BaseModel):
    """An entry whose members not named here are kept (the format never refuses them)."""

    model_config = ConfigDict(extra="allow")


class CommitmentEntry(Loose):
    """A promise made in the response (the format's `commitment`)."""

    commitment: Ref
    action: Text = None
    due: WhenText | None = None
    job: RefOrNull = None
    items: list[ItemPayload] = Field(default_factory=list)


class ClaimEntry(Loose):
    """A statement that something is done: a job's items, a commitment, or an action. A claim,
    never evidence: the ledger counts it as claimed until a check verifies it."""

    job: Ref | None = None
    items: list[ItemPayload] = Field(default_factory=list)
    commitment: Ref | None = None
    action: Text = None

    @model_validator(mode="after")
    def _names_something(self) -> ClaimEntry:
        if not {"job", "commitment", "action"} & self.model_fields_set:
            raise ValueError(CLAIM_NAMES_NOTHING)
        if "job" in self.model_fields_set and self.job is None:
            raise ValueError("job: a claim's job is a reference, not null")
        if "commitment" in self.model_fields_set and self.commitment is None:
            raise ValueError("commitment: a claim's commitment is a reference, not null")
        return self


class PointEntry(Loose):
    """One point the resident raised, the decision on it, and the reasons (Doorstep's own)."""

    point: Text = None
    decision: Outcome | None = None
    reasons: Text = None


class ResponsePayload(FormatPayload):
    stage: Stage
    outcome: Outcome | None = None
    text: Text = None
    commitments: list[CommitmentEntry] = Field(default_factory=list)
    claims_done: list[ClaimEntry] = Field(default_factory=list)
    # Doorstep's own, on a response drafted and sent in Doorstep.
    understood: Text = None
    points: list[PointEntry] = Field(default_factory=list)
    remedy: Text = None
    outstanding: Text = None
    escalation: Text = None
    document: RefOrNull = None
    sent_to: Text = None
    posted: bool | None = None


@register
class ComplaintResponse(EventKind):
    """The landlord's response to a complaint at stage 1 or stage 2 (Complaint Handling Code
    2024, sections 5 and 6): the decision on each point with reasons, the outcome, the remedy,
    what it promises (`commitments`, each tracked by the promise ledger until verified) and
    what it says is already done (`claims_done`: claims, never evidence). It stops that stage's
    response clock (and its acknowledgement clock, sent inside that window); a stage 2
    response does not answer stage 1."""

    kind = "complaint.response"
    label = "Complaint response sent"
    payload = ResponsePayload
    example = {
        "stage": 1,
        "outcome": "partly_upheld",
        "text": "We are sorry the repair to your bathroom took so long.",
        "understood": "The bathroom leak was not fixed after three visits.",
        "points": [
            {"point": "The leak", "decision": "upheld", "reasons": "Three visits failed."},
            {"point": "Staff rude", "decision": "not_upheld", "reasons": "Call records show not."},
        ],
        "commitments": [
            {
                "commitment": "COM-2026-000001",
                "action": "Replace the waste pipe",
                "due": "2026-12-18",
                "job": "JOB-2026-000001",
                "items": ["1"],
            }
        ],
        "claims_done": [{"job": "JOB-2026-000001", "items": ["2"]}, {"action": "Apologised"}],
        "remedy": "We will replace the pipe and offer £100 for the delay.",
        "escalation": "If you are not satisfied, ask us to escalate your complaint to stage 2.",
        "document": "DOC-2026-000001",
    }
    invalid_example = {"stage": 3, "outcome": "won", "claims_done": [{"items": ["1"]}]}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        if summary:
            return summary
        outcome = OUTCOMES.get(str(data.get("outcome")), "")
        said = f"Stage {data.get('stage')} response sent" + (f": {outcome}" if outcome else "")
        promised = [
            f"{c.get('action') or c['commitment']}"
            + (f" (due {When.parse(c['due']).display()})" if c.get("due") else "")
            for c in data.get("commitments") or ()
        ]
        return said + (f"; promises: {'; '.join(promised)}" if promised else "")
