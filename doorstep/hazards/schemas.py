"""What the API accepts for hazards (`...In`) and returns (`...Out`): separate, even where alike.

Inputs refuse fields they do not know; outputs name related records by their human reference.
Served by `doorstep/api/routers/hazards.py` (hazards never import the API).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.hazards.choices import DecantDecision, Severity
from doorstep.hazards.selectors import case_prioritised
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class HazardIn(WhenIn):
    """A hazard reported in a household's home: a new hazard case, or on the hazard case given."""

    household: str | None = Field(None, description="Reference of the household")
    case: str | None = Field(None, description="Reference of an open hazard case to add it to")
    hazard: str = Field(
        min_length=1,
        max_length=40,
        description="One of the 29 HHSRS hazards by its snake_case name (damp_mould, "
        "excess_cold, fire, electrical, falls_stairs...); an unknown name is refused listing them",
    )
    location: str = Field(min_length=1, max_length=200, description="e.g. 'bathroom ceiling'")
    description: str = Field(min_length=1, max_length=5000)
    channel: Channel = Field(Channel.INTERNAL, description="How the hazard was reported")
    from_contact: uuid.UUID | None = Field(
        None, description="uid of the contact (contact.in) the hazard was reported in"
    )


class AssessIn(WhenIn):
    severity: Severity
    cause: str = Field(min_length=1, max_length=5000)


class MadeSafeIn(WhenIn):
    pass


class SummaryIn(WhenIn):
    to: str = Field(min_length=1, max_length=200, description="Who the summary was sent to")
    document: str | None = Field(
        None, description="Reference of the letter, already uploaded to the case's documents"
    )


class DecantConsiderIn(In):
    decision: DecantDecision
    reason: str = Field(min_length=1, max_length=5000)


class DecantStartIn(In):
    reason: str = Field(min_length=1, max_length=5000)
    where: str = Field(min_length=1, max_length=200)


class DecantEndIn(In):
    reason: str = Field(min_length=1, max_length=5000)


class HazardOut(Schema):
    id: int
    case: str
    household: str | None
    hazard: str = Field(description="The HHSRS hazard's snake_case name")
    hazard_name: str
    location: str
    description: str
    reported: dt.datetime
    severity: str | None
    cause: str
    assessed: dt.datetime | None
    made_safe: dt.datetime | None
    summary_sent: dt.datetime | None
    summary_sent_to: str
    summary_document: str | None
    decant: str = Field(description="'' (not considered), offered, not_needed, declined, ...")
    decant_reason: str
    decant_where: str
    prioritised: bool = Field(
        description="Damp and mould in a home with a vulnerability on the register"
    )

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str | None:
        return obj.case.household.reference if obj.case.household else None

    @staticmethod
    def resolve_hazard_name(obj: Any) -> str:
        return str(obj.get_hazard_display())

    @staticmethod
    def resolve_reported(obj: Any) -> dt.datetime:
        return obj.reported_at

    @staticmethod
    def resolve_severity(obj: Any) -> str | None:
        return obj.severity or None

    @staticmethod
    def resolve_assessed(obj: Any) -> dt.datetime | None:
        return obj.assessed_at

    @staticmethod
    def resolve_made_safe(obj: Any) -> dt.datetime | None:
        return obj.made_safe_at

    @staticmethod
    def resolve_summary_sent(obj: Any) -> dt.datetime | None:
        return obj.summary_sent_at

    @staticmethod
    def resolve_summary_document(obj: Any) -> str | None:
        return obj.summary_document.reference if obj.summary_document else None

    @staticmethod
    def resolve_prioritised(obj: Any) -> bool:
        return case_prioritised(case=obj.case)
