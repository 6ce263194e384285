"""Jobs, their items, completions and verifications: what repair, hazard and promise clocks share.

A job referred to without ever being raised comes into being at its first reference
(`chronology.md`, "Events"), so every lookup here tolerates a job with no `works.raised`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from doorstep.clocks.facts import Fact, Facts, earliest_date, end_of, latest_date, start_of
from doorstep.clocks.specs import Stop


def items_of(value: Any) -> frozenset[str]:
    """Item ids from a `data.items` list (of ids, or of `{id, ...}` objects)."""
    found: set[str] = set()
    for item in value or ():
        if isinstance(item, Mapping):
            if item.get("id") is not None:
                found.add(str(item["id"]))
        else:
            found.add(str(item))
    return frozenset(found)


def job_of(fact: Fact) -> str | None:
    job = fact.data.get("job")
    return None if job is None else str(job)


def raised_jobs(facts: Facts) -> dict[str, Fact]:
    """The first `works.raised` of each job."""
    found: dict[str, Fact] = {}
    for fact in facts.of_kind("works.raised"):
        job = job_of(fact)
        if job is not None:
            found.setdefault(job, fact)
    return found


def appointment_jobs(facts: Facts) -> dict[str, str]:
    """Which job (or inspection) each appointment was booked for."""
    found: dict[str, str] = {}
    for fact in facts.of_kind("appointment.booked"):
        appointment, target = fact.data.get("appointment"), fact.data.get("for")
        if appointment is not None and target is not None:
            found.setdefault(str(appointment), str(target))
    return found


def completion_stop(fact: Fact) -> Stop:
    """A `works.completed` as a stop: at `completed_on` where given (its earliest day), else at
    the claim's own earliest moment."""
    done = fact.data.get("completed_on")
    if not done:
        return Stop.of(fact)
    text = str(done)
    imprecise = fact.imprecise or len(text) < len("YYYY-MM-DD")
    return Stop(fact, start_of(earliest_date(text)), end_of(latest_date(text)), "", imprecise)


def overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two item lists concern the same work (an empty list means the whole job)."""
    return not a or not b or bool(a & b)


def contradicted(completion: Fact, verdicts: Iterable[Fact]) -> frozenset[str] | None:
    """The items of a completion that a later `works.verified` found not done (None: none)."""
    items = items_of(completion.data.get("items"))
    bad: set[str] = set()
    found = False
    for verdict in verdicts:
        same_job = job_of(verdict) == job_of(completion)
        later = verdict.could_follow(completion)
        theirs = items_of(verdict.data.get("items"))
        not_done = verdict.data.get("result") == "not_done"
        if not_done and same_job and later and overlaps(items, theirs):
            found = True
            bad |= (items & theirs) if items and theirs else set(items)
    return frozenset(bad) if found else None


def covering_stops(
    candidates: Iterable[Stop], wanted: frozenset[str], items: dict[str, frozenset[str]]
) -> tuple[Stop, ...]:
    """Stops that complete the `wanted` items. Without a list of wanted items, every candidate
    stops; with one, the stop is the candidate at which the items done so far cover it."""
    ordered = sorted(candidates, key=lambda s: (s.earliest, s.fact.order))
    if not wanted:
        return tuple(ordered)
    done: set[str] = set()
    for stop in ordered:
        theirs = items[stop.fact.id]
        done |= theirs or wanted
        if wanted <= done:
            return (stop,)
    return ()
