"""Recurring defects: a new job or hazard case for a defect the landlord already knew of.

The Clarion seed's repointing was raised again in February 2023 as a new job and case, and
called a "new issue", while the job of March 2022 for the same wall was still open (SE 26-27;
RK 1, 4). Doorstep therefore reads every new job and hazard report against the earlier ones at
the same home and PROPOSES a link where they concern the same defect:

- a job whose item names the same `element` of the home (`"external wall pointing"`) as an item
  of an earlier job in another case; or
- a hazard report of the same HHSRS hazard as an earlier report in another case.

A proposal says whether the earlier job was left open, claimed done but not verified, found not
done, or verified done (a recurrence), as it stood when the new one was raised. An officer
decides: accepted, the cases are linked and the new job's (or hazard's) clocks keep the
ORIGINAL start, so a re-raised defect never gets a fresh clock; rejected, the proposal is closed
with the reason. Both decisions are ordinary `note` entries of the chronology format whose data
carries `repeat_of` or `not_repeat_of`: `{"job": new job or null, "of_case": earlier case,
"of_job": earlier job or null}` (the format keeps unknown members of `data`), so a replay of an
exported record reads them back. An earlier record already linked to the new case in the
ordinary way is not proposed again.

Pure: facts in, proposals out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from doorstep.clocks.explain import show
from doorstep.clocks.facts import CaseRef, Fact, Facts, local_date
from doorstep.clocks.families.jobs import items_of, job_of, overlaps
from doorstep.clocks.specs import ClockSpec

ACCEPTED_MEMBER = "repeat_of"
REJECTED_MEMBER = "not_repeat_of"
PROPOSED = "proposed"
ACCEPTED = "accepted"
REJECTED = "rejected"
ELEMENT = "element"
HAZARD = "hazard"
# What the earlier job had come to when the new one was raised.
OPEN = "open"
CLAIMED = "claimed_not_verified"
FOUND_NOT_DONE = "found_not_done"
VERIFIED = "verified"
LEFT = {
    OPEN: "still open",
    CLAIMED: "claimed done but never verified",
    FOUND_NOT_DONE: "found not done",
    VERIFIED: "verified done: the defect has come back",
}
REPEAT_CLOCKS = frozenset({"repair.target", "hazard.investigation", "hazard.emergency"})

JOB_TEXT = (
    "Job {job} ({case}, raised {day}) is for the same part of the home, '{element}', as job "
    "{earlier_job} ({earlier_case}, raised {earlier_day}), which was {left} when it was raised."
)
HAZARD_TEXT = (
    "The {hazard} reported {day} ({case}) is the same hazard as the report of {earlier_day} "
    "({earlier_case}), in a case not linked to it."
)
DECIDED = {ACCEPTED: " Linked as a repeat on {day}.", REJECTED: " Not a repeat (decided {day})."}
KEEPS_START = "Accepted as a repeat of {what} ({event}, {day}): the clock keeps the original start."


@dataclass(frozen=True)
class Repeat:
    """A new job or hazard report that concerns the same defect as an earlier one."""

    case: str | None
    job: str | None
    event: str
    raised: dt.date
    earlier_case: str | None
    earlier_job: str | None
    earlier_event: str
    earlier_raised: dt.date
    basis: str
    matched: str
    earlier_left: str
    status: str
    decided_event: str | None
    decided_on: dt.date | None
    explanation: str
    imprecise: bool


@dataclass(frozen=True)
class _Subject:
    fact: Fact
    job: str | None
    keys: Mapping[str, frozenset[str]]  # element (or hazard) -> the item ids that name it


def _norm(text: object) -> str:
    return " ".join(str(text or "").lower().split())


def _subjects(facts: Facts) -> list[_Subject]:
    """Every job raised with named elements, and every hazard report, in time order."""
    found: list[_Subject] = []
    seen_jobs: set[str] = set()
    for fact in facts.of_kind("works.raised", "hazard.reported"):
        if fact.kind == "hazard.reported":
            hazard = _norm(fact.data.get("hazard"))
            if hazard:
                found.append(_Subject(fact, None, MappingProxyType({hazard: frozenset()})))
            continue
        job = job_of(fact)
        if job is None or job in seen_jobs:
            continue
        seen_jobs.add(job)
        keys: dict[str, set[str]] = {}
        for item in fact.data.get("items") or ():
            if isinstance(item, Mapping) and _norm(item.get("element")):
                keys.setdefault(_norm(item["element"]), set()).add(str(item.get("id")))
        if keys:
            found.append(
                _Subject(fact, job, MappingProxyType({k: frozenset(v) for k, v in keys.items()}))
            )
    return found


def _decisions(facts: Facts) -> dict[tuple[str | None, str | None, str | None], tuple[str, Fact]]:
    """(new case, new job, earlier case) -> the decision and the note that recorded it."""
    found: dict[tuple[str | None, str | None, str | None], tuple[str, Fact]] = {}
    for note in facts.of_kind("note"):
        for member, status in ((ACCEPTED_MEMBER, ACCEPTED), (REJECTED_MEMBER, REJECTED)):
            said = note.data.get(member)
            if isinstance(said, Mapping) and said.get("of_case"):
                job = said.get("job")
                key = (note.case, str(job) if job else None, str(said["of_case"]))
                found[key] = (status, note)
    return found


def _left(facts: Facts, job: str, items: frozenset[str], by: Fact) -> str:
    """What had become of the earlier job's items when `by` (the new job) was raised."""
    verdicts = [
        v
        for v in facts.of_kind("works.verified")
        if job_of(v) == job
        and overlaps(items_of(v.data.get("items")), items)
        and v.earliest <= by.latest
    ]
    if verdicts:
        last = verdicts[-1]
        return VERIFIED if last.data.get("result") == "confirmed" else FOUND_NOT_DONE
    claims = [
        c
        for c in facts.of_kind("works.completed")
        if job_of(c) == job
        and overlaps(items_of(c.data.get("items")), items)
        and c.earliest <= by.latest
    ]
    return CLAIMED if claims else OPEN


