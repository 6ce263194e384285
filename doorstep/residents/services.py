"""Writing people, households and tenancies. Each change is also an event on the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.properties.choices import DWELLING_KINDS
from doorstep.properties.models import Property
from doorstep.residents.choices import ThirdPartyScope
from doorstep.residents.models import (
    ContactPreference,
    Household,
    HouseholdMember,
    Person,
    ReasonableAdjustment,
    Tenancy,
    ThirdPartyAuthority,
)
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel
from doorstep.timeline.services import EventDraft, draft_append
from doorstep.timeline.when import When

NOT_A_HOME = "A household lives in a flat, maisonette, house or bungalow, not a {kind}."
ALREADY_MEMBER = "{person} is already a member of {household}."
TENANT_NOT_MEMBER = "Each tenant must be a member of the household: {person} is not."
TENANCY_DATES = "A tenancy cannot end before it starts."
TENANCY_ALREADY_ENDED = "Tenancy {tenancy} has already ended."
NO_SCOPE = "Say what the third party may act on."
CONSENT_BY_NON_MEMBER = "Consent must come from a member of the household."
ALREADY_WITHDRAWN = "That authority was already withdrawn."


def _draft(
    *,
    household: Household,
    kind: str,
    data: dict[str, Any],
    actor: Model | None,
    at: dt.datetime,
    summary: str = "",
    channel: str = Channel.INTERNAL,
) -> EventDraft:
    return EventDraft(
        kind=kind,
        occurred=When.at(at),
        recorded_at=at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=channel,
        data=data,
        summary=summary,
        household=household,
        property=household.property,
    )


def person_create(*, full_name: str, at: dt.datetime, **fields: Any) -> Person:
    """A person on the landlord's record. Not yet in any household."""
    return Person.objects.create(
        reference=next_reference("PER", at.year),
        full_name=full_name.strip(),
        created_at=at,
        **fields,
    )


@transaction.atomic
def household_create(*, actor: Model | None, property: Property, at: dt.datetime) -> Household:
    """Open the record of a household living at a home."""
    if property.kind not in DWELLING_KINDS:
        raise DomainError(
            NOT_A_HOME.format(kind=property.get_kind_display().lower()), field="property"
        )
    household = Household.objects.create(
        reference=next_reference("HH", at.year), property=property, created_at=at
    )
    draft_append(household_created_draft(household, actor=actor, at=at))
    return household


def household_created_draft(
    household: Household, *, actor: Model | None, at: dt.datetime
) -> EventDraft:
    """The `household.created` event of a household just opened (the bulk loader's too)."""
    return _draft(
        household=household,
        kind="household.created",
        actor=actor,
        at=at,
        data={"property": household.property.reference},
        summary=f"Household record opened at {household.property.address}",
    )


@transaction.atomic
def household_member_add(
    *,
    actor: Model | None,
    household: Household,
    person: Person,
    relationship: str,
    at: dt.datetime,
    joined_on: dt.date | None = None,
) -> HouseholdMember:
    if household.members.filter(person=person).exists():
        raise DomainError(ALREADY_MEMBER.format(person=person, household=household), field="person")
    member = HouseholdMember.objects.create(
        household=household, person=person, relationship=relationship, joined_on=joined_on
    )
    draft_append(member_added_draft(member, actor=actor, at=at))
    return member


def member_added_draft(
    member: HouseholdMember, *, actor: Model | None, at: dt.datetime
) -> EventDraft:
    """The `household.member_added` event of a member just added (the bulk loader's too)."""
    person = member.person
    return _draft(
        household=member.household,
        kind="household.member_added",
        actor=actor,
        at=at,
        data={
            "person": person.reference,
            "relationship": member.relationship,
            "name": person.full_name,
        },
        summary=f"{person.full_name} added to the household ({member.get_relationship_display()})",
    )


@transaction.atomic
def tenancy_start(
    *,
    actor: Model | None,
    household: Household,
    tenants: list[Person],
    at: dt.datetime,
    tenure: str = "",
    start: dt.date | None = None,
    rent_weekly: Decimal | None = None,
    end: dt.date | None = None,
) -> Tenancy:
    """Record a tenancy of the household's home. `start` may be unknown in legacy records;
    `end` is for a tenancy recorded after it ended (a migrated record): the ending itself is
    the record's own `tenancy.ended` event, if it has one."""
    if start and end and end < start:
        raise DomainError(TENANCY_DATES, field="end")
    member_ids = set(household.members.values_list("person_id", flat=True))
    for tenant in tenants:
        if tenant.pk not in member_ids:
            raise DomainError(TENANT_NOT_MEMBER.format(person=tenant), field="tenants")
    tenancy = Tenancy.objects.create(
        reference=next_reference("TEN", at.year),
        household=household,
        property=household.property,
        tenure=tenure,
        start=start,
        end=end,
        rent_weekly=rent_weekly,
    )
    tenancy.tenants.set(tenants)
    draft_append(tenancy_started_draft(tenancy, tenants, actor=actor, at=at))
    return tenancy


