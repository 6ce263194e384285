"""Recording a landlord's own policy values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.core.errors import DomainError
from doorstep.policy.models import PolicyOverride
from doorstep.policy.resolve import Override, check_override
from doorstep.timeline.actors import actor_name_of

NO_SOURCE = "Say where this value comes from (the policy document and paragraph)."


def policy_override_record(
    *,
    actor: Any,
    key: str,
    value: Any,
    source: str,
    at: dt.datetime,
    effective_from: dt.date | None,
) -> PolicyOverride:
    """Set the landlord's own value for `key` from a date. Earlier values stay on record and
    keep judging the cases whose clocks started while they were in force."""
    if not source.strip():
        raise DomainError(NO_SOURCE, field="source")
    try:
        check_override(Override(key, value, effective_from, source))
    except (KeyError, ValueError) as exc:
        raise DomainError(
            str(exc.args[0]), field="value" if isinstance(exc, ValueError) else "key"
        ) from exc
    return PolicyOverride.objects.create(
        key=key,
        value=value,
        effective_from=effective_from,
        source=source.strip(),
        recorded_at=at,
        recorded_by=actor,
        recorded_by_name=actor_name_of(actor),
    )
