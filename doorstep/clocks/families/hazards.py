"""Hazard clocks: Awaab's Law from 27 October 2025, the landlord's appointment rule before it.

Sources: Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025 (Awaab's
Law; Landlord and Tenant Act 1985 s.10A), with its scope by hazard and phase read from
`doorstep.policy.awaab`; before it, or for a hazard outside its phase, the
landlord's `repairs.non_emergency.appointment_days` (`chronology.md`, "Clocks"). A hazard's
clocks read its own case and every case linked to it (`cases[].links`, either direction).
"""

from __future__ import annotations

from collections.abc import Iterator

from doorstep.clocks.definitions import (
    ATTENDANCE,
    CONCLUSION,
    AwaabInvestigation,
    Definition,
    HazardEmergency,
    HazardFurtherWork,
    HazardFurtherWorkStart,
    HazardInvestigation,
    HazardSafetyWork,
    HazardSummary,
)
from doorstep.clocks.facts import Fact, local_date
from doorstep.clocks.families.jobs import appointment_jobs, completion_stop, job_of, raised_jobs
from doorstep.clocks.specs import ClockSpec, Context, Stop, stops_of
from doorstep.policy.awaab import emergency_in_scope, significant_in_scope

PRE_AWAAB = (
    "Reported {day}: before Awaab's Law (27 Oct 2025), or outside its phase for this hazard, the "
    "landlord's appointment rule applies, stopped by the first attendance in the case or a "
    "linked case ({cases})."
)
AWAAB = "Reported {day}: Awaab's Law applies to this hazard."
FROM_CONCLUSION = "Counted from the investigation's conclusion ({event})."
DATE_ONLY_HOURS = "The report gives no time of day, so the hours count from the end of its day."
SIGNIFICANT = frozenset({"significant", "emergency"})


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """Every hazard clock in the replay."""
    for report in ctx.facts.of_kind("hazard.reported"):
        yield from report_specs(ctx, report)


def scope(ctx: Context, case: str | None) -> frozenset[str | None]:
    """The hazard's case and the cases linked to it (a case-less report: case-less facts)."""
    linked: frozenset[str | None] = frozenset(ctx.facts.linked(case))
    return linked or frozenset({None})


def report_specs(ctx: Context, report: Fact) -> Iterator[ClockSpec]:
    hazard = str(report.data.get("hazard") or "")
    day = local_date(report.starts_at)
    cases = scope(ctx, report.case)
    if significant_in_scope(hazard, day) is not None:
        yield from awaab_specs(ctx, report, cases)
    else:
        yield pre_awaab(ctx, report, cases)
    if emergency_in_scope(hazard, day) is not None and _emergency(ctx, report, cases):
        yield emergency(ctx, report, cases)


def _spec(
    ctx: Context,
    definition: Definition,
    report: Fact,
    anchor: Fact,
    stops: tuple[Stop, ...],
    notes: tuple[str, ...],
) -> ClockSpec:
    """A hazard clock counted from `anchor` on `definition`'s policy key."""
    key = definition.policy_key or ""
    policy = ctx.policy(key, local_date(anchor.starts_at), start=anchor)
    notes = (*notes, policy.note) if policy.note else notes
    return ClockSpec(
        definition=definition,
        unit=definition.unit,
        case=report.case,
        subject=f"{report.data.get('hazard') or 'hazard'} reported {report.id}",
        anchor=anchor,
        start_event=anchor,
        started_at=anchor.starts_at,
        rule=definition.rule.format(n=policy.value),
        source=policy.source,
        amount=int(policy.value),
        stops=stops,
        notes=notes,
        imprecise=report.imprecise or anchor.imprecise,
        events=tuple(dict.fromkeys((report.id, anchor.id))),
        flags=report.flags,
    )


def pre_awaab(ctx: Context, report: Fact, cases: frozenset[str | None]) -> ClockSpec:
    day = f"{local_date(report.starts_at):%d %b %Y}"
    note = PRE_AWAAB.format(day=day, cases=", ".join(sorted(str(c) for c in cases)))
    attended = ctx.facts.of_kind(*ATTENDANCE, cases=cases)
    return _spec(ctx, HazardInvestigation, report, report, stops_of(attended), (note,))


