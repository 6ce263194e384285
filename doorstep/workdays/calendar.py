"""The working-day calendar.

Weekends are counted arithmetically and holidays by bisecting a sorted list, so adding or
counting working days costs O(log n) whatever the span: nothing loops day by day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import holidays as holidays_lib

FIRST_YEAR = 1990
LAST_YEAR = 2100

NEGATIVE = "A number of working days cannot be negative ({n})."
OUT_OF_RANGE = f"Doorstep's calendar covers {FIRST_YEAR} to {LAST_YEAR}; {{day}} is outside it."


class Nation(StrEnum):
    """The UK nations, with the subdivision code the `holidays` package uses for each."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def subdivision(self) -> str:
        return {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}[
            self.value
        ]


def _weekdays_upto(ordinal: int) -> int:
    """How many Mondays to Fridays there are among ordinals 1..ordinal (ordinal 1 is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


@dataclass(frozen=True)
class NonWorkingDay:
    day: dt.date
    reason: str  # "Saturday", "Sunday", or the holiday's or closure's name


@dataclass(frozen=True)
class Calendar:
    """Working days for one nation, plus a landlord's own closure days.

    `extra` are holidays announced after the `holidays` package's data (a state funeral, a
    coronation): passing them in lets running clocks be recomputed and the change be seen.
    """

    nation: Nation = Nation.ENGLAND
    closures: Mapping[dt.date, str] = field(default_factory=dict)
    extra: Mapping[dt.date, str] = field(default_factory=dict)
    _names: dict[dt.date, str] = field(init=False, repr=False, compare=False)
    _closed: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = dict(_bank_holidays(self.nation))
        names.update(self.extra)
        names.update(self.closures)
        object.__setattr__(self, "_names", names)
        weekday_ordinals = sorted(d.toordinal() for d in names if d.weekday() < 5)
        object.__setattr__(self, "_closed", weekday_ordinals)

    # --- questions about one day -------------------------------------------------------------
    def is_working_day(self, day: dt.date) -> bool:
        self._check(day)
        return day.weekday() < 5 and day not in self._names

    def why_not_working(self, day: dt.date) -> str | None:
        """None on a working day; else 'Saturday', 'Sunday' or the holiday's name."""
        if day.weekday() >= 5:
            return "Saturday" if day.weekday() == 5 else "Sunday"
        return self._names.get(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def on_or_next_working_day(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    # --- counting ----------------------------------------------------------------------------
    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (day 1 is the first working day
        after the start). Negative when `end` is before `start`."""
        if end < start:
            return -self.working_days_between(end, start)
        self._check(start)
        self._check(end)
        a, b = start.toordinal(), end.toordinal()
        closed = self._closed
        holidays_in = bisect.bisect_right(closed, b) - bisect.bisect_right(closed, a)
        return _weekdays_upto(b) - _weekdays_upto(a) - holidays_in

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The `n`th working day after `start`; `start` itself when n is 0."""
        if n < 0:
            raise ValueError(NEGATIVE.format(n=n))
        if n == 0:
            return start
        # The answer lies between start + n days and a generous bound; binary search the first
        # day at which n working days have passed (that day is itself a working day).
        low = start.toordinal() + n
        high = start.toordinal() + 2 * n + 40
        while self.working_days_between(start, dt.date.fromordinal(high)) < n:
            high += n + 40
        while low < high:
            mid = (low + high) // 2
            if self.working_days_between(start, dt.date.fromordinal(mid)) >= n:
                high = mid
            else:
                low = mid + 1
        return dt.date.fromordinal(low)

    def non_working_days(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """Weekend days, bank holidays and closures after `start` up to and including `end`."""
        out = []
        day = start + dt.timedelta(days=1)
        while day <= end:
            reason = self.why_not_working(day)
            if reason:
                out.append(NonWorkingDay(day, reason))
            day += dt.timedelta(days=1)
        return out

    def holidays_between(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """Only the named days (holidays, closures) after `start` up to and including `end`,
        including those on a weekend (whose substitute day is listed separately)."""
        names = self._names
        return [NonWorkingDay(d, names[d]) for d in sorted(names) if start < d <= end]

    @staticmethod
    def add_hours(start: dt.datetime, hours: int) -> dt.datetime:
        """Emergency clocks run in elapsed hours, weekends and holidays included."""
        return start + dt.timedelta(hours=hours)

    def _check(self, day: dt.date) -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(OUT_OF_RANGE.format(day=day.isoformat()))


@lru_cache(maxsize=8)
def _bank_holidays(nation: Nation) -> tuple[tuple[dt.date, str], ...]:
    """Bank holidays for a nation, 1990-2100, from the `holidays` package (substitute days
    appear as '... (observed)')."""
    data = holidays_lib.country_holidays(
        "GB", subdiv=nation.subdivision, years=range(FIRST_YEAR, LAST_YEAR + 1)
    )
    return tuple(sorted(data.items()))


@lru_cache(maxsize=8)
def calendar_for(nation: str = "england") -> Calendar:
    """The shared calendar for a nation with no closures: built once per process."""
    return Calendar(nation=Nation(nation))


def closures_from(days: Iterable[tuple[dt.date, str]]) -> dict[dt.date, str]:
    return dict(days)
