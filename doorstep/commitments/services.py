"""Making, claiming, verifying and dropping commitments.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its event through the timeline, and brings the `Commitment` rows of that
household's history into line with the ledger (`projections.commitments_project`), all in one
transaction. Time comes in as `at`; nothing here reads the clock.

A contractor's word that works are done is a claim (`works.completed`): it never closes a
commitment. Only evidence does: a post-inspection, or the resident's confirmation
(`works.verified`, or `commitment.kept` for a promise that is not works). A claim the check
finds untrue is recorded as such (`result: not_done`) and the commitment is owed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.commitments.choices import CLOSED, ClaimedBy, Method, Recorded, Result
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project
from doorstep.core.errors import DomainError, NotPermitted
from doorstep.core.references import next_reference
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event, Stream
from doorstep.timeline.services import event_append, stream_key
from doorstep.timeline.when import When

PREFIX = "COM"

ACTION_NEEDED = "Say what was promised."
DUE_BEFORE_PROMISE = "A commitment cannot fall due before it was made ({due} is before {made})."
ITEMS_WITHOUT_JOB = "Name the job the items belong to, or leave the items out."
SOURCE_ELSEWHERE = "The promise must have been made in an entry of this household's record."
ALREADY_CLOSED = "Commitment {ref} is already {state}; nothing more can be recorded against it."
NO_JOB_TO_CLAIM = (
    "Only works can be claimed done, and this commitment names no job. Record the evidence "
    "that it was kept instead."
)
CLAIM_WAITING = (
    "Commitment {ref} is already claimed done and waiting for its check. Record the "
    "post-inspection or the resident's confirmation."
)
BAD_CLAIMANT = "Say who claims the work is done: the contractor or a member of staff."
CONTRACTOR_CLAIMS_AS_CONTRACTOR = "A contractor's claim is recorded as the contractor's."
NOT_YOUR_CASE = "Your firm is not working on this case, so it cannot claim its works done."
DONE_AFTER_CLAIM = "Work cannot have been done after it was claimed done ({day})."
METHOD_NEEDED = (
    "Say how it was checked: a post-inspection, or the resident confirmed it. A claim alone "
    "does not close a commitment."
)
RESULT_NEEDED = "Say what the check found: done, or not done."
EVIDENCE_NEEDED = "Record the evidence: what the inspection found, or what the resident said."
CONTRACTOR_CANNOT_VERIFY = (
    "A contractor cannot verify work: its word is the claim. The check must be a "
    "post-inspection or the resident's confirmation."
)
NOTHING_TO_CONTRADICT = (
    "This commitment names no job, so there is no claim of works to find untrue. It stays "
    "open until the evidence shows it kept."
)
REASON_NEEDED = "Give the reason the commitment is dropped."
NO_HISTORY = "Commitment {ref} belongs to no household or building."


def _closed(commitment: Commitment) -> None:
    if commitment.state in CLOSED:
        state = Recorded(commitment.state).label.lower()
        raise DomainError(ALREADY_CLOSED.format(ref=commitment.ref, state=state))


def _append(
    *,
    commitment: Commitment,
    kind: str,
    data: dict[str, Any],
    actor: Model | None,
    at: dt.datetime,
    summary: str,
) -> Event:
    """Append to the commitment's case (or, where an imported one has none, its history)."""
    if commitment.case is not None:
        return record_on_case(
            case=commitment.case, kind=kind, data=data, actor=actor, at=at, summary=summary
        )
    stream = commitment.stream
    if stream.household is None and stream.property is None:
        raise DomainError(NO_HISTORY.format(ref=commitment.ref))
    return event_append(
        kind=kind,
        occurred=When.at(at),
        recorded_at=at,
        actor=actor,
        actor_name=actor_name_of(actor),
        channel=Channel.INTERNAL,
        data=data,
        summary=summary,
        household=stream.household,
        property=stream.property if stream.household is None else stream.household.property,
        case=None,
    )


def _projected(stream_id: int, ref: str) -> Commitment:
    stream = Stream.objects.get(pk=stream_id)
    commitments_project(stream=stream)
    return Commitment.objects.select_related("case", "household", "owner").get(
        stream=stream, ref=ref
    )


def _made_when(source_event: Event | None, at: dt.datetime) -> When:
    if source_event is None:
        return When.at(at)
    return When.parse(source_event.occurred_text)


@transaction.atomic
def commitment_make(
    *,
    actor: Model | None,
    case: Case,
    action: str,
    due: When,
    at: dt.datetime,
    owner: User | None = None,
    job: str | None = None,
    items: Iterable[str] = (),
    source_event: Event | None = None,
) -> Commitment:
    """Record a promise made on the case: what, due when (at the precision given), owned by
    whom, and for works the job and items. `source_event` is the entry it was made in (a
    response, a letter, a visit); the promise is dated as that entry is."""
    action = action.strip()
    if not action:
        raise DomainError(ACTION_NEEDED, field="action")
    if source_event is not None and source_event.stream.key != stream_key(
        household=case.household, property=case.property
    ):
        raise DomainError(SOURCE_ELSEWHERE, field="source_event")
    made = _made_when(source_event, at)
    if due.latest < made.earliest:
        raise DomainError(
            DUE_BEFORE_PROMISE.format(due=due.display(), made=made.display()), field="due"
        )
    job = (job or "").strip() or None
    listed = [i.strip() for i in items if i.strip()]
    if listed and job is None:
        raise DomainError(ITEMS_WITHOUT_JOB, field="items")
    ref = next_reference(PREFIX, at.year)
    data: dict[str, Any] = {
        "commitment": ref,
        "action": action,
        "due": due.text,
        "job": job,
        "items": listed,
    }
    if owner is not None:
        data |= {"owner": actor_name_of(owner), "owner_username": owner.get_username()}
    if source_event is not None:
        data["from_event"] = str(source_event.uid)
    event = record_on_case(
        case=case,
        kind="commitment.made",
        data=data,
        actor=actor,
        at=at,
        occurred=made,
        channel=source_event.channel if source_event is not None else Channel.INTERNAL,
        summary=f"Promised: {action} (due {due.display()})",
    )
    return _projected(event.stream_id, ref)


