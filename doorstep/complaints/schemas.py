"""What the API accepts for complaints (`...In`) and returns (`...Out`): separate, even where
alike. Inputs refuse fields they do not know; outputs name related records by their human
reference. Served by `doorstep/api/routers/complaints.py` (complaints never import the API).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.complaints.choices import NotifiedHow, RefusalReason
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

TEXT = 5000


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class ComplaintIn(WhenIn):
    """A complaint received from the household: in the resident's words, from any channel, or
    from a contact (`contact.in`) already on the household's record."""

    text: str = Field(
        "",
        max_length=TEXT,
        description="The complaint as the resident put it; may be empty with from_contact "
        "(the contact's words are taken)",
    )
    channel: Channel = Field(
        Channel.PHONE, description="How it came in (ignored with from_contact)"
    )
    from_contact: uuid.UUID | None = Field(
        None, description="uid of the contact (contact.in) the complaint came in"
    )
    title: str = Field("", max_length=120, description="Default: the start of the words")


class AcknowledgeIn(WhenIn):
    stage: Literal[1, 2] = Field(description="The stage acknowledged: the complaint's current one")


class ExtendIn(WhenIn):
    new_due: dt.date = Field(description="The new date the resident will have the response by")
    reason: str = Field(min_length=1, max_length=TEXT, description="As the resident is told it")
    agreed_with_resident: bool = False
    notified_how: NotifiedHow = Field(
        description="notifier (sent to `to` through Doorstep), letter, or not_in_writing (refused)"
    )
    to: str = Field("", max_length=320, description="Email address or mobile number (notifier)")
    good_reason: str = Field(
        "", max_length=TEXT, description="Why the Code's limit may be passed, where it is"
    )


class EscalateIn(WhenIn):
    text: str = Field(min_length=1, max_length=TEXT, description="The resident's request")


class RefuseIn(WhenIn):
    reason_code: RefusalReason
    explanation: str = Field("", max_length=TEXT, description="Required for reason_code other")
    ombudsman_informed: bool = Field(
        description="The resident was told of their right to go to the Housing Ombudsman"
    )


class AssignIn(In):
    officer: str = Field(min_length=1, max_length=150, description="The officer's username")


class ComplaintOut(Schema):
    case: str
    household: str | None
    stage: int
    status: str = Field(
        description="stage1_open, stage1_answered, stage2_open, stage2_answered or refused"
    )
    code_version: str = Field(description="2024 (the statutory Code) or 2020 (the earlier Code)")
    received: dt.datetime
    text: str
    from_contact: str | None
    acknowledged_stage1: dt.datetime | None
    acknowledged_stage2: dt.datetime | None
    extended_stage1_to: dt.date | None
    extended_stage2_to: dt.date | None
    escalated: dt.datetime | None
    escalation_text: str
    answered_stage1: dt.datetime | None
    answered_stage2: dt.datetime | None
    refused: dt.datetime | None
    refusal_code: str | None
    refusal_reason: str
    officer: str | None = Field(description="Username of the officer of the current stage")
    stage1_officer: str | None
    stage2_officer: str | None
    response_due: dt.date | None = Field(
        description="The current stage's response due date, as validly extended"
    )

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household else None

    @staticmethod
    def resolve_received(obj: Any) -> dt.datetime:
        return obj.received_at

    @staticmethod
    def resolve_from_contact(obj: Any) -> str | None:
        return str(obj.from_contact.uid) if obj.from_contact_id else None

    @staticmethod
    def resolve_acknowledged_stage1(obj: Any) -> dt.datetime | None:
        return obj.acknowledged1_at

    @staticmethod
    def resolve_acknowledged_stage2(obj: Any) -> dt.datetime | None:
        return obj.acknowledged2_at

    @staticmethod
    def resolve_extended_stage1_to(obj: Any) -> dt.date | None:
        return obj.extended1_to

    @staticmethod
    def resolve_extended_stage2_to(obj: Any) -> dt.date | None:
        return obj.extended2_to

    @staticmethod
    def resolve_escalated(obj: Any) -> dt.datetime | None:
        return obj.escalated_at

    @staticmethod
    def resolve_answered_stage1(obj: Any) -> dt.datetime | None:
        return obj.answered1_at

    @staticmethod
    def resolve_answered_stage2(obj: Any) -> dt.datetime | None:
        return obj.answered2_at

    @staticmethod
    def resolve_refused(obj: Any) -> dt.datetime | None:
        return obj.refused_at

    @staticmethod
    def resolve_refusal_code(obj: Any) -> str | None:
        return obj.refusal_code or None

    @staticmethod
    def resolve_officer(obj: Any) -> str | None:
        return obj.officer.username if obj.officer_id else None

    @staticmethod
    def resolve_stage1_officer(obj: Any) -> str | None:
        return obj.stage1_officer.username if obj.stage1_officer_id else None

    @staticmethod
    def resolve_stage2_officer(obj: Any) -> str | None:
        return obj.stage2_officer.username if obj.stage2_officer_id else None
