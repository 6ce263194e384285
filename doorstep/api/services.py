"""Writes the API makes of its own: the intake log.

Every other write is a domain service (entries on a case: `contacts.services.case_entry_add`);
the API only chooses which to call.
"""

from __future__ import annotations

import datetime as dt
import uuid

from doorstep.api.models import IntakeRecord
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of


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