def _match(new: _Subject, old: _Subject) -> str | None:
    if new.fact.kind != old.fact.kind:
        return None
    shared = sorted(set(new.keys) & set(old.keys))
    return shared[0] if shared else None


def _earlier(old: _Subject, new: _Subject) -> bool:
    return (old.fact.earliest, old.fact.order) < (new.fact.earliest, new.fact.order)


def repeats(facts: Facts, *, as_of: dt.date) -> list[Repeat]:
    """Every new job or hazard case for a defect already on record in another case, as of
    `as_of`: proposed, accepted or rejected. Each new one is matched to the EARLIEST record of
    the same defect (its original start)."""
    seen = facts.as_of(as_of)
    decisions = _decisions(seen)
    subjects = _subjects(seen)
    found: list[Repeat] = []
    proposed: set[tuple[str | None, str | None]] = set()
    for new in subjects:
        if (new.fact.case, new.job) in proposed:
            continue
        for old in subjects:
            matched = _match(new, old)
            if matched is None or not _earlier(old, new) or old.fact.case == new.fact.case:
                continue
            decided = decisions.get((new.fact.case, new.job, old.fact.case))
            if decided is None and old.fact.case in seen.linked(new.fact.case):
                continue
            found.append(_repeat(seen, new, old, matched, decided))
            proposed.add((new.fact.case, new.job))
            break
    return found


def _repeat(
    facts: Facts, new: _Subject, old: _Subject, matched: str, decided: tuple[str, Fact] | None
) -> Repeat:
    basis = HAZARD if new.job is None else ELEMENT
    left = _left(facts, old.job, old.keys[matched], new.fact) if old.job else OPEN
    day, earlier_day = local_date(new.fact.starts_at), local_date(old.fact.starts_at)
    if basis == ELEMENT:
        text = JOB_TEXT.format(
            job=new.job,
            case=new.fact.case or "no case",
            day=show(day),
            element=matched,
            earlier_job=old.job,
            earlier_case=old.fact.case or "no case",
            earlier_day=show(earlier_day),
            left=LEFT[left],
        )
    else:
        text = HAZARD_TEXT.format(
            hazard=matched.replace("_", " "),
            day=show(day),
            case=new.fact.case or "no case",
            earlier_day=show(earlier_day),
            earlier_case=old.fact.case or "no case",
        )
    status, note = decided if decided else (PROPOSED, None)
    if note is not None:
        text += DECIDED[status].format(day=show(note.earliest_date))
    return Repeat(
        case=new.fact.case,
        job=new.job,
        event=new.fact.id,
        raised=day,
        earlier_case=old.fact.case,
        earlier_job=old.job,
        earlier_event=old.fact.id,
        earlier_raised=earlier_day,
        basis=basis,
        matched=matched,
        earlier_left=left,
        status=status,
        decided_event=note.id if note else None,
        decided_on=note.earliest_date if note else None,
        explanation=text,
        imprecise=new.fact.imprecise or old.fact.imprecise,
    )


