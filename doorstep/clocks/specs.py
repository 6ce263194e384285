"""A clock before it is timed: which events start, stop and extend one running clock.

The family modules (`doorstep.clocks.families`) build `ClockSpec`s from the facts; the engine
(`doorstep.clocks.engine`) times every spec the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from doorstep.clocks.definitions import Definition, Unit
from doorstep.clocks.facts import Fact, Facts, local_date
from doorstep.policy.defaults import SHORTER_FOR_VULNERABLE
from doorstep.policy.resolve import Override, Resolved, resolve, resolve_for_vulnerable
from doorstep.workdays import AnnouncedDay, Calendar, calendar_as_known, known_days


@dataclass(frozen=True)
class Stop:
    """An event that may stop a clock, at the moment it counts (its earliest possible one)."""

    fact: Fact
    earliest: dt.datetime
    latest: dt.datetime
    outcome: str = ""
    imprecise: bool = False

    @classmethod
    def of(cls, fact: Fact, outcome: str = "") -> Stop:
        return cls(fact, fact.stops_at, fact.latest, outcome, fact.imprecise)


@dataclass(frozen=True)
class ClockSpec:
    """One clock of one case: its start, its number and its candidate stops.

    `anchor` is the event that brought the clock into being; a stop counts only if it may have
    happened at or after it. `started_at` is the moment counted from (an imprecise start's
    latest). `amount` is in `unit`; DATE clocks have `fixed_due` instead.
    """

    definition: Definition
    unit: Unit
    case: str | None
    subject: str
    anchor: Fact
    start_event: Fact
    started_at: dt.datetime
    rule: str
    source: str
    amount: int | None = None
    fixed_due: dt.date | None = None
    stops: tuple[Stop, ...] = ()
    extensions: tuple[Fact, ...] = ()
    extension_limit: int | None = None
    # Whether an extension needs the resident's agreement (the landlord's policy:
    # `complaints.extension.resident_agreement_required`).
    extension_agreement_required: bool = True
    notes: tuple[str, ...] = ()
    imprecise: bool = False
    events: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stopped:
    """The stop that ended a clock, at the moment it counts."""

    stop: Stop
    moment: dt.datetime

    @property
    def day(self) -> dt.date:
        return local_date(self.moment)

    @property
    def known_on(self) -> dt.date:
        """The day whose calendar the clock keeps: the stopping event's own (latest possible)
        day, even where it counts from a later moment (a response sent before the response
        clock's counted start). A day announced after the resident had the answer never moves
        the due date; for an imprecise stop, the latest day is the reading that never
        manufactures a breach."""
        return local_date(self.stop.latest)


def first_stop(spec: ClockSpec, as_of: dt.date) -> Stopped | None:
    """The first stop that may follow the clock's anchor and counts by `as_of`. A stop that may
    have come before the counted start (an imprecise start counts from its latest) stops it at
    the start."""
    found = []
    for stop in spec.stops:
        if stop.latest < spec.anchor.earliest or not stop.fact.in_replay(as_of):
            continue
        moment = max(stop.earliest, spec.started_at)
        if local_date(moment) <= as_of:
            found.append((moment, stop.fact.order, Stopped(stop, moment)))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def disclosed_before(facts: Facts, start: Fact) -> Fact | None:
    """The first `vulnerability.disclosed` in the household that certainly came before `start`
    (its latest possible moment is before the start's counted moment; on a tie, earlier in the
    file). An imprecise disclosure that may have come after the start does not count, so
    imprecision never shortens a clock."""
    for found in facts.of_kind("vulnerability.disclosed"):
        if found.latest < start.starts_at or (
            found.latest == start.starts_at and found.order < start.order
        ):
            return found
    return None


@dataclass(frozen=True)
class Context:
    """What a family reads: the facts in the replay, the policy and the calendar.

    `calendar` is the base calendar (the `holidays` package's bank holidays and any closures
    passed in); `announced` are the days announced later, each counted only from its
    announcement (`calendar_known_on`)."""

    facts: Facts
    as_of: dt.date
    overrides: tuple[Override, ...]
    calendar: Calendar
    announced: tuple[AnnouncedDay, ...] = ()
    _calendars: dict[tuple[AnnouncedDay, ...], Calendar] = field(
        default_factory=dict, repr=False, compare=False
    )

    def policy(self, key: str, on: dt.date, start: Fact | None = None) -> Resolved:
        """The value of `key` in force on `on`, the day the clock started. Given the event that
        started it, a vulnerability disclosed in the household before then applies the
        landlord's shorter timescale, where its policy sets one (`PolicyKey.shortens`)."""
        if start is not None and key in SHORTER_FOR_VULNERABLE:
            disclosure = disclosed_before(self.facts, start)
            if disclosure is not None:
                return resolve_for_vulnerable(
                    key, on, self.overrides, disclosure=f"{disclosure.id}, {disclosure.at}"
                )
        return resolve(key, on, self.overrides)

    def calendar_known_on(self, day: dt.date) -> Calendar:
        """The calendar as known on `day`: the base, and the days announced by then."""
        known = known_days(self.announced, min(day, self.as_of))
        if known not in self._calendars:
            self._calendars[known] = calendar_as_known(self.calendar, known, day)
        return self._calendars[known]

    def calendar_of(self, spec: ClockSpec) -> Calendar:
        """The calendar a clock is counted with: as known when it stopped (a stopped clock keeps
        the due date it had), or as known on the replay date while it runs."""
        stopped = first_stop(spec, self.as_of)
        return self.calendar_known_on(stopped.known_on if stopped else self.as_of)


def stops_of(facts: Iterable[Fact], outcome: str = "") -> tuple[Stop, ...]:
    return tuple(Stop.of(f, outcome) for f in facts)


def any_imprecise(*facts: Fact | None) -> bool:
    return any(f is not None and f.imprecise for f in facts)


def flags_of(*facts: Fact | None) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for fact in facts:
        if fact is not None:
            found.update(dict.fromkeys(fact.flags))
    return tuple(found)
