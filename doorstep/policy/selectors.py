"""The policy in force on a date, defaults and overrides together, and the calendar days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from doorstep.policy.awaab import PHASES, Phase
from doorstep.policy.defaults import BAND_PREFIX, BY_KEY, KEYS, PolicyKey, Unit
from doorstep.policy.models import CalendarDay, PolicyOverride
from doorstep.policy.resolve import Override, Resolved, resolve
from doorstep.workdays import AnnouncedDay, DayKind


def overrides_all() -> list[Override]:
    return [
        Override(o.key, o.value, o.effective_from, o.source)
        for o in PolicyOverride.objects.order_by("recorded_at", "pk")
    ]


def policy_in_force(*, on: dt.date) -> list[Resolved]:
    """Every key's value on a date: what a staff page and the API show."""
    return _in_force(on, overrides_all())


def _in_force(on: dt.date, overrides: list[Override]) -> list[Resolved]:
    out = []
    for definition in KEYS:
        try:
            out.append(resolve(definition.key, on, overrides))
        except LookupError:
            continue  # not yet in force on that date (Awaab's Law before 27 October 2025)
    bands = sorted({o.key for o in overrides if o.key.startswith(BAND_PREFIX)})
    for key in bands:
        try:
            out.append(resolve(key, on, overrides))
        except LookupError:
            continue
    return out


@dataclass(frozen=True)
class PolicyRow:
    """One key as a person reads it on a date: its value (None: not set, or not in force),
    unit, meaning, and where the value comes from."""

    key: str
    unit: Unit
    meaning: str
    overridable: bool
    resolved: Resolved | None

    @property
    def in_force(self) -> bool:
        return self.resolved is not None and self.resolved.value is not None

    @property
    def value(self) -> Any:
        return self.resolved.value if self.resolved else None


@dataclass(frozen=True)
class PolicyOn:
    """The whole policy on a date: every key, the days off announced by then, Awaab's Law's
    phases."""

    on: dt.date
    rows: list[PolicyRow]
    calendar_days: list[CalendarDay]
    awaab_phases: tuple[Phase, ...]


def _row(definition: PolicyKey | None, key: str, found: Resolved | None) -> PolicyRow:
    if definition is None:  # a compensation band
        return PolicyRow(key, Unit.BAND, "A compensation band.", True, found)
    return PolicyRow(key, definition.unit, definition.meaning, definition.overridable, found)


def policy_on(*, on: dt.date) -> PolicyOn:
    """Every key (in force or not on `on`), and the calendar days known by then."""
    found = {r.key: r for r in policy_in_force(on=on)}
    rows = [_row(d, d.key, found.get(d.key)) for d in KEYS]
    rows += [_row(None, key, r) for key, r in found.items() if key not in BY_KEY]
    return PolicyOn(
        on=on,
        rows=rows,
        calendar_days=list(calendar_days_known(on=on)),
        awaab_phases=PHASES,
    )


def calendar_days_known(*, on: dt.date) -> QuerySet[CalendarDay]:
    """The days off announced on or before `on`, in date order."""
    return CalendarDay.objects.filter(announced_on__lte=on).order_by("day", "pk")


def announced_days() -> tuple[AnnouncedDay, ...]:
    """Every recorded day off, for the clock engine (`compute_clocks(announced=...)`), which
    counts each only from its announcement."""
    return tuple(
        AnnouncedDay(c.day, c.name, DayKind(c.kind), c.announced_on)
        for c in CalendarDay.objects.order_by("day", "pk")
    )


def override_recorded(*, by: Any, at: dt.datetime) -> QuerySet[PolicyOverride]:
    """The override `by` (a staff user: typed loosely, as the policy sits below `staff`)
    recorded in a request arriving at `at` (its service was given `at`)."""
    return PolicyOverride.objects.filter(recorded_at=at, recorded_by=by)
