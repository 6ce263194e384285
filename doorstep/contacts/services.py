"""Recording contacts, and opening a case from one in a single step."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.core.errors import DomainError
from doorstep.residents.models import Household
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import event_append
from doorstep.timeline.when import When

BAD_DIRECTION = "A contact is either received ('in') or sent ('out')."
INTERNAL_CHANNEL = "A contact comes by phone, email, letter, visit, portal or in person."
CASE_OTHER_HOUSEHOLD = "That case belongs to another household."

CONTACT_CHANNELS = {
    Channel.PHONE,
    Channel.EMAIL,
    Channel.LETTER,
    Channel.VISIT,
    Channel.PORTAL,
    Channel.IN_PERSON,
}


@transaction.atomic
def contact_record(
    *,
    actor: Model | None,
    household: Household,
    direction: str,
    channel: str,
    party: str,
    text: str,
    occurred: When,
    at: dt.datetime,
    case: Case | None = None,
) -> Event:
    """Log a contact against the household and, where it concerns one, a case."""
    if direction not in ("in", "out"):
        raise DomainError(BAD_DIRECTION, field="direction")
    if channel not in CONTACT_CHANNELS:
        raise DomainError(INTERNAL_CHANNEL, field="channel")
    if case is not None and case.household_id not in (None, household.pk):
        raise DomainError(CASE_OTHER_HOUSEHOLD, field="case")
    kind = f"contact.{direction}"
    data = {"from" if direction == "in" else "to": party, "text": text}
    if case is not None:
        return record_on_case(
            case=case, kind=kind, actor=actor, at=at, occurred=occurred, channel=channel, data=data
        )
    return event_append(
        kind=kind,
        occurred=occurred,
        recorded_at=at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=channel,
        data=data,
        household=household,
        property=household.property,
    )


@transaction.atomic
def case_open_from_contact(
    *, actor: Model | None, contact: Event, case_type: str, title: str, at: dt.datetime
) -> Case:
    """Open a case from a contact that raised something new, keeping the link both ways:
    the case's opening names the contact, and the contact's text is copied onto the case."""
    household = contact.household
    case = case_open(
        actor=actor,
        case_type=case_type,
        title=title,
        at=at,
        household=household,
        property=contact.property,
        from_event=contact,
        channel=contact.channel,
    )
    record_on_case(
        case=case,
        kind="case.linked",
        actor=actor,
        at=at,
        data={
            "other": str(contact.uid),
            "reason": "Opened from this contact",
            "contact_text": contact.data.get("text", ""),
        },
        summary="Opened from a contact on the household's record",
    )
    return case
