"""Event kinds for people, households and tenancies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import Field

from doorstep.residents.choices import AdjustmentKind, ContactChannel, Relationship, ThirdPartyScope
from doorstep.timeline.kinds import EventKind, Payload, register


class HouseholdCreatedPayload(Payload):
    property: str = Field(min_length=1)


@register
class HouseholdCreated(EventKind):
    """The landlord opened a record for a household living at a property."""

    kind = "household.created"
    label = "Household record opened"
    payload = HouseholdCreatedPayload
    example = {"property": "PRP-2024-000001"}
    invalid_example = {"property": ""}


class MemberPayload(Payload):
    person: str = Field(min_length=1)
    relationship: Relationship


@register
class MemberAdded(EventKind):
    """A person joined the household (moved in, was born, or was first recorded)."""

    kind = "household.member_added"
    label = "Household member added"
    payload = MemberPayload
    example = {"person": "PER-2024-000001", "relationship": "child"}
    invalid_example = {"person": "PER-2024-000001", "relationship": "cousin twice removed"}

    @classmethod
    def sentence(cls, data: Mapping[str, Any], summary: str) -> str:
        return summary or f"{data.get('name', data.get('person'))} added to the household"


class TenancyStartedPayload(Payload):
    tenancy: str = Field(min_length=1)
    tenure: str | None = None
    start: dt.date | None = None
    rent_weekly: float | None = Field(default=None, ge=0)
    tenants: list[str] = Field(default_factory=list)  # a legacy record may name none
    end: dt.date | None = None


@register
class TenancyStarted(EventKind):
    """A tenancy began, or was first recorded, with its tenure, start date and rent."""

    kind = "tenancy.started"
    label = "Tenancy started"
    payload = TenancyStartedPayload
    example = {
        "tenancy": "TEN-2024-000001",
        "tenure": "assured",
        "start": "2018-04-30",
        "rent_weekly": 108.25,
        "tenants": ["PER-2024-000001"],
    }
    invalid_example = {"tenancy": "TEN-2024-000001", "tenants": [], "rent_weekly": -1}


class TenancyEndedPayload(Payload):
    tenancy: str = Field(min_length=1)
    reason: str | None = ""


@register
class TenancyEnded(EventKind):
    """A tenancy ended (notice, transfer, death, eviction...)."""

    kind = "tenancy.ended"
    label = "Tenancy ended"
    payload = TenancyEndedPayload
    example = {"tenancy": "T1", "reason": "Transferred to another home"}
    invalid_example = {"reason": "no tenancy named"}


class ContactPreferencePayload(Payload):
    person: str = Field(min_length=1)
    channel: ContactChannel
    language: str = ""
    notes: str = ""


@register
class ContactPreferenceSet(EventKind):
    """A person said how they want to be contacted."""

    kind = "person.contact_preference_set"
    label = "Contact preference recorded"
    payload = ContactPreferencePayload
    example = {"person": "PER-2024-000001", "channel": "email", "language": "English"}
    invalid_example = {"person": "PER-2024-000001", "channel": "pigeon"}


class AdjustmentPayload(Payload):
    person: str = Field(min_length=1)
    adjustment: AdjustmentKind
    detail: str = ""


@register
class AdjustmentRecorded(EventKind):
    """A reasonable adjustment the landlord will make for a person (Equality Act 2010 s.20).
    Its detail can reveal health, so it is special category data."""

    kind = "person.adjustment_recorded"
    label = "Reasonable adjustment recorded"
    payload = AdjustmentPayload
    special_category_fields = ("detail",)
    example = {"person": "PER-2024-000001", "adjustment": "large_print", "detail": "Sight loss"}
    invalid_example = {"person": "PER-2024-000001", "adjustment": "telepathy"}


class AuthorisedPayload(Payload):
    third_party: str = Field(min_length=1)
    consent_given_by: str = Field(min_length=1)
    relationship: str = Field(min_length=1)
    scope: list[ThirdPartyScope] = Field(min_length=1)
    expires_on: dt.date | None = None


@register
class ThirdPartyAuthorised(EventKind):
    """A resident consented to a third party acting or being spoken to for the household."""

    kind = "third_party.authorised"
    label = "Third party authorised"
    payload = AuthorisedPayload
    example = {
        "third_party": "PER-2024-000002",
        "consent_given_by": "PER-2024-000001",
        "relationship": "support worker",
        "scope": ["repairs", "moves"],
    }
    invalid_example = {
        "third_party": "PER-2024-000002",
        "consent_given_by": "PER-2024-000001",
        "relationship": "support worker",
        "scope": [],
    }


class WithdrawnPayload(Payload):
    third_party: str = Field(min_length=1)
    reason: str = ""


@register
class ThirdPartyWithdrawn(EventKind):
    """A resident withdrew a third party's authority. The consent's history is kept."""

    kind = "third_party.withdrawn"
    label = "Third party authority withdrawn"
    payload = WithdrawnPayload
    example = {"third_party": "PER-2024-000002", "reason": "No longer supported"}
    invalid_example = {"reason": "nobody named"}
