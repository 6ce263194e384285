"""Recording contacts, opening a case from one in a single step, and adding an entry (a note,
a contact or a correction) to a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import (
    CONTACT_WRONG_HOUSEHOLD,
    NOTE_EMPTY,
    case_open,
    record_on_case,
)
from doorstep.core.errors import DomainError
from doorstep.residents.models import Household
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.services import event_append
from doorstep.timeline.when import When

BAD_DIRECTION = "A contact is either received ('in') or sent ('out')."
INTERNAL_CHANNEL = "A contact comes by phone, email, letter, visit, portal or in person."
CASE_OTHER_HOUSEHOLD = "That case belongs to another household."
CORRECTION_NAMES_NO_ENTRY = "A correction must name the entry it corrects (supersedes)."
CONTACT_EMPTY = "Write down what was said or written: the words are the record."

# The kinds anyone may add to a case as an entry; the others come from their own services
# (a case is opened or closed by `case_open`/`case_close`, never by writing its event).
CASE_ENTRY_KINDS = ("note", "contact.in", "contact.out", "record.corrected")
NOT_A_CASE_ENTRY = f"Add one of: {', '.join(CASE_ENTRY_KINDS)}."

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
    if not (text or "").strip():
        raise DomainError(CONTACT_EMPTY, field="text")
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
    *,
    actor: Model | None,
    contact: Event,
    case_type: str,
    title: str,
    at: dt.datetime,
    household: Household | None = None,
) -> Case:
    """Open a case from a contact that raised something new, keeping the link both ways:
    the case's opening names the contact, and the contact's text is copied onto the case.

    The case is for the contact's household; a caller that also names the household (the API)
    is refused if the contact was recorded for another one. `case_open` refuses anything but a
    contact, and a contact that already opened a case.
    """
    if household is not None and contact.household_id != household.pk:
        raise DomainError(CONTACT_WRONG_HOUSEHOLD, field="from_event")
    case = case_open(
        actor=actor,
        case_type=case_type,
        title=title,
        at=at,
        household=contact.household,
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


@transaction.atomic
def case_entry_add(
    *,
    actor: Model | None,
    case: Case,
    kind: str,
    data: dict[str, Any],
    at: dt.datetime,
    occurred: When | None = None,
    channel: str = Channel.INTERNAL,
    summary: str = "",
    by: str = "",
    supersedes: Event | None = None,
) -> Event:
    """Add a note, a contact (received or sent) or a correction to a case's timeline.

    A contact comes by a real channel (phone, email...), never "internal"; a correction names
    the entry it corrects, which stays on the record. The kind registry validates `data`.
    """
    if kind not in CASE_ENTRY_KINDS:
        raise DomainError(NOT_A_CASE_ENTRY, field="kind")
    if kind.startswith("contact.") and channel not in CONTACT_CHANNELS:
        raise DomainError(INTERNAL_CHANNEL, field="channel")
    if kind == "record.corrected" and supersedes is None:
        raise DomainError(CORRECTION_NAMES_NO_ENTRY, field="supersedes")
    if kind == "note" and not str(data.get("text") or "").strip():
        raise DomainError(NOTE_EMPTY, field="data.text")
    if kind.startswith("contact.") and not str(data.get("text") or "").strip():
        raise DomainError(CONTACT_EMPTY, field="data.text")
    return record_on_case(
        case=case,
        kind=kind,
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=summary,
        channel=channel,
        by=by,
        supersedes=supersedes,
    )
