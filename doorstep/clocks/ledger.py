"""The promise ledger: each commitment's state as of a date.

States (`chronology.md`, "Replay output"): `open`, `kept`, `overdue`, `claimed_not_verified`,
`contradicted`, `dropped`; the first that applies, in that order of precedence: dropped, kept,
contradicted, claimed_not_verified, overdue, open. A claim that the work is done never keeps a
promise by itself; a verification confirming the job's items done does (`findings.md`,
`commitment.overdue`, `commitment.claimed_not_verified`, `commitment.claim_contradicted`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.clocks.facts import Facts, latest_date, local_date
from doorstep.clocks.families.jobs import overlaps
from doorstep.clocks.families.promises import (
    ORDER,
    Claim,
    Promise,
    claims,
    of_commitment,
    promises,
    verifications,
)
from doorstep.policy.resolve import Override, resolve
from doorstep.workdays import Calendar

OPEN = "open"
KEPT = "kept"
OVERDUE = "overdue"
CLAIMED_NOT_VERIFIED = "claimed_not_verified"
CONTRADICTED = "contradicted"
DROPPED = "dropped"
VERIFY_WITHIN = "commitments.verify_within_working_days"


@dataclass(frozen=True)
class CommitmentState:
    """One promise as of a date."""

    case: str | None
    commitment: str
    kind: str
    action: str
    made: dt.date
    made_event: str
    due: dt.date | None
    state: str
    job: str | None
    items: tuple[str, ...]
    imprecise: bool
    events: tuple[str, ...]


def _about(claim: Claim, promise: Promise) -> bool:
    """Whether a claim says this promise (or its job's items) is done."""
    if claim.commitment is not None:
        return claim.commitment == promise.commitment
    return (
        promise.job is not None
        and claim.job == promise.job
        and overlaps(claim.items, promise.items)
        and claim.event.could_follow(promise.made)
    )


def _unverified_too_long(
    facts: Facts, claim: Claim, promise: Promise, as_of: dt.date, days: int, calendar: Calendar
) -> bool:
    due = calendar.add_working_days(local_date(claim.event.starts_at), days)
    items = claim.items or promise.items
    checked = verifications(facts, claim.job or promise.job, items, claim.event)
    return as_of > due and not checked


def state_of(
    facts: Facts, promise: Promise, as_of: dt.date, overrides: tuple[Override, ...], cal: Calendar
) -> tuple[str, tuple[str, ...]]:
    """The promise's state and the events it rests on."""
    if of_commitment(facts, ("commitment.dropped",), promise.commitment, DROPPED):
        return DROPPED, ()
    kinds = ("ombudsman.order_complied",) if promise.kind == ORDER else ("commitment.kept",)
    kept = of_commitment(facts, kinds, promise.commitment, KEPT)
    if promise.job is not None:
        kept += verifications(facts, promise.job, promise.items, promise.made, "confirmed")
    if kept:
        return KEPT, (kept[0].fact.id,)
    said = [c for c in claims(facts) if _about(c, promise)]
    if promise.job is not None:
        for claim in said:
            found = verifications(facts, promise.job, claim.items, claim.event, "not_done")
            if found:
                return CONTRADICTED, (claim.event.id, found[0].fact.id)
    for claim in said:
        policy = resolve(VERIFY_WITHIN, claim.event.latest_date, overrides)
        days = int(policy.value)
        if _unverified_too_long(facts, claim, promise, as_of, days, cal):
            return CLAIMED_NOT_VERIFIED, (claim.event.id,)
    if promise.due and as_of > latest_date(promise.due):
        return OVERDUE, ()
    return OPEN, ()


def commitment_states(
    facts: Facts, *, as_of: dt.date, overrides: tuple[Override, ...], calendar: Calendar
) -> list[CommitmentState]:
    """Every commitment and order in the record as of `as_of`."""
    seen = facts.as_of(as_of)
    found = []
    for promise in promises(seen):
        state, events = state_of(seen, promise, as_of, overrides, calendar)
        found.append(
            CommitmentState(
                case=promise.case,
                commitment=promise.commitment,
                kind=promise.kind,
                action=promise.action,
                made=local_date(promise.made.starts_at),
                made_event=promise.made.id,
                due=latest_date(promise.due) if promise.due else None,
                state=state,
                job=promise.job,
                items=tuple(sorted(promise.items)),
                imprecise=promise.made.imprecise or bool(promise.due and len(promise.due) < 10),
                events=(promise.made.id, *events),
            )
        )
    return found
