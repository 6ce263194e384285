"""Why a clock says what it says, in sentences an officer can read out to a resident.

Each explanation names the start, the rule and its source, day 1, the weekends and the named
bank holidays skipped, any extension, and both counting conventions where they differ ("70
working days after the start; 71 counting the start day itself": the Ombudsman's reports
sometimes count the start day, `shared/scenarios/bromford-202109189.expected.md`), and any
day off announced after the published bank holidays that moved the due date, or that a
stopped clock did not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from doorstep.clocks.definitions import Unit
from doorstep.clocks.facts import LONDON, local_date
from doorstep.clocks.specs import ClockSpec
from doorstep.workdays import AnnouncedDay, Calendar

WEEKEND = frozenset({"Saturday", "Sunday"})
UNIT_WORDS = {
    Unit.WORKING_DAYS: "working days",
    Unit.CALENDAR_DAYS: "calendar days",
    Unit.WEEKS: "calendar days",
    Unit.DATE: "calendar days",
    Unit.HOURS: "hours",
}

STARTED = "Started {day} by {event} ({kind})."
COUNTED_FROM = "Counted from {day}; the clock arose from {event} ({kind})."
STARTED_IMPRECISE = (
    "Started {day} by {event} ({kind}); its date is imprecise ({at}), so it counts from its "
    "latest possible moment."
)
RULE = "Rule: {rule}. Source: {source}."
DAY_ONE = "Day 1 is {day_one}, the first working day after the start; day {n} is {due}."
SKIPPED = "Skipped on the way: {weekend} weekend days{holidays}."
HOLIDAYS = "; bank holidays: {names}"
CALENDAR = "{n} calendar days after {start}: due {due}."
WEEKS = "{n} weeks ({days} calendar days) after {start}: due {due}."
HOURS = "{n} hours from {start}: due {due}."
FIXED = "Due on the date the record gives: {due}."
STOPPED = "Stopped {day} by {event} ({kind}{outcome}): {used}."
STOPPED_IMPRECISE = " Its date is imprecise, so it counts from its earliest possible moment."
RUNNING = "Not stopped as of {as_of}; so far, {used}{remaining}."
REMAINING = ", {n} {unit} left"
BREACHED = "Breached: due {due}, overdue by {amount}; the finding arises {arises}."
MET = "Met: stopped on or before the due date, {due}."
NOT_YET = "Not yet due: due {due}."
BOTH_COUNTS = "{n} working days after the start; {m} counting the start day itself"
ANNOUNCED_MOVED = (
    "Announced after the published bank holidays, and counted: {days}. Without them the due date "
    "would be {usual}; it is {due}."
)
ANNOUNCED_LATER = (
    "Not counted: {days}, announced after the clock stopped on {stopped}. A stopped clock keeps "
    "the due date it had."
)
ANNOUNCED_DAY = "{day} ({name}, announced {announced_on})"


def show(day: dt.date) -> str:
    """'30 Jun 2021'."""
    return f"{day.day} {day:%b %Y}"


def show_moment(moment: dt.datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{show(local.date())} {local:%H:%M}"


@dataclass(frozen=True)
class Explanation:
    """The sentences, and the counting facts behind them for machines."""

    lines: tuple[str, ...]
    day_one: dt.date | None = None
    holidays: tuple[tuple[dt.date, str], ...] = ()
    weekend_days: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "lines": list(self.lines),
            "day_one": self.day_one.isoformat() if self.day_one else None,
            "holidays_skipped": [{"date": d.isoformat(), "name": n} for d, n in self.holidays],
            "weekend_days_skipped": self.weekend_days,
        }


@dataclass(frozen=True)
class Timing:
    """What the engine found, for the explanation to put into words."""

    start: dt.date
    due: dt.date
    due_at: dt.datetime | None
    stopped: dt.date | None
    stop_event: str | None
    stop_kind: str | None
    stop_outcome: str | None
    stop_imprecise: bool
    breached: bool
    overdue: str
    used: int
    remaining: int | None
    as_of: dt.date
    original_due: dt.date | None = None
    extension_notes: tuple[str, ...] = ()
    announced: tuple[str, ...] = ()


def _days(found: list[AnnouncedDay]) -> str:
    return ", ".join(
        ANNOUNCED_DAY.format(day=show(a.day), name=a.name, announced_on=show(a.announced_on))
        for a in found
    )


def announced_lines(
    *,
    start: dt.date,
    due: dt.date,
    usual_due: dt.date,
    announced: Iterable[AnnouncedDay],
    known_on: dt.date,
    stopped: bool,
) -> tuple[str, ...]:
    """Which days announced after the published calendar moved the due date (`usual_due` is
    the date without any of them), and, for a stopped clock, which were announced too late to
    count."""
    inside = sorted((a for a in announced if start < a.day <= due), key=lambda a: a.day)
    lines = []
    counted = [a for a in inside if a.known_on(known_on)]
    if counted and due != usual_due:
        lines.append(
            ANNOUNCED_MOVED.format(days=_days(counted), usual=show(usual_due), due=show(due))
        )
    later = [a for a in inside if not a.known_on(known_on) and a.day.weekday() < 5]
    if stopped and later:
        lines.append(ANNOUNCED_LATER.format(days=_days(later), stopped=show(known_on)))
    return tuple(lines)


def start_line(spec: ClockSpec, start: dt.date) -> str:
    event = spec.start_event
    words = {"day": show(start), "event": event.id, "kind": event.kind, "at": event.at}
    if local_date(spec.started_at) != local_date(event.starts_at):
        return COUNTED_FROM.format(**words)
    if event.imprecise:
        return STARTED_IMPRECISE.format(**words)
    return STARTED.format(**words)


def counting_lines(
    spec: ClockSpec, timing: Timing, calendar: Calendar
) -> tuple[list[str], dt.date | None, tuple[tuple[dt.date, str], ...], int]:
    """How the due date was counted, and the days skipped on the way."""
    n, start, due = spec.amount, timing.start, timing.original_due or timing.due
    if spec.unit is Unit.WORKING_DAYS:
        days = calendar.non_working_days(start, due)
        named = tuple((d.day, d.reason) for d in days if d.reason not in WEEKEND)
        weekend = sum(1 for d in days if d.reason in WEEKEND)
        day_one = calendar.next_working_day(start)
        names = ", ".join(f"{show(d)} ({name})" for d, name in named)
        lines = [
            DAY_ONE.format(day_one=show(day_one), n=n, due=show(due)),
            SKIPPED.format(weekend=weekend, holidays=HOLIDAYS.format(names=names) if named else ""),
        ]
        return lines, day_one, named, weekend
    if spec.unit is Unit.CALENDAR_DAYS:
        return [CALENDAR.format(n=n, start=show(start), due=show(due))], None, (), 0
    if spec.unit is Unit.WEEKS:
        line = WEEKS.format(n=n, days=7 * (n or 0), start=show(start), due=show(due))
        return [line], None, (), 0
    if spec.unit is Unit.HOURS and timing.due_at is not None:
        line = HOURS.format(n=n, start=show_moment(spec.started_at), due=show_moment(timing.due_at))
        return [line], None, (), 0
    return [FIXED.format(due=show(due))], None, (), 0


def used_words(spec: ClockSpec, timing: Timing, calendar: Calendar) -> str:
    """'70 working days after the start; 71 counting the start day itself' where they differ."""
    unit = UNIT_WORDS[spec.unit]
    if spec.unit is Unit.WORKING_DAYS and calendar.is_working_day(timing.start):
        return BOTH_COUNTS.format(n=timing.used, m=timing.used + 1)
    return f"{timing.used} {unit} after the start"


def outcome_lines(spec: ClockSpec, timing: Timing, calendar: Calendar) -> list[str]:
    used = used_words(spec, timing, calendar)
    lines = []
    if timing.stopped is not None:
        outcome = f", {timing.stop_outcome}" if timing.stop_outcome else ""
        line = STOPPED.format(
            day=show(timing.stopped),
            event=timing.stop_event,
            kind=timing.stop_kind,
            outcome=outcome,
            used=used,
        )
        lines.append(line + (STOPPED_IMPRECISE if timing.stop_imprecise else ""))
    else:
        left = ""
        if timing.remaining is not None and not timing.breached:
            left = REMAINING.format(n=timing.remaining, unit=UNIT_WORDS[spec.unit])
        lines.append(RUNNING.format(as_of=show(timing.as_of), used=used, remaining=left))
    lines.append(verdict_line(timing))
    return lines


def verdict_line(timing: Timing) -> str:
    if timing.breached:
        arises = show(timing.due + dt.timedelta(days=1))
        return BREACHED.format(due=show(timing.due), amount=timing.overdue, arises=arises)
    if timing.stopped is not None:
        return MET.format(due=show(timing.due))
    return NOT_YET.format(due=show(timing.due))


def explain(spec: ClockSpec, timing: Timing, calendar: Calendar) -> Explanation:
    """The whole explanation of one timed clock."""
    counting, day_one, holidays, weekend = counting_lines(spec, timing, calendar)
    lines = [
        start_line(spec, timing.start),
        RULE.format(rule=spec.rule, source=spec.source),
        *spec.notes,
        *counting,
        *timing.announced,
        *timing.extension_notes,
        *outcome_lines(spec, timing, calendar),
    ]
    return Explanation(tuple(lines), day_one, holidays, weekend)
