"""Each complaint as a complaints lead reads it: its stages side by side, each with the
acknowledgement and response clocks, the outcome, any extension and whether it was valid, the
promises its responses made (with where each stands in the ledger), what its responses said was
done (with whether anyone checked), and the compensation offered on it.

Nothing is counted here: the clocks come from the engine (`families.complaints`), the promises
from the ledger (`ledger`), the claims' verification windows from the engine's
`commitment.verification` clocks, and the offers from `compensation`. This module only groups
them by complaint, so a replay shows "stage 1: received 3 Mar 2022, acknowledgement due 10 Mar
2022 (none on record), response due 17 Mar 2022, sent 24 Mar 2022: 5 working days late"
without the reader having to match clock rows to complaints by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from doorstep.clocks.compensation import Offer
from doorstep.clocks.definitions import complaint_code_2024
from doorstep.clocks.engine import ClockResult
from doorstep.clocks.facts import Fact, Facts, local_date
from doorstep.clocks.families.complaints import Thread, stage_of, threads_in
from doorstep.clocks.families.promises import Claim, items_of
from doorstep.clocks.ledger import CommitmentState

ACK = "complaint.stage{stage}.acknowledgement"
RESPONSE = "complaint.stage{stage}.response"
VERIFICATION = "commitment.verification"

# A stage's state, in the words the complaints page uses.
REFUSED = "refused"
ANSWERED = "answered"
ANSWERED_LATE = "answered_late"
AWAITING = "awaiting_response"
OVERDUE = "overdue"

# What became of a response's statement that something was done.
CLAIM_VERIFIED = "verified"
CLAIM_CONTRADICTED = "contradicted"
CLAIM_UNVERIFIED = "claimed_not_verified"
CLAIM_WAITING = "awaiting_verification"
CLAIM_UNCHECKABLE = "not_verifiable"


@dataclass(frozen=True)
class ClaimView:
    """One thing a response said was done: a job's items, a commitment, or an action."""

    event: str
    job: str | None
    items: tuple[str, ...]
    commitment: str | None
    action: str | None
    state: str
    due: dt.date | None


@dataclass(frozen=True)
class StageView:
    """One stage of a complaint: opened by the receipt (1) or the escalation request (2)."""

    stage: int
    opened: dt.date
    opened_event: str
    acknowledgement: ClockResult | None
    response: ClockResult | None
    responses: tuple[str, ...]
    outcome: str | None
    refused: str | None
    extensions: tuple[str, ...]
    state: str
    imprecise: bool


@dataclass(frozen=True)
class ComplaintView:
    """One complaint in a case, as of the replay date."""

    case: str | None
    received: dt.date
    received_event: str
    code: str
    stages: tuple[StageView, ...]
    commitments: tuple[CommitmentState, ...]
    claims: tuple[ClaimView, ...]
    offers: tuple[Offer, ...]


def _clock(
    clocks: Sequence[ClockResult], name: str, case: str | None, opener: Fact
) -> ClockResult | None:
    for result in clocks:
        if result.clock == name and result.case == case and opener.id in result.events:
            return result
    return None


def _state(response: ClockResult | None, refused: str | None, answered: bool) -> str:
    if refused is not None:
        return REFUSED
    if answered:
        return ANSWERED_LATE if response is not None and response.breached else ANSWERED
    if response is not None and response.breached:
        return OVERDUE
    return AWAITING


def _stage(thread: Thread, stage: int, opener: Fact, clocks: Sequence[ClockResult]) -> StageView:
    responses = [f for f in thread.at_stage(stage, "complaint.response") if f.could_follow(opener)]
    refusals = [f for f in thread.at_stage(stage, "complaint.refused") if f.could_follow(opener)]
    outcome = next(
        (str(f.data["outcome"]) for f in reversed(responses) if f.data.get("outcome")), None
    )
    response = _clock(clocks, RESPONSE.format(stage=stage), thread.case, opener)
    refused = refusals[0].id if refusals and not responses else None
    return StageView(
        stage=stage,
        opened=local_date(opener.starts_at),
        opened_event=opener.id,
        acknowledgement=_clock(clocks, ACK.format(stage=stage), thread.case, opener),
        response=response,
        responses=tuple(f.id for f in responses),
        outcome=outcome,
        refused=refused,
        extensions=tuple(f.id for f in thread.at_stage(stage, "complaint.extended")),
        state=_state(response, refused, bool(responses)),
        imprecise=opener.imprecise,
    )