@transaction.atomic
def commitment_claim_done(
    *,
    actor: Model | None,
    commitment: Commitment,
    claimed_by: str,
    at: dt.datetime,
    completed_on: When | None = None,
) -> Commitment:
    """Record that someone says the promised works are done (`works.completed`). A claim, not
    evidence: the commitment stays owed until the check (`commitment_verify`)."""
    _closed(commitment)
    if claimed_by not in ClaimedBy.values:
        raise DomainError(BAD_CLAIMANT, field="claimed_by")
    contractor_id = getattr(actor, "contractor_id", None)
    if contractor_id is not None:
        if claimed_by != ClaimedBy.CONTRACTOR:
            raise DomainError(CONTRACTOR_CLAIMS_AS_CONTRACTOR, field="claimed_by")
        if commitment.case is None or commitment.case.contractor_id != contractor_id:
            raise NotPermitted(NOT_YOUR_CASE)
    if not commitment.job:
        raise DomainError(NO_JOB_TO_CLAIM)
    if commitment.state == Recorded.CLAIMED:
        raise DomainError(CLAIM_WAITING.format(ref=commitment.ref))
    if completed_on is not None and completed_on.earliest > at:
        raise DomainError(DONE_AFTER_CLAIM.format(day=completed_on.display()), field="completed_on")
    data: dict[str, Any] = {
        "job": commitment.job,
        "items": _item_ids(commitment.items),
        "completed_on": completed_on.text if completed_on else None,
        "claimed_by": claimed_by,
        "commitment": commitment.ref,
    }
    who = ClaimedBy(claimed_by).label
    _append(
        commitment=commitment,
        kind="works.completed",
        data=data,
        actor=actor,
        at=at,
        summary=f"{who} says job {commitment.job} is done (a claim until verified)",
    )
    return _projected(commitment.stream_id, commitment.ref)


def _item_ids(items: Iterable[Any]) -> list[str]:
    return [str(i["id"]) if isinstance(i, dict) else str(i) for i in items]


@transaction.atomic
def commitment_verify(
    *,
    actor: Model | None,
    commitment: Commitment,
    method: str,
    result: str,
    evidence: str,
    at: dt.datetime,
) -> Commitment:
    """Record the check of a commitment: a post-inspection or the resident's confirmation.
    Confirmed keeps it; found not done contradicts the claim and the commitment is owed again."""
    _closed(commitment)
    if getattr(actor, "contractor_id", None) is not None:
        raise NotPermitted(CONTRACTOR_CANNOT_VERIFY)
    if method not in Method.values:
        raise DomainError(METHOD_NEEDED, field="method")
    if result not in Result.values:
        raise DomainError(RESULT_NEEDED, field="result")
    evidence = evidence.strip()
    if not evidence:
        raise DomainError(EVIDENCE_NEEDED, field="evidence")
    how = Method(method).label
    if commitment.job:
        data = {
            "job": commitment.job,
            "items": _item_ids(commitment.items),
            "method": method,
            "result": result,
            "evidence": evidence,
            "commitment": commitment.ref,
        }
        found = Result(result).label.lower()
        summary = f"Job {commitment.job} checked ({how.lower()}): {found}"
        _append(
            commitment=commitment,
            kind="works.verified",
            data=data,
            actor=actor,
            at=at,
            summary=summary,
        )
    elif result == Result.CONFIRMED:
        data = {"commitment": commitment.ref, "evidence": evidence, "method": method}
        summary = f"Commitment {commitment.ref} kept ({how.lower()})"
        _append(
            commitment=commitment,
            kind="commitment.kept",
            data=data,
            actor=actor,
            at=at,
            summary=summary,
        )
    else:
        raise DomainError(NOTHING_TO_CONTRADICT, field="result")
    return _projected(commitment.stream_id, commitment.ref)


@transaction.atomic
def commitment_drop(
    *, actor: Model | None, commitment: Commitment, reason: str, at: dt.datetime
) -> Commitment:
    """Record that a commitment will not be kept, and why. Permission: `drop_commitment`
    (managers), checked where the request comes in."""
    _closed(commitment)
    reason = reason.strip()
    if not reason:
        raise DomainError(REASON_NEEDED, field="reason")
    _append(
        commitment=commitment,
        kind="commitment.dropped",
        data={"commitment": commitment.ref, "reason": reason},
        actor=actor,
        at=at,
        summary=f"Commitment {commitment.ref} dropped: {reason}",
    )
    return _projected(commitment.stream_id, commitment.ref)


def commitments_rebuild() -> int:
    """Recompute every history's commitments from its events (`doorstep commitments_rebuild`).
    Returns how many rows were created or differed; on a healthy record, none but those of
    an import (which writes events, not this projection)."""
    changed = 0
    streams = Stream.objects.filter(
        pk__in=Event.objects.filter(
            kind__in=("commitment.made", "complaint.response", "ombudsman.determination")
        ).values("stream_id")
    ).select_related("household__property", "property")
    for stream in streams.iterator():
        with transaction.atomic():
            changed += commitments_project(stream=stream)
    return changed
