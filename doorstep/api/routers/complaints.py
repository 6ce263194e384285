"""Complaints under the Housing Ombudsman's Complaint Handling Code: list the open ones by
response due, record one for a household (from any channel, or from a contact on its record),
read one, and acknowledge, extend, escalate, refuse and name its officer.

The clocks of a complaint (acknowledgement and response at each stage) are at
`GET /cases/{reference}/clocks`.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.complaints import selectors as complaints
from doorstep.complaints.models import Complaint
from doorstep.complaints.schemas import (
    AcknowledgeIn,
    AssignIn,
    ComplaintIn,
    ComplaintOut,
    EscalateIn,
    ExtendIn,
    RefuseIn,
)
from doorstep.complaints.services import (
    complaint_acknowledge,
    complaint_assign,
    complaint_escalate,
    complaint_extend,
    complaint_receive,
    complaint_refuse,
)
from doorstep.core.errors import DomainError
from doorstep.staff.models import User

router = Router(tags=["complaints"])

VIEW = "complaints.view_complaint"
HANDLE = "complaints.handle_complaint"
COMPLAINT = "/complaints/{reference}"
UNKNOWN_OFFICER = "There is no member of staff with the username {username!r}."


class ComplaintFilters(Schema):
    stage: int | None = Field(None, ge=1, le=2, description="Only complaints at this stage")
    officer: str | None = Field(
        None, description="Only those of this officer (username); 'none': no officer named"
    )
    open_only: bool = Field(True, description="Only complaints not yet answered or refused")


def _complaint(request: HttpRequest, reference: str) -> Complaint:
    return complaints.complaint_named(user=caller(request), reference=reference)


def _same(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Complaint:
    """An action's retry: the complaint as it stands (the first request's change is on it)."""
    return _complaint(request, reference)


def _received(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(complaints.complaint_received_by(user=caller(request), moment=first.received_at))


@router.get("/complaints", response=responds(200, list[ComplaintOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def complaint_list(request: HttpRequest, filters: Query[ComplaintFilters]) -> Any:
    """The complaints you may see, the soonest response due first (as validly extended): open
    ones unless `open_only` is false; by stage, or officer."""
    return complaints.complaints_list(
        user=caller(request),
        stage=filters.stage,
        officer=filters.officer or "",
        open_only=filters.open_only,
    )


@router.post(
    "/households/{reference}/complaints",
    response=responds(201, ComplaintOut),
    auth=requires("complaints.receive_complaint"),
)
@idempotent(_received)
def complaint_create(request: HttpRequest, reference: Reference, payload: ComplaintIn) -> Any:
    """Record a complaint (stage 1) from the household: an expression of dissatisfaction,
    however made, about the landlord's service, actions or lack of action (the resident need
    not say "complaint"). Opens a complaint case; with `from_contact`, in one step from that
    contact, which the case keeps as its origin (a contact that already opened a case is
    refused, naming it). A service request (a request to put something right) is not a
    complaint: record it as a case of type enquiry."""
    user, at = caller(request), received_at(request)
    household = selectors.household_for(user=user, reference=reference)
    contact = (
        selectors.event_named(user=user, uid=payload.from_contact, field="from_contact")
        if payload.from_contact
        else None
    )
    with fields_named(from_event="from_contact"):
        complaint = complaint_receive(
            actor=user,
            household=household,
            text=payload.text,
            channel=payload.channel,
            from_contact=contact,
            title=payload.title,
            occurred=payload.when(),
            at=at,
        )
    # Read back, so a retry's answer (from the database) is the same, to the time zone.
    return Status(201, complaints.complaint_named(user=user, reference=complaint.case.reference))


@router.get(COMPLAINT, response=responds(200, ComplaintOut), auth=requires(VIEW))
def complaint_read(request: HttpRequest, reference: Reference) -> Any:
    """One complaint: its stage, status, the Code in force, acknowledgements, extensions,
    escalation, answers, refusal, officers and the current response due date."""
    return _complaint(request, reference)


@router.post(
    f"{COMPLAINT}/acknowledge", response=responds(200, ComplaintOut), auth=requires(HANDLE)
)
@idempotent(_same)
def complaint_acknowledge_create(
    request: HttpRequest, reference: Reference, payload: AcknowledgeIn
) -> Any:
    """Record the complaint acknowledged at its current stage. Under the 2024 Code the response
    is counted from it."""
    return complaint_acknowledge(
        actor=caller(request),
        complaint=_complaint(request, reference),
        stage=payload.stage,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{COMPLAINT}/extend", response=responds(200, ComplaintOut), auth=requires(HANDLE))
@idempotent(_same)
def complaint_extend_create(request: HttpRequest, reference: Reference, payload: ExtendIn) -> Any:
    """Extend the response at the current stage, telling the resident the reason and the new
    date in writing (sent through Doorstep, or by letter). Refused (422, with the reason) where
    the Code would not allow it: not in writing, given after the response was due, beyond a
    further 10 (stage 1) or 20 (stage 2) working days without a good reason, or not agreed
    where the landlord's policy asks for agreement."""
    return complaint_extend(
        actor=caller(request),
        complaint=_complaint(request, reference),
        new_due=payload.new_due,
        reason=payload.reason,
        agreed_with_resident=payload.agreed_with_resident,
        notified_how=payload.notified_how,
        to=payload.to,
        good_reason=payload.good_reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{COMPLAINT}/escalate", response=responds(200, ComplaintOut), auth=requires(HANDLE))
@idempotent(_same)
def complaint_escalate_create(
    request: HttpRequest, reference: Reference, payload: EscalateIn
) -> Any:
    """Escalate to stage 2 at the resident's request, in their words: once stage 1 is answered
    or refused, or its response is late."""
    return complaint_escalate(
        actor=caller(request),
        complaint=_complaint(request, reference),
        text=payload.text,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{COMPLAINT}/refuse", response=responds(200, ComplaintOut), auth=requires(HANDLE))
@idempotent(_same)
def complaint_refuse_create(request: HttpRequest, reference: Reference, payload: RefuseIn) -> Any:
    """Decline to accept the complaint at its current stage, for a reason the Code allows,
    having told the resident of their right to go to the Housing Ombudsman."""
    return complaint_refuse(
        actor=caller(request),
        complaint=_complaint(request, reference),
        reason_code=payload.reason_code,
        explanation=payload.explanation,
        ombudsman_informed=payload.ombudsman_informed,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{COMPLAINT}/officer", response=responds(200, ComplaintOut), auth=requires(HANDLE))
@idempotent(_same)
def complaint_assign_create(request: HttpRequest, reference: Reference, payload: AssignIn) -> Any:
    """Name the complaints officer of the current stage (at stage 2, someone not involved at
    stage 1)."""
    officer = User.objects.filter(username=payload.officer).first()
    if officer is None:
        raise DomainError(UNKNOWN_OFFICER.format(username=payload.officer), field="officer")
    return complaint_assign(
        actor=caller(request),
        complaint=_complaint(request, reference),
        officer=officer,
        at=received_at(request),
    )