def _window(clocks: Sequence[ClockResult], response: Fact, subject: str) -> ClockResult | None:
    """The claim's verification window: the engine's `commitment.verification` clock for this
    subject, started by this response (or by the same claim said the same day elsewhere)."""
    for c in clocks:
        if (
            c.clock == VERIFICATION
            and c.subject == subject
            and response.id
            in (
                c.start_event,
                *c.events,
            )
        ):
            return c
    return None


def _claim_state(
    claim: Claim, clocks: Sequence[ClockResult], ledger: Sequence[CommitmentState]
) -> tuple[str, dt.date | None]:
    """Where a response's claim stands: a claimed commitment by the ledger (kept, contradicted),
    else by its verification window (checked in time, contradicted, run out, still open)."""
    if claim.commitment is not None:
        states = {s.state for s in ledger if s.commitment == claim.commitment}
        if "kept" in states:
            return CLAIM_VERIFIED, None
        if "contradicted" in states:
            return CLAIM_CONTRADICTED, None
    window = _window(clocks, claim.event, claim.subject)
    if window is None:
        return CLAIM_UNCHECKABLE, None
    if window.stopped is not None:
        outcome = CLAIM_CONTRADICTED if window.stop_outcome == "not_done" else CLAIM_VERIFIED
        return outcome, window.due
    return (CLAIM_UNVERIFIED if window.breached else CLAIM_WAITING), window.due


def _claims(
    responses: Iterable[Fact], clocks: Sequence[ClockResult], ledger: Sequence[CommitmentState]
) -> list[ClaimView]:
    found = []
    for response in responses:
        for entry in response.data.get("claims_done") or ():
            claim = Claim(
                response,
                job=None if entry.get("job") is None else str(entry["job"]),
                items=items_of(entry.get("items")),
                commitment=None if entry.get("commitment") is None else str(entry["commitment"]),
                action=None if entry.get("action") is None else str(entry["action"]),
            )
            state, due = _claim_state(claim, clocks, ledger)
            found.append(
                ClaimView(
                    event=response.id,
                    job=claim.job,
                    items=tuple(sorted(claim.items)),
                    commitment=claim.commitment,
                    action=claim.action,
                    state=state,
                    due=due,
                )
            )
    return found


def complaints(
    facts: Facts,
    *,
    clocks: Sequence[ClockResult],
    ledger: Sequence[CommitmentState],
    offers: Sequence[Offer],
) -> list[ComplaintView]:
    """Every complaint in the replay, each with its stages, promises, claims and offers."""
    found = []
    for case in facts.case_refs():
        case_threads = threads_in(facts, case)
        for index, thread in enumerate(case_threads):
            view = _complaint(thread, clocks, ledger, offers, case_threads[index + 1 :])
            if view is not None:
                found.append(view)
    return found


def _complaint(
    thread: Thread,
    clocks: Sequence[ClockResult],
    ledger: Sequence[CommitmentState],
    offers: Sequence[Offer],
    later: Sequence[Thread],
) -> ComplaintView | None:
    first = thread.opener(1) or thread.opener(2)
    if first is None:
        return None
    stages = []
    for stage in (1, 2):
        opener = thread.opener(stage)
        if opener is not None:
            stages.append(_stage(thread, stage, opener, clocks))
    responses = [f for f in thread.events if f.kind == "complaint.response"]
    made = {f.id for f in responses}
    promised = tuple(s for s in ledger if s.made_event in made)
    next_start = min((t.events[0].earliest for t in later if t.events), default=None)
    own_offers = tuple(
        o
        for o in offers
        if o.case == thread.case
        and local_date(first.earliest) <= o.offered
        and (next_start is None or o.offered < local_date(next_start))
    )
    received = local_date(first.starts_at)
    return ComplaintView(
        case=thread.case,
        received=received,
        received_event=first.id,
        code="2024" if complaint_code_2024(received) else "earlier",
        stages=tuple(stages),
        commitments=promised,
        claims=tuple(_claims(responses, clocks, ledger)),
        offers=own_offers,
    )


__all__ = ["ClaimView", "ComplaintView", "StageView", "complaints", "stage_of"]
