"""What the API accepts for permissions (`...In`) and returns (`...Out`): separate, even where
alike. Inputs refuse fields they do not know; outputs name related records by their human
reference. Served by `doorstep/api/routers/permits.py` (permits never import the API).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.permits.choices import Subject
from doorstep.timeline.models import Channel
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

TEXT = 5000


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class PetDetailsIn(In):
    species: str = Field("", max_length=60, description="What kind of animal: dog, cat, ...")
    number: int | None = Field(None, ge=1, le=50, description="How many")
    description: str = Field("", max_length=200, description="Breed, size, name")


class AlterationDetailsIn(In):
    what: str = Field("", max_length=TEXT, description="What the tenant wants to do")
    where: str = Field("", max_length=200, description="Where in the home")


class PermitIn(WhenIn):
    """A tenant's request for permission, from any channel."""

    subject: Subject = Field(description="pet, alteration or other")
    detail: str = Field(min_length=1, max_length=TEXT, description="In the tenant's words")
    pet: PetDetailsIn | None = Field(None, description="Required for a pet: species and how many")
    alteration: AlterationDetailsIn | None = Field(None, description="Required for an alteration")
    channel: Channel = Field(Channel.PHONE, description="How the request came in")


class PermitDecideIn(WhenIn):
    outcome: Literal["granted", "granted_with_conditions", "refused", "withdrawn"] = Field(
        description="A pending request: granted, granted_with_conditions (at least one "
        "condition) or refused (with a reason). A permission granted: withdrawn (with a reason)."
    )
    conditions: list[str] = Field(default_factory=list, max_length=50)
    reason: str = Field("", max_length=TEXT, description="Required for a refusal or withdrawal")
    review_on: dt.date | None = Field(None, description="When to review a permission granted")


class PermitWithdrawIn(WhenIn):
    reason: str = Field(min_length=1, max_length=TEXT, description="As the tenant is told it")


class PermitOut(Schema):
    case: str
    household: str
    tenancy: str | None
    requested_on: dt.date
    subject: str = Field(description="pet, alteration or other")
    detail: str
    pet: dict[str, Any] | None = Field(description="species, number, description")
    alteration: dict[str, Any] | None = Field(description="what, where")
    status: str = Field(
        description="pending, granted, granted_with_conditions, refused, withdrawn, or decided "
        "(an imported outcome in its own words)"
    )
    outcome: str | None
    conditions: list[str]
    reason: str
    decided_on: dt.date | None
    review_on: dt.date | None
    withdrawn_on: dt.date | None
    withdrawal_reason: str

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.reference)

    @staticmethod
    def resolve_household(obj: Any) -> str:
        return str(obj.household.reference)

    @staticmethod
    def resolve_tenancy(obj: Any) -> str | None:
        return obj.tenancy.reference if obj.tenancy_id else None

    @staticmethod
    def resolve_pet(obj: Any) -> dict[str, Any] | None:
        if obj.subject != Subject.PET:
            return None
        return {
            "species": obj.pet_species or None,
            "number": obj.pet_number,
            "description": obj.pet_description or None,
        }

    @staticmethod
    def resolve_alteration(obj: Any) -> dict[str, Any] | None:
        if obj.subject != Subject.ALTERATION:
            return None
        return {"what": obj.alteration_what or None, "where": obj.alteration_where or None}

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        return obj.outcome or None


class PetCheckOut(Schema):
    """The pet permissions on record for a household, and whether one was in force on a day."""

    household: str
    on: dt.date | None = Field(description="The day checked (a report's day), or null: now")
    in_force: bool
    words: str = Field(description="The verdict in one sentence, as the pages show it")
    conditions: list[str] = Field(description="The conditions of the permissions in force")
    not_covered: list[dict[str, Any]] = Field(
        description="Animals the report's words name beyond what the permissions cover"
    )
    permissions: list[PermitOut] = Field(description="Every pet permission on record")
