"""Writes the API makes of its own: the intake log, and adding an entry to a case's timeline.

`case_entry_append` chooses among the entries a caller may add to a case (a note, a contact,
a correction) and applies the rules that choice carries; the event itself is written by
`cases.services.record_on_case`, which validates its data against the kind registry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Model

from doorstep.api.models import IntakeRecord
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.contacts.services import CONTACT_CHANNELS, INTERNAL_CHANNEL
from doorstep.core.errors import DomainError
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

# The kinds a caller may add to a case through the API; other kinds come from services
# (a case is opened or closed by its own operation, never by writing its event).
CASE_ENTRY_KINDS = ("note", "contact.in", "contact.out", "record.corrected")
CORRECTION_NAMES_NO_ENTRY = "A correction must name the entry it corrects (supersedes)."


def intake_record_keep(
    *,
    received_at: dt.datetime,
    request_id: uuid.UUID | None,
    method: str,
    path: str,
    content_type: str,
    body: str,
    body_encoding: str,
    user: User | None,
    idempotency_key: str,
    status_code: int,
    errors: list[dict[str, str]],
) -> IntakeRecord:
    """Keep one write request in the intake log, accepted or refused."""
    accepted = status_code < 400
    return IntakeRecord.objects.create(
        received_at=received_at,
        request_id=request_id,
        method=method[:8],
        path=path[:500],
        content_type=content_type[:200],
        body=body,
        body_encoding=body_encoding,
        user=user,
        user_name=actor_name_of(user) if user is not None else "",
        idempotency_key=idempotency_key[:200],
        outcome=IntakeRecord.Outcome.ACCEPTED if accepted else IntakeRecord.Outcome.REFUSED,
        status_code=status_code,
        errors=errors,
    )


def case_entry_append(
    *,
    actor: Model,
    case: Case,
    kind: str,
    data: dict[str, Any],
    at: dt.datetime,
    occurred: When | None = None,
    channel: str = "internal",
    summary: str = "",
    by: str = "",
    supersedes: Event | None = None,
) -> Event:
    """Add a note, a contact or a correction to a case's timeline.

    A contact comes by a real channel (phone, email...), never "internal"; a correction names
    the entry it corrects. The kind registry validates `data`.
    """
    if kind not in CASE_ENTRY_KINDS:
        raise DomainError(f"Add one of: {', '.join(CASE_ENTRY_KINDS)}.", field="kind")
    if kind.startswith("contact.") and channel not in CONTACT_CHANNELS:
        raise DomainError(INTERNAL_CHANNEL, field="channel")
    if kind == "record.corrected" and supersedes is None:
        raise DomainError(CORRECTION_NAMES_NO_ENTRY, field="supersedes")
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