def tenancy_started_draft(
    tenancy: Tenancy, tenants: Sequence[Person], *, actor: Model | None, at: dt.datetime
) -> EventDraft:
    """The `tenancy.started` event of a tenancy just recorded (the bulk loader's too)."""
    return _draft(
        household=tenancy.household,
        kind="tenancy.started",
        actor=actor,
        at=at,
        data={
            "tenancy": tenancy.reference,
            "tenure": tenancy.tenure or None,
            "start": tenancy.start.isoformat() if tenancy.start else None,
            "end": tenancy.end.isoformat() if tenancy.end else None,
            "rent_weekly": float(tenancy.rent_weekly) if tenancy.rent_weekly is not None else None,
            "tenants": [t.reference for t in tenants],
        },
        summary=f"Tenancy {tenancy.reference} recorded",
    )


@transaction.atomic
def tenancy_end(
    *, actor: Model | None, tenancy: Tenancy, end: dt.date, reason: str, at: dt.datetime
) -> Tenancy:
    if tenancy.end is not None:
        raise DomainError(TENANCY_ALREADY_ENDED.format(tenancy=tenancy.reference), field="end")
    if tenancy.start and end < tenancy.start:
        raise DomainError(TENANCY_DATES, field="end")
    tenancy.end = end
    tenancy.save(update_fields=["end"])
    draft_append(
        _draft(
            household=tenancy.household,
            kind="tenancy.ended",
            actor=actor,
            at=at,
            data={"tenancy": tenancy.reference, "reason": reason, "end": end.isoformat()},
            summary=f"Tenancy {tenancy.reference} ended: {reason}",
        )
    )
    return tenancy


@transaction.atomic
def contact_preference_set(
    *,
    actor: Model | None,
    household: Household,
    person: Person,
    channel: str,
    at: dt.datetime,
    language: str = "English",
    notes: str = "",
) -> ContactPreference:
    pref, _ = ContactPreference.objects.update_or_create(
        person=person, defaults={"channel": channel, "language": language, "notes": notes}
    )
    draft_append(
        _draft(
            household=household,
            kind="person.contact_preference_set",
            actor=actor,
            at=at,
            data={
                "person": person.reference,
                "channel": channel,
                "language": language,
                "notes": notes,
            },
            summary=f"{person.full_name} prefers contact by {pref.get_channel_display().lower()}",
        )
    )
    return pref


@transaction.atomic
def adjustment_record(
    *,
    actor: Model | None,
    household: Household,
    person: Person,
    kind: str,
    detail: str,
    at: dt.datetime,
) -> ReasonableAdjustment:
    adjustment = ReasonableAdjustment.objects.create(
        person=person, kind=kind, detail=detail, recorded_on=at.date()
    )
    draft_append(
        _draft(
            household=household,
            kind="person.adjustment_recorded",
            actor=actor,
            at=at,
            data={"person": person.reference, "adjustment": kind, "detail": detail},
            summary=(
                f"Reasonable adjustment for {person.full_name}: {adjustment.get_kind_display()}"
            ),
        )
    )
    return adjustment


@transaction.atomic
def third_party_authorise(
    *,
    actor: Model | None,
    household: Household,
    third_party: Person,
    consent_given_by: Person,
    relationship: str,
    scope: list[str],
    at: dt.datetime,
    expires_on: dt.date | None = None,
) -> ThirdPartyAuthority:
    """Record a resident's consent for a third party to act for the household, in a scope."""
    if not scope:
        raise DomainError(NO_SCOPE, field="scope")
    if not household.members.filter(person=consent_given_by).exists():
        raise DomainError(CONSENT_BY_NON_MEMBER, field="consent_given_by")
    scope = [ThirdPartyScope(s).value for s in scope]
    authority = ThirdPartyAuthority.objects.create(
        household=household,
        third_party=third_party,
        consent_given_by=consent_given_by,
        relationship=relationship,
        scope=scope,
        consent_given_on=at.date(),
        expires_on=expires_on,
    )
    draft_append(
        _draft(
            household=household,
            kind="third_party.authorised",
            actor=actor,
            at=at,
            data={
                "third_party": third_party.reference,
                "consent_given_by": consent_given_by.reference,
                "relationship": relationship,
                "scope": scope,
                "expires_on": expires_on.isoformat() if expires_on else None,
            },
            summary=f"{third_party.full_name} ({relationship}) authorised by "
            f"{consent_given_by.full_name} for: {', '.join(authority.scope_labels())}",
        )
    )
    return authority


@transaction.atomic
def third_party_withdraw(
    *, actor: Model | None, authority: ThirdPartyAuthority, reason: str, at: dt.datetime
) -> ThirdPartyAuthority:
    if authority.withdrawn_on is not None:
        raise DomainError(ALREADY_WITHDRAWN)
    authority.withdrawn_on = at.date()
    authority.save(update_fields=["withdrawn_on"])
    draft_append(
        _draft(
            household=authority.household,
            kind="third_party.withdrawn",
            actor=actor,
            at=at,
            data={"third_party": authority.third_party.reference, "reason": reason},
            summary=f"Authority for {authority.third_party.full_name} withdrawn",
        )
    )
    return authority