# --- what an accepted repeat does to the clocks ------------------------------------------


def accepted(facts: Facts) -> list[Fact]:
    """The notes accepting a repeat, in time order."""
    return [
        note
        for note in facts.of_kind("note")
        if isinstance(note.data.get(ACCEPTED_MEMBER), Mapping)
        and note.data[ACCEPTED_MEMBER].get("of_case")
    ]


def with_repeat_links(facts: Facts) -> Facts:
    """The facts with each accepted repeat's two cases linked (as the database's own link
    does), so the clocks that read linked cases read both."""
    extra: dict[str, set[str]] = {}
    for note in accepted(facts):
        if note.case:
            extra.setdefault(note.case, set()).add(str(note.data[ACCEPTED_MEMBER]["of_case"]))
    if not extra:
        return facts
    cases = dict(facts.cases)
    for ref, more in extra.items():
        own = cases.get(ref) or CaseRef(ref, "")
        cases[ref] = replace(own, links=own.links | frozenset(more))
    return replace(facts, cases=MappingProxyType(cases))


def first_start_of_job(facts: Facts, job: str) -> Fact | None:
    """Where an earlier job's own repair clock started: the report naming it, or its raising."""
    for kind in ("repair.reported", "works.raised"):
        found = [f for f in facts.of_kind(kind) if job_of(f) == job]
        if found:
            return found[0]
    return None


def _first_report(facts: Facts, case: str, hazard: str) -> Fact | None:
    for report in facts.of_kind("hazard.reported", cases=(case,)):
        if _norm(report.data.get("hazard")) == hazard:
            return report
    return None


def original_start(facts: Facts, spec: ClockSpec) -> tuple[Fact, str] | None:
    """The original start an accepted repeat gives this clock, and what it is a repeat of."""
    if spec.definition.name not in REPEAT_CLOCKS:
        return None
    for note in accepted(facts):
        said = note.data[ACCEPTED_MEMBER]
        if note.case != spec.case:
            continue
        if spec.definition.name == "repair.target":
            job = said.get("job")
            if job and said.get("of_job") and job in (job_of(spec.anchor), _raised_job(spec)):
                start = first_start_of_job(facts, str(said["of_job"]))
                if start is not None:
                    return start, f"job {said['of_job']}"
        elif spec.start_event.kind == "hazard.reported":
            hazard = _norm(spec.start_event.data.get("hazard"))
            start = _first_report(facts, str(said["of_case"]), hazard)
            if start is not None:
                return start, f"the {hazard.replace('_', ' ')} reported in {said['of_case']}"
    return None


def repeat_of_job(facts: Facts, case: str | None, job: str | None) -> str | None:
    """The earlier job an accepted repeat names for this job of this case, if any."""
    if job is None:
        return None
    for note in accepted(facts):
        said = note.data[ACCEPTED_MEMBER]
        if note.case == case and said.get("job") == job and said.get("of_job"):
            return str(said["of_job"])
    return None


def _raised_job(spec: ClockSpec) -> str | None:
    return job_of(spec.start_event) if spec.start_event.kind == "works.raised" else None


def keep_original_starts(facts: Facts, specs: Iterable[ClockSpec]) -> list[ClockSpec]:
    """Each clock of an accepted repeat counted from the original start, where that is
    earlier; every other clock as it was."""
    out = []
    for spec in specs:
        original = original_start(facts, spec)
        if original is None or original[0].starts_at >= spec.started_at:
            out.append(spec)
            continue
        start, what = original
        note = KEEPS_START.format(what=what, event=start.id, day=show(local_date(start.starts_at)))
        out.append(
            replace(
                spec,
                start_event=start,
                started_at=start.starts_at,
                notes=(*spec.notes, note),
                imprecise=spec.imprecise or start.imprecise,
                events=tuple(dict.fromkeys((start.id, *spec.events))),
            )
        )
    return out
