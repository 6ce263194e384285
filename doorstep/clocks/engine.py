"""The clock engine: every clock of a record, as of a date, timed one way.

Pure: facts, the date, the policy and the calendar come in as arguments; nothing here reads the
clock on the wall. Conventions (`shared/domain/chronology.md`, "Clocks"; both answer keys):

- N working days are due on the Nth working day after the start (day 1 is the first working day
  after it); calendar days and weeks on the start plus N days; hours in elapsed time from a
  timed start, and from the end of the day (on the wall clock) for a date-only one.
- A clock started by an imprecise event counts from its latest moment; stopped by one, from its
  earliest; a stop counts only if it may have happened at or after the event that brought the
  clock into being.
- A stopped clock is breached when it stopped after its due date (hour clocks: after the due
  moment); a running one as of D when D is after its due date. The finding arises the day after.
- The overdue amount is counted from the due date to the stop (or to D, while running).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from doorstep.clocks.definitions import Unit
from doorstep.clocks.explain import Explanation, Timing, announced_lines, explain
from doorstep.clocks.extensions import Extended, apply_extensions, judge_extensions
from doorstep.clocks.facts import LONDON, Fact, Facts, end_of, local_date
from doorstep.clocks.families import FAMILIES
from doorstep.clocks.families.complaints import response_spec_of
from doorstep.clocks.repeats import keep_original_starts, with_repeat_links
from doorstep.clocks.specs import ClockSpec, Context, Stopped, first_stop
from doorstep.policy.resolve import Override
from doorstep.workdays import AnnouncedDay, Calendar, calendar_for

HOUR = dt.timedelta(hours=1)
ONE_DAY = dt.timedelta(days=1)
NO_DUE_DATE = "The {clock} clock of {event} has neither a number of units nor a due date."


@dataclass(frozen=True)
class ClockResult:
    """One clock of one case as of a date: when it started, when it was due, whether it stopped,
    whether it was breached and by how much, the rule with its source, and why."""

    case: str | None
    clock: str
    subject: str
    unit: Unit
    started: dt.date
    start_event: str
    due: dt.date
    original_due: dt.date | None
    stopped: dt.date | None
    stop_event: str | None
    stop_outcome: str | None
    breached: bool
    arises: dt.date | None
    overdue_working_days: int
    overdue_days: int
    overdue_hours: int | None
    used: int
    remaining: int | None
    rule: str
    source: str
    imprecise: bool
    extension_valid: bool | None
    explanation: Explanation
    events: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    due_at: dt.datetime | None = None

    @property
    def running(self) -> bool:
        return self.stopped is None


def compute_clocks(
    facts: Facts,
    *,
    as_of: dt.date,
    overrides: Iterable[Override] | None = None,
    calendar: Calendar | None = None,
    announced: Iterable[AnnouncedDay] | None = None,
) -> list[ClockResult]:
    """Every clock in `facts` as of `as_of`, in order of start. `overrides` (the landlord's
    policy), `calendar` and `announced` (days off announced after the `holidays` package's
    data) default to the record's own.

    Each clock is counted with the calendar as known when it stopped, so a stopped clock keeps
    the due date it had; a running clock with the calendar as known on `as_of`."""
    ctx = Context(
        facts=with_repeat_links(facts.as_of(as_of)),
        as_of=as_of,
        overrides=tuple(facts.overrides if overrides is None else overrides),
        calendar=calendar or calendar_for(facts.nation),
        announced=tuple(facts.announced if announced is None else announced),
    )
    specs = keep_original_starts(ctx.facts, (spec for family in FAMILIES for spec in family(ctx)))
    specs.sort(key=lambda s: (s.started_at, s.case or "", s.definition.name, s.start_event.order))
    return [
        time_clock(spec, as_of=as_of, calendar=ctx.calendar_of(spec), ctx=ctx) for spec in specs
    ]


# --- due ---------------------------------------------------------------------------------------


def due_moment(spec: ClockSpec) -> dt.datetime:
    """An hour clock's due moment. A timed start counts elapsed hours, across any change of the
    clocks; a date-only start counts from the end of its day on the wall clock, so 24 hours are
    due at the end of the next day even on the night the clocks go forward (the keys'
    convention: "due at the end of the next day")."""
    hours = (spec.amount or 0) * HOUR
    local = spec.started_at.astimezone(LONDON)
    if local.time() == dt.time.max:
        return local + hours
    return (spec.started_at.astimezone(dt.UTC) + hours).astimezone(LONDON)


def due_date(spec: ClockSpec, calendar: Calendar) -> dt.date:
    start = local_date(spec.started_at)
    n = spec.amount or 0
    if spec.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start, n)
    if spec.unit is Unit.CALENDAR_DAYS:
        return start + n * ONE_DAY
    if spec.unit is Unit.WEEKS:
        return start + 7 * n * ONE_DAY
    if spec.unit is Unit.HOURS:
        return local_date(due_moment(spec))
    if spec.fixed_due is None:
        raise ValueError(NO_DUE_DATE.format(clock=spec.definition.name, event=spec.anchor.id))
    return spec.fixed_due


# --- stop, breach, counts ------------------------------------------------------------------------


def _whole_hours(delta: dt.timedelta) -> int:
    return max(0, int(delta // HOUR))


def used_units(
    spec: ClockSpec, start: dt.date, end: dt.date, end_moment: dt.datetime, calendar: Calendar
) -> int:
    """How much of the clock has run, in its unit (calendar days for dates and weeks)."""
    if end < start:
        return 0
    if spec.unit is Unit.WORKING_DAYS:
        return calendar.working_days_between(start, end)
    if spec.unit is Unit.HOURS:
        return _whole_hours(end_moment.astimezone(dt.UTC) - spec.started_at.astimezone(dt.UTC))
    return (end - start).days


def remaining_units(
    spec: ClockSpec,
    start: dt.date,
    due: dt.date,
    due_at: dt.datetime | None,
    as_of: dt.date,
    calendar: Calendar,
) -> int:
    """What is left of a running clock as of the date (0 once due)."""
    ref = max(as_of, start)
    if spec.unit is Unit.WORKING_DAYS:
        return max(0, calendar.working_days_between(ref, due))
    if spec.unit is Unit.HOURS and due_at is not None:
        now = max(end_of(as_of), spec.started_at).astimezone(dt.UTC)
        return _whole_hours(due_at.astimezone(dt.UTC) - now)
    return max(0, (due - ref).days)


def overdue_words(spec: ClockSpec, wd: int, days: int, hours: int | None) -> str:
    if spec.unit is Unit.WORKING_DAYS:
        return f"{wd} working days ({days} calendar days)"
    if spec.unit is Unit.HOURS:
        return f"{days} days ({hours} hours)"
    return f"{days} days"


@dataclass(frozen=True)
class Verdict:
    """Whether and by how much a clock was breached, and how much of it has run."""

    breached: bool
    overdue_working_days: int
    overdue_days: int
    overdue_hours: int | None
    used: int
    remaining: int | None


def judge(
    spec: ClockSpec, due: dt.date, stopped: Stopped | None, as_of: dt.date, calendar: Calendar
) -> Verdict:
    """Breach and counts: up to the stop, or up to `as_of` while the clock runs."""
    start = local_date(spec.started_at)
    due_at = due_moment(spec) if spec.unit is Unit.HOURS else None
    end = stopped.day if stopped else as_of
    end_moment = stopped.moment if stopped else end_of(as_of)
    breached = stopped.moment > due_at if stopped and due_at else end > due
    hours = None
    if due_at is not None:
        hours = _whole_hours(end_moment - due_at) if breached else 0
    return Verdict(
        breached=breached,
        overdue_working_days=calendar.working_days_between(due, end) if breached else 0,
        overdue_days=(end - due).days if breached else 0,
        overdue_hours=hours,
        used=used_units(spec, start, end, end_moment, calendar),
        remaining=None if stopped else remaining_units(spec, start, due, due_at, as_of, calendar),
    )


def timing_of(
    spec: ClockSpec, extended: Extended, stopped: Stopped | None, verdict: Verdict, as_of: dt.date
) -> Timing:
    """What the explanation needs to know."""
    stop = stopped.stop if stopped else None
    return Timing(
        start=local_date(spec.started_at),
        due=extended.due,
        due_at=due_moment(spec) if spec.unit is Unit.HOURS else None,
        stopped=stopped.day if stopped else None,
        stop_event=stop.fact.id if stop else None,
        stop_kind=stop.fact.kind if stop else None,
        stop_outcome=(stop.outcome or None) if stop else None,
        stop_imprecise=bool(stop and stop.imprecise),
        breached=verdict.breached,
        overdue=overdue_words(
            spec, verdict.overdue_working_days, verdict.overdue_days, verdict.overdue_hours
        ),
        used=verdict.used,
        remaining=verdict.remaining,
        as_of=as_of,
        original_due=extended.original_due,
        extension_notes=extended.notes,
    )


def time_clock(
    spec: ClockSpec, *, as_of: dt.date, calendar: Calendar, ctx: Context | None = None
) -> ClockResult:
    """Due, stop, breach and counts of one clock as of a date, counted with `calendar`. Given
    the context, the explanation names the announced days that moved the due date, or that a
    stopped clock did not count because they were announced after it stopped."""
    due = due_date(spec, calendar)
    extended = apply_extensions(spec, due, calendar)
    stopped = first_stop(spec, as_of)
    verdict = judge(spec, extended.due, stopped, as_of, calendar)
    timing = timing_of(spec, extended, stopped, verdict, as_of)
    if ctx is not None and ctx.announced and spec.unit is Unit.WORKING_DAYS:
        timing = replace(
            timing,
            announced=announced_lines(
                start=timing.start,
                due=due,
                usual_due=due_date(spec, ctx.calendar),
                announced=ctx.announced,
                known_on=min(stopped.known_on, as_of) if stopped else as_of,
                stopped=stopped is not None,
            ),
        )
    stop_ids = (timing.stop_event,) if timing.stop_event else ()
    return ClockResult(
        case=spec.case,
        clock=spec.definition.name,
        subject=spec.subject,
        unit=spec.unit,
        started=timing.start,
        start_event=spec.start_event.id,
        due=extended.due,
        original_due=extended.original_due,
        stopped=timing.stopped,
        stop_event=timing.stop_event,
        stop_outcome=timing.stop_outcome,
        breached=verdict.breached,
        arises=extended.due + ONE_DAY if verdict.breached else None,
        overdue_working_days=verdict.overdue_working_days,
        overdue_days=verdict.overdue_days,
        overdue_hours=verdict.overdue_hours,
        used=verdict.used,
        remaining=verdict.remaining,
        rule=f"{spec.rule}. Source: {spec.source}",
        source=spec.source,
        imprecise=spec.imprecise or timing.stop_imprecise,
        extension_valid=extended.valid,
        explanation=explain(spec, timing, calendar),
        events=tuple(dict.fromkeys((*spec.events, *stop_ids))),
        flags=spec.flags,
        due_at=timing.due_at,
    )


# --- a proposed extension ------------------------------------------------------------------------

NO_RESPONSE_CLOCK = "there is no stage {stage} response clock for it to extend"


@dataclass(frozen=True)
class ExtensionVerdict:
    """What the rule says of an extension not yet on record: why it would not be valid (None:
    it would be), and the due date it is judged against (the original, or as extended)."""

    problem: str | None
    due: dt.date | None
    original_due: dt.date | None


def judge_proposed_extension(
    facts: Facts, *, proposed: Fact, stage: int, as_of: dt.date
) -> ExtensionVerdict:
    """Judge `proposed` (a `complaint.extended` of `stage` in its case) exactly as a replay of
    the record with it added would (`extensions.extension_problem`, one rule for the record
    and for the live service): the same clock, policy in force and calendar."""
    ordered = replace(facts, events=(*facts.events, proposed))
    ctx = Context(
        facts=with_repeat_links(ordered.as_of(as_of)),
        as_of=as_of,
        overrides=tuple(facts.overrides),
        calendar=calendar_for(facts.nation),
        announced=tuple(facts.announced),
    )
    spec = response_spec_of(ctx, proposed.case or "", stage, proposed)
    if spec is None:
        return ExtensionVerdict(NO_RESPONSE_CLOCK.format(stage=stage), None, None)
    calendar = ctx.calendar_of(spec)
    original = due_date(spec, calendar)
    judged = judge_extensions(spec, original, calendar)
    before = original
    for one in judged:
        if one.event.id == proposed.id:
            return ExtensionVerdict(one.problem, before, original)
        before = one.due
    return ExtensionVerdict(NO_RESPONSE_CLOCK.format(stage=stage), None, None)