def _after(ctx: Context, report: Fact, cases: frozenset[str | None], *kinds: str) -> list[Fact]:
    return [f for f in ctx.facts.of_kind(*kinds, cases=cases) if f.could_follow(report)]


def _emergency(ctx: Context, report: Fact, cases: frozenset[str | None]) -> bool:
    """Whether the hazard is known to be an emergency: so reported, or so assessed."""
    if report.data.get("severity") == "emergency":
        return True
    assessed = _after(ctx, report, cases, "hazard.assessed")
    return any(f.data.get("severity") == "emergency" for f in assessed)


def emergency(ctx: Context, report: Fact, cases: frozenset[str | None]) -> ClockSpec:
    made_safe = _after(ctx, report, cases, *HazardEmergency.stops)
    notes = (DATE_ONLY_HOURS,) if report.date_only else ()
    return _spec(ctx, HazardEmergency, report, report, stops_of(made_safe), notes)


def awaab_specs(ctx: Context, report: Fact, cases: frozenset[str | None]) -> Iterator[ClockSpec]:
    note = (AWAAB.format(day=f"{local_date(report.starts_at):%d %b %Y}"),)
    concluded = _after(ctx, report, cases, *CONCLUSION)
    yield _spec(ctx, AwaabInvestigation, report, report, stops_of(concluded), note)
    if not concluded:
        return
    end = concluded[0]
    after = (*note, FROM_CONCLUSION.format(event=end.id))
    summary = _after(ctx, end, cases, "hazard.summary_sent")
    yield _spec(ctx, HazardSummary, report, end, stops_of(summary), after)
    if _severity(ctx, report, cases) not in SIGNIFICANT:
        return
    yield _spec(ctx, HazardSafetyWork, report, end, safety_stops(ctx, end, cases), after)
    further = further_jobs(ctx, report, cases)
    if further or end.data.get("recommends"):
        yield _spec(ctx, HazardFurtherWork, report, end, begun_stops(ctx, further), after)
        started = attended_stops(ctx, further, cases)
        yield _spec(ctx, HazardFurtherWorkStart, report, end, started, after)


def _severity(ctx: Context, report: Fact, cases: frozenset[str | None]) -> str:
    assessed = [f for f in _after(ctx, report, cases, "hazard.assessed") if f.data.get("severity")]
    return str(assessed[0].data["severity"]) if assessed else str(report.data.get("severity", ""))


def _purpose_jobs(
    ctx: Context, report: Fact, cases: frozenset[str | None], purpose: str
) -> dict[str, Fact]:
    return {
        job: fact
        for job, fact in raised_jobs(ctx.facts).items()
        if fact.case in cases and fact.data.get("purpose") == purpose and fact.could_follow(report)
    }


def further_jobs(ctx: Context, report: Fact, cases: frozenset[str | None]) -> dict[str, Fact]:
    return _purpose_jobs(ctx, report, cases, "further")


def safety_stops(ctx: Context, end: Fact, cases: frozenset[str | None]) -> tuple[Stop, ...]:
    """`hazard.made_safe`, or a completed job raised with `purpose: safety`."""
    safety = _purpose_jobs(ctx, end, cases, "safety")
    made_safe = stops_of(_after(ctx, end, cases, "hazard.made_safe"))
    done = tuple(
        completion_stop(f) for f in ctx.facts.of_kind("works.completed") if job_of(f) in safety
    )
    return made_safe + done


def begun_stops(ctx: Context, further: dict[str, Fact]) -> tuple[Stop, ...]:
    """Further work has begun when its job is raised and an appointment for it is booked."""
    found = []
    for booking in ctx.facts.of_kind("appointment.booked"):
        raised = further.get(str(booking.data.get("for")))
        if raised is not None:
            moment = max(raised.stops_at, booking.stops_at)
            found.append(Stop(booking, moment, max(raised.latest, booking.latest)))
    return tuple(found)


def attended_stops(
    ctx: Context, further: dict[str, Fact], cases: frozenset[str | None]
) -> tuple[Stop, ...]:
    """The first attended appointment of a further-work job physically starts it."""
    booked_for = appointment_jobs(ctx.facts)
    attended = ctx.facts.of_kind("appointment.attended", cases=cases)
    return stops_of(
        f for f in attended if booked_for.get(str(f.data.get("appointment"))) in further
    )
