"""Policy: the values in force on any date, and a manager's own value for a key."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import PolicyOut, PolicyOverrideIn, PolicyOverrideOut, responds
from doorstep.policy.selectors import override_recorded, policy_on
from doorstep.policy.services import policy_override_record

router = Router(tags=["policy"])


@router.get(
    "/policy", response=responds(200, PolicyOut), auth=requires("policy.view_policyoverride")
)
def policy_read(
    request: HttpRequest,
    on: dt.date | None = Query(None, description="YYYY-MM-DD; default: today"),  # noqa: B008
) -> Any:
    """Every policy key in force on `on` (default: today), with its unit, source, the date it
    took effect and whether it is the landlord's own; the days off announced by then; and
    Awaab's Law's phases."""
    return policy_on(on=on or timezone.localdate(received_at(request)))


def _recorded(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return override_recorded(by=caller(request), at=first.received_at)


@router.post(
    "/policy/overrides",
    response=responds(201, PolicyOverrideOut),
    auth=requires("policy.add_policyoverride"),
)
@idempotent(_recorded)
def policy_override_create(request: HttpRequest, payload: PolicyOverrideIn) -> Any:
    """Record the landlord's own value for a key from a date. Earlier values stay on record
    and keep judging the cases whose clocks started while they were in force; a statutory
    value cannot be overridden."""
    override = policy_override_record(
        actor=caller(request),
        key=payload.key.strip(),
        value=payload.value,
        source=payload.source,
        effective_from=payload.effective_from,
        at=received_at(request),
    )
    return Status(201, override)
