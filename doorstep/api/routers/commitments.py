"""Commitments, the promise ledger: what is still owed, by due date; a promise made on a case;
a claim that its works are done; the check of that claim; dropping it, with the reason.

A contractor sees, and may claim done, only the commitments on its own cases; it may never
verify (its word is the claim). Where each commitment stands (open, overdue, claimed but not
verified, contradicted, kept, dropped) is the ledger's answer as of the date asked, or today.
"""

import datetime as dt
import uuid
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status
from pydantic import field_validator

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import In, Reference, responds
from doorstep.commitments import services
from doorstep.commitments.models import Commitment
from doorstep.commitments.selectors import (
    CommitmentAsOf,
    commitment_as_of,
    commitment_visible,
    open_commitments,
)
from doorstep.core.errors import DomainError
from doorstep.staff.models import User
from doorstep.timeline.schemas import when_text
from doorstep.timeline.when import When

router = Router(tags=["commitments"])

AS_OF = "YYYY-MM-DD: where each commitment stood on this day; default: today"
WHEN = (
    "As precisely as known: 2024, 2024-07, 2024-07-31 or an ISO 8601 date and time. A month "
    "means its last day."
)
UNKNOWN_OWNER = "There is no member of staff with the username {username!r}."

Standing = Literal["open", "overdue", "claimed_not_verified", "contradicted", "kept", "dropped"]


_when = when_text


class CommitmentIn(In):
    action: str = Field(min_length=1, max_length=2000, description="What was promised")
    due: str = Field(description=f"When it is due. {WHEN}")
    owner: str | None = Field(None, description="Username of the member of staff who owns it")
    job: str | None = Field(None, max_length=100, description="For works: the job's reference")
    items: list[str] = Field(
        default_factory=list, description="The job's items it covers; empty: the whole job"
    )
    source_event: uuid.UUID | None = Field(
        None, description="The entry the promise was made in (a response, a letter, a visit)"
    )

    _due = field_validator("due")(_when)


class ClaimIn(In):
    claimed_by: Literal["contractor", "staff"] = Field(description="Who says the work is done")
    completed_on: str | None = Field(None, description=f"When they say it was done. {WHEN}")

    _completed_on = field_validator("completed_on")(_when)


class VerificationIn(In):
    method: Literal["post_inspection", "resident_confirmed"] = Field(
        description="How it was checked. A contractor's word is never a check."
    )
    result: Literal["confirmed", "not_done"]
    evidence: str = Field(
        min_length=1, max_length=2000, description="What the inspection found or the resident said"
    )


class DropIn(In):
    reason: str = Field(min_length=1, max_length=2000)


class CommitmentFilters(Schema):
    as_of: dt.date | None = Field(None, description=AS_OF)
    standing: Standing | None = Field(None, description="Only those that stand so")
    team: str | None = Field(None, description="Only those on this team's cases (its slug)")


class CommitmentOwedOut(Schema):
    """A commitment and where it stands as of a date."""

    id: int
    commitment: str = Field(description="Its reference in the record (COM-2024-000001, k3)")
    kind: Literal["commitment", "order"]
    case: str | None
    household: str | None = Field(description="null: communal")
    action: str
    due: str | None = Field(description="As promised: 2024, 2024-07, 2024-07-31")
    due_date: dt.date | None = Field(description="The last day `due` allows")
    owner: str | None
    made_by: str
    made_on: dt.date
    job: str | None
    items: list[str]
    state: Literal["open", "claimed", "contradicted", "kept", "dropped"] = Field(
        description="What the record says, whatever the date"
    )
    standing: Standing = Field(description="Where it stands as of `as_of`")
    as_of: dt.date
    events: list[str] = Field(description="The entries (uids) its standing rests on")

    @staticmethod
    def resolve_id(obj: CommitmentAsOf) -> int:
        return obj.commitment.pk

    @staticmethod
    def resolve_commitment(obj: CommitmentAsOf) -> str:
        return obj.commitment.ref

    @staticmethod
    def resolve_kind(obj: CommitmentAsOf) -> str:
        return obj.commitment.kind

    @staticmethod
    def resolve_case(obj: CommitmentAsOf) -> str | None:
        case = obj.commitment.case
        return case.reference if case else None

    @staticmethod
    def resolve_household(obj: CommitmentAsOf) -> str | None:
        household = obj.commitment.household
        return household.reference if household else None

    @staticmethod
    def resolve_action(obj: CommitmentAsOf) -> str:
        return obj.commitment.action

    @staticmethod
    def resolve_due(obj: CommitmentAsOf) -> str | None:
        return obj.commitment.due_text or None

    @staticmethod
    def resolve_due_date(obj: CommitmentAsOf) -> dt.date | None:
        return obj.commitment.due_date

    @staticmethod
    def resolve_owner(obj: CommitmentAsOf) -> str | None:
        return obj.commitment.owner_name or None

    @staticmethod
    def resolve_made_by(obj: CommitmentAsOf) -> str:
        return obj.commitment.made_by_name

    @staticmethod
    def resolve_made_on(obj: CommitmentAsOf) -> dt.date:
        return obj.commitment.made_on

    @staticmethod
    def resolve_job(obj: CommitmentAsOf) -> str | None:
        return obj.commitment.job or None

    @staticmethod
    def resolve_items(obj: CommitmentAsOf) -> list[str]:
        return [str(i["id"]) if isinstance(i, dict) else str(i) for i in obj.commitment.items]

    @staticmethod
    def resolve_state(obj: CommitmentAsOf) -> str:
        return obj.commitment.state

    @staticmethod
    def resolve_events(obj: CommitmentAsOf) -> list[str]:
        return list(obj.events)


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate(received_at(request))


