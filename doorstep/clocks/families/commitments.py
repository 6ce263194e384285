"""Promise clocks: each commitment by its own due date, and each completion claim verified.

Sources: `chronology.md` ("Clocks": `commitment.due`; "Commitments"), `regulation.md`:
`commitments.verify_within_working_days` (Doorstep default 10; the Ombudsman expects a
post-inspection or the resident's confirmation: Clarion, CH 7 and order 8).
"""

from __future__ import annotations

from collections.abc import Iterator

from doorstep.clocks.definitions import CommitmentDue, CommitmentVerification, Unit
from doorstep.clocks.facts import is_imprecise_text, latest_date, local_date
from doorstep.clocks.families.promises import (
    COMMITMENT,
    Claim,
    Promise,
    claims,
    of_commitment,
    promises,
    verifications,
)
from doorstep.clocks.specs import ClockSpec, Context, Stop

DUE_SOURCE = "The commitment's own due date ({due}, in {event})"
NO_VERIFIER = "A claim of an action has nothing in the record that can verify it."
SAME_CLAIM = "The same claim is repeated in {events}."


def specs(ctx: Context) -> Iterator[ClockSpec]:
    """A clock for every dated commitment and every completion claim in the replay."""
    made = promises(ctx.facts)
    for promise in made:
        if promise.kind == COMMITMENT and promise.due:
            yield due_spec(ctx, promise)
    by_id = {p.commitment: p for p in made}
    for claim in claims(ctx.facts):
        yield verification_spec(ctx, claim, by_id)


def kept_stops(ctx: Context, promise: Promise) -> tuple[Stop, ...]:
    """Kept (`commitment.kept`, or its job's items verified done), or dropped."""
    kept = of_commitment(ctx.facts, ("commitment.kept",), promise.commitment, "kept")
    dropped = of_commitment(ctx.facts, ("commitment.dropped",), promise.commitment, "dropped")
    confirmed: tuple[Stop, ...] = ()
    if promise.job is not None:
        found = verifications(ctx.facts, promise.job, promise.items, promise.made, "confirmed")
        confirmed = tuple(Stop(s.fact, s.earliest, s.latest, "kept", s.imprecise) for s in found)
    return (*kept, *dropped, *confirmed)


def due_spec(ctx: Context, promise: Promise) -> ClockSpec:
    due_text = str(promise.due)
    due = latest_date(due_text)
    made = promise.made
    return ClockSpec(
        definition=CommitmentDue,
        unit=Unit.DATE,
        case=promise.case,
        subject=f"commitment {promise.commitment}",
        anchor=made,
        start_event=made,
        started_at=made.starts_at,
        rule=f"{CommitmentDue.rule}: {promise.action}" if promise.action else CommitmentDue.rule,
        source=DUE_SOURCE.format(due=due_text, event=made.id),
        fixed_due=due,
        stops=kept_stops(ctx, promise),
        imprecise=made.imprecise or is_imprecise_text(due_text),
        events=(made.id,),
    )


def claim_stops(ctx: Context, claim: Claim, by_id: dict[str, Promise]) -> tuple[Stop, ...]:
    """What verifies a claim: a `works.verified` of its job's items, or, for a commitment, its
    `commitment.kept` or its job verified."""
    if claim.job is not None:
        return verifications(ctx.facts, claim.job, claim.items, claim.event)
    if claim.commitment is None:
        return ()
    kept = of_commitment(ctx.facts, ("commitment.kept",), claim.commitment, "kept")
    promise = by_id.get(claim.commitment)
    if promise is None or promise.job is None:
        return tuple(kept)
    return (*kept, *verifications(ctx.facts, promise.job, promise.items, claim.event))


def verification_spec(ctx: Context, claim: Claim, by_id: dict[str, Promise]) -> ClockSpec:
    event = claim.event
    definition = CommitmentVerification
    policy = ctx.policy(definition.policy_key or "", local_date(event.starts_at))
    notes = [NO_VERIFIER] if claim.job is None and claim.commitment is None else []
    if claim.also:
        notes.append(SAME_CLAIM.format(events=", ".join((event.id, *claim.also))))
    return ClockSpec(
        definition=definition,
        unit=definition.unit,
        case=event.case,
        subject=claim.subject,
        anchor=event,
        start_event=event,
        started_at=event.starts_at,
        rule=definition.rule.format(n=policy.value),
        source=policy.source,
        amount=int(policy.value),
        stops=claim_stops(ctx, claim, by_id),
        notes=tuple(notes),
        imprecise=event.imprecise,
        events=(event.id, *claim.also),
    )
