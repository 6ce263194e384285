"""What the API accepts for complaint responses (`...In`) and returns (`...Out`).

Inputs refuse fields they do not know; the draft's shape is checked here, what a response must
say before it is sent is checked by `responses.services.response_send`. Served by
`doorstep/api/routers/responses.py` (responses never import the API).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.responses.choices import ResponseDecision
from doorstep.timeline.schemas import In, when_text

LONG = 20000


class ResponsePointIn(In):
    point: str = Field("", max_length=2000, description="What the resident raised")
    decision: ResponseDecision | None = Field(
        None, description="upheld, partly_upheld or not_upheld"
    )
    reasons: str = Field("", max_length=LONG, description="Why")


class ResponseCommitmentIn(In):
    action: str = Field("", max_length=2000, description="What will be done")
    due: str | None = Field(None, description="By when: YYYY-MM-DD (or YYYY-MM)")
    job: str = Field("", max_length=100, description="The job's reference, for works")
    items: list[str] = Field(default_factory=list, description="Item ids of the job")

    _when = field_validator("due")(when_text)


class ResponseClaimIn(In):
    commitment: str = Field("", max_length=100, description="A commitment said to be kept")
    job: str = Field("", max_length=100, description="A job said to be done")
    items: list[str] = Field(default_factory=list)
    action: str = Field("", max_length=2000, description="An action said to be done")


class ResponseDraftIn(In):
    """The draft as a whole: each save replaces the draft's content (a working document)."""

    understood: str = Field("", max_length=LONG, description="The complaint, as understood")
    points: list[ResponsePointIn] = Field(default_factory=list)
    outcome: ResponseDecision | None = None
    remedy: str = Field("", max_length=LONG, description="What will be put right")
    commitments: list[ResponseCommitmentIn] = Field(default_factory=list)
    claims_done: list[ResponseClaimIn] = Field(default_factory=list)
    outstanding: str = Field("", max_length=LONG, description="Actions still outstanding")
    escalation: str | None = Field(
        None,
        max_length=LONG,
        description="How to escalate (stage 1) or go to the Ombudsman (stage 2); "
        "omitted: the draft's wording, or the standard wording",
    )
    send_to: str = Field("", max_length=320, description="Email or mobile number to send it to")
    posted: bool = Field(False, description="Sent by post instead")


class ResponsePointOut(Schema):
    point: str
    decision: str
    reasons: str


class ResponseCommitmentOut(Schema):
    commitment: str | None = Field(None, description="Its reference once sent")
    action: str
    due: str | None
    job: str | None
    items: list[Any]


class ResponseDraftOut(Schema):
    case: str
    stage: int
    understood: str
    points: list[ResponsePointOut]
    outcome: str
    remedy: str
    commitments: list[ResponseCommitmentOut]
    claims_done: list[dict[str, Any]]
    outstanding: str
    escalation: str
    send_to: str
    posted: bool
    author: str
    updated: dt.datetime
    sent: bool

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author_name)

    @staticmethod
    def resolve_updated(obj: Any) -> dt.datetime:
        return obj.updated_at

    @staticmethod
    def resolve_sent(obj: Any) -> bool:
        return obj.sent_event_id is not None


class ResponseSentOut(Schema):
    """A response as the record holds it (`complaint.response`), with its letter."""

    case: str
    event: str = Field(description="uid of the complaint.response event")
    stage: int
    sent: str = Field(description="When it was sent, at the precision the record gives")
    outcome: str | None
    understood: str | None
    points: list[dict[str, Any]]
    remedy: str | None
    commitments: list[dict[str, Any]]
    claims_done: list[dict[str, Any]]
    outstanding: str | None
    escalation: str | None
    text: str | None
    document: str | None
    sent_to: str | None
    posted: bool

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.event.case.reference)

    @staticmethod
    def resolve_event(obj: Any) -> str:
        return str(obj.event.uid)

    @staticmethod
    def resolve_sent(obj: Any) -> str:
        return str(obj.event.occurred_text)

    @staticmethod
    def resolve_posted(obj: Any) -> bool:
        return bool(obj.data.get("posted"))

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        return obj.data.get("outcome")

    @staticmethod
    def resolve_understood(obj: Any) -> str | None:
        return obj.data.get("understood")

    @staticmethod
    def resolve_remedy(obj: Any) -> str | None:
        return obj.data.get("remedy")

    @staticmethod
    def resolve_outstanding(obj: Any) -> str | None:
        return obj.data.get("outstanding")

    @staticmethod
    def resolve_escalation(obj: Any) -> str | None:
        return obj.data.get("escalation")

    @staticmethod
    def resolve_text(obj: Any) -> str | None:
        return obj.data.get("text")

    @staticmethod
    def resolve_document(obj: Any) -> str | None:
        return obj.data.get("document")

    @staticmethod
    def resolve_sent_to(obj: Any) -> str | None:
        return obj.data.get("sent_to")

    @staticmethod
    def resolve_points(obj: Any) -> list[dict[str, Any]]:
        return list(obj.data.get("points") or [])

    @staticmethod
    def resolve_commitments(obj: Any) -> list[dict[str, Any]]:
        return list(obj.data.get("commitments") or [])

    @staticmethod
    def resolve_claims_done(obj: Any) -> list[dict[str, Any]]:
        return list(obj.data.get("claims_done") or [])


class ResponsesOut(Schema):
    """A complaint case's responses: those sent (the record) and the drafts in progress."""

    sent: list[ResponseSentOut]
    drafts: list[ResponseDraftOut]
