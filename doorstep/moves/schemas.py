"""What the API accepts for moves (`...In`) and returns (`...Out`): separate, even where alike.
Inputs refuse fields they do not know; outputs name related records by their human reference.
Served by `doorstep/api/routers/moves.py` (moves never import the API)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.documents.choices import DocumentType
from doorstep.moves.choices import Ground, Route
from doorstep.moves.selectors import evidence_flag
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

TEXT = 5000
REF = 30


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class MoveRequestIn(WhenIn):
    """A household's request to move: its words, the grounds, the documents on record it rests
    on; from any channel, or from a contact (`contact.in`) already on the household's record."""

    reason: str = Field(
        "",
        max_length=TEXT,
        description="Why the household asks to move, in their words; may be empty with "
        "from_contact (the contact's words are taken)",
    )
    grounds: list[Ground] = Field(min_length=1, description="What the request rests on")
    evidence: list[str] = Field(
        default_factory=list, description="References of documents on the household's record"
    )
    channel: Channel = Field(
        Channel.PHONE, description="How it came in (ignored with from_contact)"
    )
    from_contact: uuid.UUID | None = Field(
        None, description="uid of the contact (contact.in) the request came in"
    )
    title: str = Field("", max_length=120, description="Default: the start of the words")


class MoveEvidenceRequestIn(WhenIn):
    what: str = Field(min_length=1, max_length=TEXT, description="What evidence is asked for")
    to: str | None = Field(None, max_length=REF, description="The person asked (reference)")
    to_name: str = Field("", max_length=200, description="Who is asked, in words")
    types: list[DocumentType] = Field(
        default_factory=list, description="Document types that would answer it (flagged)"
    )


class MoveEvidenceReceivedIn(WhenIn):
    """Evidence received. Attach a new document through `POST /cases/{reference}/documents`
    first, then name it here."""

    what: str = Field(min_length=1, max_length=TEXT, description="What was received")
    source: str | None = Field(None, max_length=REF, description="Who sent it (person reference)")
    source_name: str = Field(
        "", max_length=200, description="Who sent it, in words, where not on record"
    )
    document: str | None = Field(
        None, max_length=REF, description="The document on record it is (reference)"
    )


class MovePanelIn(WhenIn):
    reason: str = Field(
        min_length=1, max_length=TEXT, description="Why it goes to the panel, and the question"
    )


class MoveDecisionIn(WhenIn):
    outcome: str = Field(pattern="^(approved|declined)$", description="approved or declined")
    reason: str = Field(
        "", max_length=TEXT, description="Required to decline: as the household will be told it"
    )


class MoveRoutesIn(WhenIn):
    routes: list[Route] = Field(min_length=1, description="The other routes offered")
    support: str = Field(min_length=1, max_length=TEXT, description="The support given")


class EvidenceOnRecordOut(Schema):
    document: str
    title: str
    added: dt.date
    why: str
    text: str


class MoveOut(Schema):
    case: str
    household: str | None
    status: str = Field(
        description="awaiting_decision, awaiting_evidence, at_panel, approved or declined"
    )
    requested: dt.datetime
    reason: str
    grounds: list[str]
    evidence: list[str]
    from_contact: str | None
    evidence_requested: list[dict[str, Any]]
    evidence_received: list[dict[str, Any]] = Field(
        description="Each with its source (`from`, `from_name`), `standing` "
        "(authorised_third_party, household or not_authorised) and `requested`"
    )
    awaiting_evidence: dict[str, Any] | None
    evidence_on_record: EvidenceOnRecordOut | None = Field(
        description="While evidence is awaited: a document on the household's record that may "
        "be it (medical evidence, from an authorised third party, or of a type asked for)"
    )
    decisions: list[dict[str, Any]]
    outcome: str | None
    decided: dt.datetime | None
    decision_reason: str
    panel_referred: dt.datetime | None
    routes_offered: list[dict[str, Any]]
    decision_due: dt.date | None = Field(
        description="The decision clock's due date; none while evidence is awaited, at the "
        "panel or once decided"
    )

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household else None

    @staticmethod
    def resolve_requested(obj: Any) -> dt.datetime:
        return obj.requested_at

    @staticmethod
    def resolve_from_contact(obj: Any) -> str | None:
        return str(obj.from_contact.uid) if obj.from_contact_id else None

    @staticmethod
    def resolve_awaiting_evidence(obj: Any) -> dict[str, Any] | None:
        return obj.awaiting

    @staticmethod
    def resolve_evidence_on_record(obj: Any) -> dict[str, Any] | None:
        flag = evidence_flag(obj)
        if flag is None:
            return None
        return {
            "document": flag.document,
            "title": flag.title,
            "added": flag.added,
            "why": flag.why,
            "text": flag.words,
        }

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        return obj.outcome or None

    @staticmethod
    def resolve_decided(obj: Any) -> dt.datetime | None:
        return obj.decided_at

    @staticmethod
    def resolve_panel_referred(obj: Any) -> dt.datetime | None:
        return obj.panel_referred_at

    @staticmethod
    def resolve_routes_offered(obj: Any) -> list[dict[str, Any]]:
        return list(obj.routes)
