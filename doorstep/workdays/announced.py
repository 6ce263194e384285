"""The calendar as it was known on a date: days announced after the `holidays` package's data.

A bank holiday is sometimes announced with little notice (the State Funeral of Queen Elizabeth
II, 19 September 2022, was announced on 10 September), and a landlord decides its own closure
days as it goes. Each such day carries the date it was announced. `calendar_as_known` gives the
calendar a person could have used on a date: the package's bank holidays, plus every announced
day whose announcement was on or before it. The clock engine uses it so that a clock that had
already stopped keeps the due date it had, while a running clock is recomputed.

Pure: no Django. The landlord's recorded days live in `doorstep.policy.models.CalendarDay`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from doorstep.workdays.calendar import Calendar


class DayKind(StrEnum):
    """A bank holiday announced after the package's data, or the landlord's own closure day."""

    BANK_HOLIDAY = "bank_holiday"
    CLOSURE = "closure"


@dataclass(frozen=True)
class AnnouncedDay:
    """A day off that was not in the calendar until `announced_on`."""

    day: dt.date
    name: str
    kind: DayKind
    announced_on: dt.date

    def known_on(self, on: dt.date) -> bool:
        return self.announced_on <= on


def known_days(announced: Iterable[AnnouncedDay], on: dt.date) -> tuple[AnnouncedDay, ...]:
    """The announced days a person could have known of on `on`, in date order."""
    return tuple(sorted((a for a in announced if a.known_on(on)), key=lambda a: a.day))


def calendar_as_known(base: Calendar, announced: Iterable[AnnouncedDay], on: dt.date) -> Calendar:
    """`base` plus the announced days known on `on`: bank holidays join `extra`, closures join
    `closures`. Where none is known yet, `base` itself."""
    known = known_days(announced, on)
    if not known:
        return base
    extra = dict(base.extra)
    closures = dict(base.closures)
    for found in known:
        target = extra if found.kind is DayKind.BANK_HOLIDAY else closures
        target[found.day] = found.name
    return Calendar(nation=base.nation, closures=closures, extra=extra)
