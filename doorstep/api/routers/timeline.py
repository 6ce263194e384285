"""The timeline: a case's or a household's history, adding an entry to a case, and recording
a contact on a household's record before (or without) any case.

Data a kind declares special category (health, disability...) is shown redacted unless the
caller's role may read vulnerability detail.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import (
    ContactIn,
    EntryIn,
    EventOut,
    EventPageOut,
    PageIn,
    Reference,
    responds,
)
from doorstep.contacts.services import case_entry_add, contact_record
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

router = Router(tags=["timeline"])


@router.get(
    "/cases/{reference}/events",
    response=responds(200, EventPageOut),
    auth=requires("timeline.view_event"),
)
def case_event_list(request: HttpRequest, reference: Reference, page: Query[PageIn]) -> Any:
    """The case's history, in the order things happened."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    return selectors.event_page(
        events=selectors.case_events(case=case),
        user=user,
        limit=page.limit,
        offset=page.offset,
        purpose=f"API: timeline of case {reference}",
        at=received_at(request),
    )


@router.get(
    "/households/{reference}/events",
    response=responds(200, EventPageOut),
    auth=requires("timeline.view_event"),
)
def household_event_list(request: HttpRequest, reference: Reference, page: Query[PageIn]) -> Any:
    """The household's history, in the order things happened."""
    user = caller(request)
    household = selectors.household_for(user=user, reference=reference)
    return selectors.event_page(
        events=selectors.household_events_for(user=user, household=household),
        user=user,
        limit=page.limit,
        offset=page.offset,
        purpose=f"API: timeline of household {reference}",
        at=received_at(request),
    )


def _recorded(request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any) -> Event:
    case = selectors.case_for(user=caller(request), reference=reference)
    return only(
        selectors.entry_recorded_by(user=caller(request), case=case, moment=first.received_at)
    )


@router.post(
    "/cases/{reference}/events",
    response=responds(201, EventOut),
    auth=requires("timeline.add_event"),
)
@idempotent(_recorded)
def case_event_create(request: HttpRequest, reference: Reference, payload: EntryIn) -> Any:
    """Add a note, a contact (`contact.in`, `contact.out`) or a correction to the case.

    A correction (`record.corrected`, or any entry with `supersedes`) names the entry it
    corrects by its uid; the entry corrected stays on the record.
    """
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    supersedes = (
        selectors.entry_named(user=user, case=case, uid=payload.supersedes)
        if payload.supersedes
        else None
    )
    event = case_entry_add(
        actor=user,
        case=case,
        kind=payload.kind,
        data=payload.data,
        occurred=payload.when(),
        channel=payload.channel,
        summary=payload.summary,
        by=payload.by,
        supersedes=supersedes,
        at=received_at(request),
    )
    return Status(201, event)


def _contact_recorded(
    request: HttpRequest, first: IntakeRecord, reference: Reference, **_: Any
) -> Event:
    household = selectors.household_record_for(user=caller(request), reference=reference)
    return only(
        selectors.contact_recorded_by(
            user=caller(request), household=household, moment=first.received_at
        )
    )


@router.post(
    "/households/{reference}/contacts",
    response=responds(201, EventOut),
    auth=requires("timeline.add_event"),
)
@idempotent(_contact_recorded)
def household_contact_create(request: HttpRequest, reference: Reference, payload: ContactIn) -> Any:
    """Record a contact received or sent for the household, on no case: it is on the record
    the moment it arrives. A case can then be opened from it (`POST /cases`, `from_contact`)."""
    user = caller(request)
    household = selectors.household_record_for(user=user, reference=reference)
    event = contact_record(
        actor=user,
        household=household,
        direction=payload.direction,
        channel=payload.channel,
        party=payload.party,
        text=payload.text,
        occurred=payload.when() or When.at(received_at(request)),
        at=received_at(request),
    )
    return Status(201, event)
