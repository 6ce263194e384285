"""Repair clocks: each report (or job raised with no report) against its target.

Source: `chronology.md` ("Clocks": `repair.target`) and `regulation.md` (Doorstep's default
policy). Due at the job's own `target`, else the landlord's target for the priority (shorter
where a vulnerability was disclosed in the household before the report and the landlord's policy
sets a shorter target for a vulnerable household: `repairs.<priority>.vulnerable_*`); where the
report says the fault leaves a home or block insecure (`security: true`), the communal security
make-safe hours. Stopped by `works.completed` at `completed_on` where given; a completion that a
later `works.verified` found not done does not stop it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from doorstep.clocks.definitions import RepairTarget, Unit
from doorstep.clocks.facts import Fact, is_imprecise_text, latest_date, local_date
from doorstep.clocks.families.jobs import (
    completion_stop,
    contradicted,
    covering_stops,
    items_of,
    job_of,
    raised_jobs,
)
from doorstep.clocks.repeats import first_start_of_job, repeat_of_job
from doorstep.clocks.specs import ClockSpec, Context, Stop, any_imprecise, flags_of

SECURITY_RULE = "Make safe a fault that leaves a home or block insecure within {n} hours"
TARGET_RULE = "Complete the job by its own target, {day}"
TARGET_SOURCE = "The job's own target (job {job}, set in {event})"
PRIORITY_RULES: dict[str, tuple[str, Unit, str]] = {
    "emergency": (
        "repairs.emergency.hours",
        Unit.HOURS,
        "Complete an emergency repair within {n} hours",
    ),
    "urgent": (
        "repairs.urgent.working_days",
        Unit.WORKING_DAYS,
        "Complete an urgent repair within {n} working days",
    ),
    "routine": (
        "repairs.routine.working_days",
        Unit.WORKING_DAYS,
        "Complete a routine repair within {n} working days",
    ),
    "planned": (
        "repairs.planned.days",
        Unit.CALENDAR_DAYS,
        "Complete planned work within {n} days",
    ),
}
DATE_ONLY_HOURS = "The report gives no time of day, so the hours count from the end of its day."
JOB_TARGET = "The report names job {job}, so the job's own target applies."
INHERITED = (
    "Job {job} gives no priority or target of its own: as a repeat of job {earlier} it takes "
    "that job's."
)
FROM_RAISED = "No report names job {job}: the clock runs from the job being raised."


@dataclass(frozen=True)
class Target:
    """Where the due date comes from: a number of units from a policy key, or a fixed day."""

    unit: Unit
    rule: str
    source: str
    amount: int | None = None
    fixed_due: dt.date | None = None
    imprecise: bool = False
    note: str = ""


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """Every repair clock in the replay."""
    jobs = raised_jobs(ctx.facts)
    reports = ctx.facts.of_kind("repair.reported")
    reported = {job_of(r) for r in reports}
    for report in reports:
        spec = repair_spec(ctx, report, jobs.get(job_of(report) or ""))
        if spec is not None:
            yield spec
    for job, raised in jobs.items():
        if job not in reported:
            spec = repair_spec(ctx, raised, raised)
            if spec is not None:
                yield spec


def target_of(ctx: Context, start: Fact, raised: Fact | None) -> Target | None:
    """The due rule: security make-safe, the job's target, the priority's policy, or none."""
    day = local_date(start.starts_at)
    if start.data.get("security") is True:
        policy = ctx.policy("repairs.communal_security.make_safe_hours", day)
        rule = SECURITY_RULE.format(n=policy.value)
        return Target(Unit.HOURS, rule, policy.source, amount=int(policy.value))
    target = (raised.data.get("target") if raised else None) or start.data.get("target")
    if target and raised is not None:
        due = latest_date(str(target))
        source = TARGET_SOURCE.format(job=job_of(raised), event=raised.id)
        rule = TARGET_RULE.format(day=f"{due.day} {due:%b %Y}")
        return Target(
            Unit.DATE, rule, source, fixed_due=due, imprecise=is_imprecise_text(str(target))
        )
    priority = start.data.get("priority") or (raised.data.get("priority") if raised else None)
    if priority not in PRIORITY_RULES:
        return None
    key, unit, words = PRIORITY_RULES[str(priority)]
    # A vulnerability disclosed before the report may shorten the target (landlord policy).
    policy = ctx.policy(key, day, start=start)
    rule = words.format(n=policy.value)
    return Target(unit, rule, policy.source, amount=int(policy.value), note=policy.note)


def repair_spec(ctx: Context, start: Fact, raised: Fact | None) -> ClockSpec | None:
    job = job_of(start) or (job_of(raised) if raised else None)
    target = target_of(ctx, start, raised) or inherited_target(ctx, start, job)
    if target is None:
        return None
    return ClockSpec(
        definition=RepairTarget,
        unit=target.unit,
        case=start.case,
        subject=f"job {job}" if job else f"report {start.id}",
        anchor=start,
        start_event=start,
        started_at=start.starts_at,
        rule=target.rule,
        source=target.source,
        amount=target.amount,
        fixed_due=target.fixed_due,
        stops=completion_stops(ctx, start, job, raised),
        notes=_notes(start, raised, target, job),
        imprecise=any_imprecise(start) or target.imprecise,
        events=tuple(dict.fromkeys(f.id for f in (start, raised) if f is not None)),
        flags=flags_of(start, raised),
    )


def inherited_target(ctx: Context, start: Fact, job: str | None) -> Target | None:
    """A job accepted as a repeat that gives no priority or target of its own takes the
    original job's: the defect is the same, and so is the time allowed to put it right."""
    earlier = repeat_of_job(ctx.facts, start.case, job)
    if earlier is None:
        return None
    first = first_start_of_job(ctx.facts, earlier)
    if first is None:
        return None
    target = target_of(ctx, first, raised_jobs(ctx.facts).get(earlier))
    if target is None:
        return None
    note = INHERITED.format(job=job, earlier=earlier)
    return replace(target, note=f"{target.note} {note}".strip())


def _notes(start: Fact, raised: Fact | None, target: Target, job: str | None) -> tuple[str, ...]:
    notes = []
    if start.kind == "works.raised":
        notes.append(FROM_RAISED.format(job=job))
    elif target.unit is Unit.DATE:
        notes.append(JOB_TARGET.format(job=job))
    if target.unit is Unit.HOURS and start.date_only:
        notes.append(DATE_ONLY_HOURS)
    if target.note:
        notes.append(target.note)
    return tuple(notes)


def completion_stops(
    ctx: Context, start: Fact, job: str | None, raised: Fact | None
) -> tuple[Stop, ...]:
    """Completions of the job (or, for a report naming none, any in its case) that no later
    verification contradicts; with the job's items known, the one that completes them all."""
    done = ctx.facts.of_kind("works.completed")
    mine = [c for c in done if (job_of(c) == job if job else c.case == start.case)]
    verdicts = ctx.facts.of_kind("works.verified")
    stops: list[Stop] = []
    items: dict[str, frozenset[str]] = {}
    for completion in mine:
        own = items_of(completion.data.get("items"))
        bad = contradicted(completion, verdicts)
        if bad is not None:
            own = own - bad
            if not own:
                continue
        stops.append(completion_stop(completion))
        items[completion.id] = own
    wanted = items_of(raised.data.get("items")) if raised and job else frozenset()
    return covering_stops(stops, wanted, items)
