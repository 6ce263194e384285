"""Recurring defects: the jobs and hazards of a case that repeat a defect already on record in
another case of the same home (proposed, accepted or rejected), and an officer's decision.

Accepted, the cases are linked and the new clocks keep the original start; rejected, the
proposal is closed with the reason. A decision needs no proposal: an officer who knows two
cases are the same defect may say so.
"""

import datetime as dt
import uuid
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import In, Reference, responds
from doorstep.cases.models import Case
from doorstep.core.errors import DomainError
from doorstep.deadlines.selectors import CaseRepeat
from doorstep.repeats.selectors import repeats_for_case
from doorstep.repeats.services import repeat_accept, repeat_reject
from doorstep.timeline.models import Event

router = Router(tags=["recurring defects"])

UNKNOWN_CASE = "There is no case {reference!r} that you may see."


class RepeatFilters(Schema):
    as_of: dt.date | None = Field(
        None, description="YYYY-MM-DD: as the record stood; default: today"
    )


class RepeatOut(Schema):
    """A job or hazard of the case for a defect already on record in another case."""

    case: str
    job: str | None = Field(description="The new job; null: a hazard report")
    event: str = Field(description="The entry that raised it (the file's id, or a uid)")
    raised: dt.date
    earlier_case: str | None
    earlier_job: str | None
    earlier_event: str
    earlier_raised: dt.date
    basis: Literal["element", "hazard"] = Field(
        description="Matched on the same part of the home, or the same HHSRS hazard"
    )
    matched: str = Field(description="The element or hazard they share")
    earlier_left: Literal["open", "claimed_not_verified", "found_not_done", "verified"] = Field(
        description="What had become of the earlier job when the new one was raised"
    )
    status: Literal["proposed", "accepted", "rejected"]
    decided_on: dt.date | None
    explanation: str
    imprecise: bool


class RepeatDecisionIn(In):
    earlier_case: str = Field(
        min_length=1, max_length=30, description="The earlier case's reference"
    )
    decision: Literal["accept", "reject"] = Field(
        description="accept: the same defect (the clocks keep the original start); reject: not"
    )
    reason: str = Field(min_length=1, max_length=2000, description="What makes it so")
    job: str | None = Field(None, max_length=100, description="The new job, where it is one")
    earlier_job: str | None = Field(None, max_length=100, description="The earlier job")


class RepeatDecisionOut(Schema):
    case: str
    earlier_case: str
    decision: Literal["accept", "reject"]
    event: uuid.UUID = Field(description="The entry that records the decision")
    linked: bool = Field(description="Whether the two cases are now linked")


def _out(repeat: CaseRepeat) -> dict[str, Any]:
    return dict(repeat.data)


def _decision(case: Case, note: Event) -> dict[str, Any]:
    said = note.data.get("repeat_of") or note.data.get("not_repeat_of") or {}
    earlier = str(said.get("of_case") or "")
    return {
        "case": case.reference,
        "earlier_case": earlier,
        "decision": "accept" if "repeat_of" in note.data else "reject",
        "event": note.uid,
        "linked": case.links.filter(reference=earlier).exists(),
    }


def _decided(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    """The decision a first request recorded: the case's note written at its arrival."""
    case = selectors.case_for(user=caller(request), reference=reference)
    notes = Event.objects.filter(
        case=case, kind="note", recorded_at=first.received_at, actor=caller(request)
    )
    return _decision(case, only(notes))


@router.get(
    "/cases/{reference}/repeats",
    response=responds(200, list[RepeatOut]),
    auth=requires("cases.view_case"),
)
def repeat_list(request: HttpRequest, reference: Reference, filters: Query[RepeatFilters]) -> Any:
    """The case's jobs and hazards that repeat a defect already on record, as of a date."""
    case = selectors.case_for(user=caller(request), reference=reference)
    as_of = filters.as_of or timezone.localdate(received_at(request))
    return [_out(r) for r in repeats_for_case(case=case, as_of=as_of)]


@router.post(
    "/cases/{reference}/repeats",
    response=responds(201, RepeatDecisionOut),
    auth=requires("cases.change_case"),
)
@idempotent(_decided)
def repeat_decide(request: HttpRequest, reference: Reference, payload: RepeatDecisionIn) -> Any:
    """Decide whether the case (its `job`) repeats the defect in `earlier_case` (its
    `earlier_job`). Accepted: linked, and the clocks keep the original start."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    try:
        earlier = selectors.case_for(user=user, reference=payload.earlier_case)
    except Case.DoesNotExist:
        raise DomainError(
            UNKNOWN_CASE.format(reference=payload.earlier_case), field="earlier_case"
        ) from None
    service = repeat_accept if payload.decision == "accept" else repeat_reject
    note = service(
        actor=user,
        case=case,
        earlier=earlier,
        job=payload.job,
        earlier_job=payload.earlier_job,
        reason=payload.reason,
        at=received_at(request),
    )
    return Status(201, _decision(case, note))
