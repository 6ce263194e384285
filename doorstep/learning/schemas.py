"""What the API accepts for learning (`...In`) and returns (`...Out`). Served by
`doorstep/api/routers/learning.py` (this app never imports the API)."""

from __future__ import annotations

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.learning.models import Learning
from doorstep.learning.selectors import Missing
from doorstep.timeline.schemas import In, when_text


class LearningIn(In):
    """What the landlord will change beyond the case, learned from `source`."""

    source: uuid.UUID = Field(
        description="uid of the upheld complaint response, or of the determination finding "
        "maladministration, it learns from"
    )
    change: str = Field(min_length=1, max_length=5000)
    owner: str = Field(min_length=1, description="Username of the member of staff who owns it")
    due: str = Field(description="When the change is due: YYYY-MM-DD, or YYYY-MM")

    _due = field_validator("due")(when_text)


class LearningDoneIn(In):
    evidence: str = Field(min_length=1, max_length=5000)


class LearningOut(Schema):
    ref: str
    case: str
    change: str
    owner: str
    due: str
    complaint_stage: int | None
    source: uuid.UUID
    recorded_on: dt.date
    done_on: dt.date | None
    done_evidence: str

    @staticmethod
    def resolve_case(obj: Learning) -> str:
        return obj.case.reference

    @staticmethod
    def resolve_owner(obj: Learning) -> str:
        return obj.owner_name

    @staticmethod
    def resolve_due(obj: Learning) -> str:
        return obj.due_text

    @staticmethod
    def resolve_source(obj: Learning) -> uuid.UUID:
        return obj.source_event.uid


class MissingOut(Schema):
    """An upheld complaint response, or a determination finding maladministration, with no
    learning recorded from it."""

    source: uuid.UUID
    case: str
    kind: str
    occurred: str
    what: str

    @staticmethod
    def resolve_source(obj: Missing) -> uuid.UUID:
        return obj.event.uid

    @staticmethod
    def resolve_case(obj: Missing) -> str:
        return obj.event.case.reference if obj.event.case else ""

    @staticmethod
    def resolve_kind(obj: Missing) -> str:
        return obj.event.kind

    @staticmethod
    def resolve_occurred(obj: Missing) -> str:
        return obj.event.occurred_text
