"""Recording a landlord's own policy values and the days off its calendar does not yet know."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from doorstep.core.errors import DomainError
from doorstep.policy.choices import CalendarDayKind
from doorstep.policy.models import CalendarDay, PolicyOverride
from doorstep.policy.resolve import Override, check_override
from doorstep.timeline.actors import actor_name_of
from doorstep.workdays import calendar_for

NO_SOURCE = "Say where this value comes from (the policy document and paragraph)."
NO_DAY_SOURCE = "Say where this day comes from (the announcement, or the decision to close)."
NO_NAME = "Give the day's name, as announced (for example 'State Funeral of Queen Elizabeth II')."
BAD_KIND = "A day off is a bank holiday or a landlord closure."
NOT_A_WORKING_DAY = "{day} is not a working day anyway ({why}), so it changes no clock."
ALREADY_RECORDED = "{day} is already recorded as a {kind}: {name}."
ANNOUNCED_LATER_THAN_RECORDED = (
    "The announcement date, {announced}, is after today ({today}): record it once announced."
)
ANNOUNCED_AFTER_THE_DAY = (
    "A day off is announced before it comes: {announced} is after {day}. A day already past "
    "changes no working-day count anyone relied on."
)

# Doorstep serves social landlords in England (the Complaint Handling Code and Awaab's Law
# are England's): the published calendar a recorded day is checked against is England's.
NATION = "england"


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


def _check_day(*, day: dt.date, kind: str, announced_on: dt.date, at: dt.datetime) -> None:
    if kind not in CalendarDayKind.values:
        raise DomainError(BAD_KIND, field="kind")
    why = calendar_for(NATION).why_not_working(day)
    if why is not None:
        raise DomainError(NOT_A_WORKING_DAY.format(day=day.isoformat(), why=why), field="day")
    if announced_on > at.date():
        raise DomainError(
            ANNOUNCED_LATER_THAN_RECORDED.format(
                announced=announced_on.isoformat(), today=at.date().isoformat()
            ),
            field="announced_on",
        )
    if announced_on > day:
        raise DomainError(
            ANNOUNCED_AFTER_THE_DAY.format(announced=announced_on.isoformat(), day=day.isoformat()),
            field="announced_on",
        )
    found = CalendarDay.objects.filter(day=day, kind=kind).first()
    if found is not None:
        raise DomainError(
            ALREADY_RECORDED.format(
                day=day.isoformat(), kind=found.get_kind_display().lower(), name=found.name
            ),
            field="day",
        )


@transaction.atomic
def calendar_day_record(
    *,
    actor: Any,
    day: dt.date,
    name: str,
    kind: str,
    announced_on: dt.date,
    source: str,
    at: dt.datetime,
) -> CalendarDay:
    """Add a bank holiday announced after the published calendar, or a landlord's closure day.
    It counts from `announced_on`: clocks that stopped before then keep their due dates, and
    running clocks are recomputed (`workdays.calendar_as_known`)."""
    if not name.strip():
        raise DomainError(NO_NAME, field="name")
    if not source.strip():
        raise DomainError(NO_DAY_SOURCE, field="source")
    _check_day(day=day, kind=kind, announced_on=announced_on, at=at)
    return CalendarDay.objects.create(
        day=day,
        name=name.strip(),
        kind=kind,
        announced_on=announced_on,
        source=source.strip(),
        recorded_at=at,
        recorded_by=actor,
        recorded_by_name=actor_name_of(actor),
    )
