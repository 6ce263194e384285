"""Promises and claims read from the record: commitments, Ombudsman orders, completion claims.

A commitment is anything promised on the landlord's side: a `commitment.made`, an entry of a
response's `commitments`, an order of an `ombudsman.determination`. A claim is a statement that
something is done: a `works.completed`, an entry of a response's `claims_done`
(`chronology.md`, "Commitments" and "Complaints"). A commitment named again later keeps its
first mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from doorstep.clocks.facts import Fact, Facts, local_date
from doorstep.clocks.families.jobs import covering_stops, items_of, job_of
from doorstep.clocks.specs import Stop

COMMITMENT = "commitment"
ORDER = "order"


@dataclass(frozen=True)
class Promise:
    """A commitment or an order: who made it, in which event, due when, about which work."""

    commitment: str
    case: str | None
    made: Fact
    action: str
    due: str | None
    job: str | None
    items: frozenset[str]
    kind: str = COMMITMENT


@dataclass(frozen=True)
class Claim:
    """A statement that work, a commitment or an action is done."""

    event: Fact
    job: str | None = None
    items: frozenset[str] = frozenset()
    commitment: str | None = None
    action: str | None = None
    also: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        if self.job is not None:
            listed = ", ".join(sorted(self.items))
            return f"job {self.job}" + (f" ({listed})" if listed else "")
        if self.commitment is not None:
            return f"commitment {self.commitment}"
        return f"action: {self.action}"

    def identity(self) -> tuple[object, ...]:
        """The same claim said twice on one day (a job's record and the response) is one."""
        day = local_date(self.event.starts_at)
        return (self.job, self.items, self.commitment, self.action, day)


# The kinds a promise is made in: a history without them holds no commitment or order.
PROMISE_KINDS = ("commitment.made", "complaint.response", "ombudsman.determination")


def _promise(fact: Fact, entry: Mapping[str, Any], kind: str) -> Promise:
    job = entry.get("job")
    return Promise(
        commitment=str(entry["commitment"]),
        case=fact.case,
        made=fact,
        action=str(entry.get("action") or ""),
        due=None if entry.get("due") is None else str(entry["due"]),
        job=None if job is None else str(job),
        items=items_of(entry.get("items")),
        kind=kind,
    )


def _entries(fact: Fact) -> Iterator[tuple[Mapping[str, Any], str]]:
    if fact.kind == "commitment.made":
        yield fact.data, COMMITMENT
    elif fact.kind == "complaint.response":
        yield from ((e, COMMITMENT) for e in fact.data.get("commitments") or ())
    else:
        yield from ((e, ORDER) for e in fact.data.get("orders") or ())


def promises(facts: Facts) -> list[Promise]:
    """Every commitment and order in the record, at its first mention."""
    found: dict[str, Promise] = {}
    for fact in facts.of_kind(*PROMISE_KINDS):
        for entry, kind in _entries(fact):
            if entry.get("commitment") is not None:
                found.setdefault(str(entry["commitment"]), _promise(fact, entry, kind))
    return list(found.values())


def _claims_in(fact: Fact) -> Iterator[Claim]:
    if fact.kind == "works.completed":
        yield Claim(fact, job_of(fact), items_of(fact.data.get("items")))
        return
    for entry in fact.data.get("claims_done") or ():
        job = entry.get("job")
        yield Claim(
            fact,
            job=None if job is None else str(job),
            items=items_of(entry.get("items")),
            commitment=None if entry.get("commitment") is None else str(entry["commitment"]),
            action=None if entry.get("action") is None else str(entry["action"]),
        )


def claims(facts: Facts) -> list[Claim]:
    """Every completion claim, one per claim however many events repeat it the same day (the
    `works.completed`, the job's own record, is kept before a response's `claims_done`)."""
    found: dict[tuple[object, ...], Claim] = {}
    events = sorted(
        facts.of_kind("works.completed", "complaint.response"),
        key=lambda f: (local_date(f.starts_at), f.kind != "works.completed", f.order),
    )
    for fact in events:
        for claim in _claims_in(fact):
            first = found.setdefault(claim.identity(), claim)
            if first is not claim:
                found[claim.identity()] = _also(first, fact.id)
    return list(found.values())


def _also(claim: Claim, event: str) -> Claim:
    return Claim(
        claim.event, claim.job, claim.items, claim.commitment, claim.action, (*claim.also, event)
    )


def verifications(
    facts: Facts, job: str | None, items: frozenset[str], after: Fact, result: str | None = None
) -> tuple[Stop, ...]:
    """`works.verified` of the job that may follow `after`, the one at which every item is
    verified (all of them, where `items` is empty); only of `result`, where given."""
    found = [
        f
        for f in facts.of_kind("works.verified")
        if job_of(f) == job
        and f.could_follow(after)
        and (result is None or f.data.get("result") == result)
    ]
    stops = [Stop.of(f, str(f.data.get("result") or "")) for f in found]
    return covering_stops(stops, items, {f.id: items_of(f.data.get("items")) for f in found})


def of_commitment(facts: Facts, kinds: Iterable[str], commitment: str, outcome: str) -> list[Stop]:
    """Events of these kinds about one commitment (`data.commitment`)."""
    return [
        Stop.of(f, outcome)
        for f in facts.of_kind(*kinds)
        if str(f.data.get("commitment")) == commitment
    ]