def _standing(request: HttpRequest, commitment: Commitment) -> CommitmentAsOf | None:
    return commitment_as_of(commitment=commitment, as_of=_today(request))


@router.get(
    "/commitments",
    response=responds(200, list[CommitmentOwedOut]),
    auth=requires("commitments.view_commitment"),
)
@paginate(LimitOffsetPagination)
def commitment_list(request: HttpRequest, filters: Query[CommitmentFilters]) -> Any:
    """Every commitment still owed as of `as_of` on the cases you may see, the soonest due
    first (the undated last): overdue, claimed done but not verified, contradicted (claimed,
    then found not done), or open; with its household, case, who made it and its owner."""
    return open_commitments(
        user=caller(request),
        as_of=filters.as_of or _today(request),
        standing=filters.standing,
        team=filters.team,
    )


def _owner(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username, contractor__isnull=True).first()
    if found is None:
        raise DomainError(UNKNOWN_OWNER.format(username=username), field="owner")
    return found


def _made(request: HttpRequest, first: IntakeRecord, **_: Any) -> CommitmentAsOf | None:
    """The commitment the first request made: by this caller, at the moment it arrived."""
    made = Commitment.objects.filter(
        made_event__recorded_at=first.received_at, made_event__actor=caller(request)
    )
    return _standing(request, only(made))


@router.post(
    "/cases/{reference}/commitments",
    response=responds(201, CommitmentOwedOut),
    auth=requires("commitments.add_commitment"),
)
@idempotent(_made)
def commitment_create(request: HttpRequest, reference: Reference, payload: CommitmentIn) -> Any:
    """Record a promise made on the case: what, due when (at the precision it was given),
    owned by whom, and for works the job and items it covers."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    source = (
        selectors.event_named(user=user, uid=payload.source_event, field="source_event")
        if payload.source_event
        else None
    )
    made = services.commitment_make(
        actor=user,
        case=case,
        action=payload.action,
        due=When.parse(payload.due),
        owner=_owner(payload.owner),
        job=payload.job,
        items=payload.items,
        source_event=source,
        at=received_at(request),
    )
    return Status(201, _standing(request, made))


def _again(request: HttpRequest, first: IntakeRecord, id: int, **_: Any) -> Any:
    return _standing(request, commitment_visible(pk=id, user=caller(request)))


@router.post(
    "/commitments/{id}/claims",
    response=responds(201, CommitmentOwedOut),
    auth=requires("commitments.claim_commitment"),
)
@idempotent(_again)
def commitment_claim_create(request: HttpRequest, id: int, payload: ClaimIn) -> Any:
    """Record that someone says the works are done. A claim, not evidence: the commitment stays
    owed until a post-inspection or the resident confirms it (`/verifications`)."""
    user = caller(request)
    claimed = services.commitment_claim_done(
        actor=user,
        commitment=commitment_visible(pk=id, user=user),
        claimed_by=payload.claimed_by,
        completed_on=When.parse(payload.completed_on) if payload.completed_on else None,
        at=received_at(request),
    )
    return Status(201, _standing(request, claimed))


@router.post(
    "/commitments/{id}/verifications",
    response=responds(201, CommitmentOwedOut),
    auth=requires("commitments.change_commitment"),
)
@idempotent(_again)
def commitment_verification_create(request: HttpRequest, id: int, payload: VerificationIn) -> Any:
    """Record the check: confirmed keeps the commitment; not done records the claim as untrue
    and the commitment is owed again (`contradicted`)."""
    user = caller(request)
    checked = services.commitment_verify(
        actor=user,
        commitment=commitment_visible(pk=id, user=user),
        method=payload.method,
        result=payload.result,
        evidence=payload.evidence,
        at=received_at(request),
    )
    return Status(201, _standing(request, checked))


@router.post(
    "/commitments/{id}/drop",
    response=responds(200, CommitmentOwedOut),
    auth=requires("commitments.drop_commitment"),
)
@idempotent(_again)
def commitment_drop(request: HttpRequest, id: int, payload: DropIn) -> Any:
    """Drop the commitment, with the reason: it will not be kept."""
    user = caller(request)
    return _standing(
        request,
        services.commitment_drop(
            actor=user,
            commitment=commitment_visible(pk=id, user=user),
            reason=payload.reason,
            at=received_at(request),
        ),
    )
