"""Management moves: list the open requests to move by decision due (each with the flag of
evidence that may already be on record), record one for a household (from any channel, or from
a contact on its record), read one, ask for and record evidence, refer to the panel, decide,
and offer other routes with the support given.

The decision clock of a request is also at `GET /cases/{reference}/clocks`.
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
from doorstep.core.errors import DomainError
from doorstep.documents.models import Document
from doorstep.moves import selectors as moves
from doorstep.moves.models import MoveRequest
from doorstep.moves.schemas import (
    MoveDecisionIn,
    MoveEvidenceReceivedIn,
    MoveEvidenceRequestIn,
    MoveOut,
    MovePanelIn,
    MoveRequestIn,
    MoveRoutesIn,
)
from doorstep.moves.services import (
    move_decide,
    move_evidence_receive,
    move_evidence_request,
    move_refer_to_panel,
    move_request,
    move_routes_offer,
)
from doorstep.residents.models import Person

router = Router(tags=["moves"])

VIEW = "moves.view_moverequest"
HANDLE = "moves.handle_move"
DECIDE = "moves.decide_move"
MOVE = "/moves/{reference}"
UNKNOWN_DOCUMENT = "There is no document {reference} you may see."


class MoveFilters(Schema):
    open_only: bool = Field(True, description="Only requests not yet approved or declined")


def _move(request: HttpRequest, reference: str) -> MoveRequest:
    return moves.move_named(user=caller(request), reference=reference)


def _same(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> MoveRequest:
    """An action's retry: the request as it stands (the first call's change is on it)."""
    return _move(request, reference)


def _requested(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(moves.move_requested_by(user=caller(request), moment=first.received_at))


def _person(reference: str | None, field: str) -> Person | None:
    return selectors.person_named(reference=reference, field=field) if reference else None


def _document(request: HttpRequest, reference: str | None, field: str) -> Document | None:
    if not reference:
        return None
    try:
        return selectors.document_for(user=caller(request), reference=reference)
    except Document.DoesNotExist:
        raise DomainError(UNKNOWN_DOCUMENT.format(reference=reference), field=field) from None


@router.get("/moves", response=responds(200, list[MoveOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def move_list(request: HttpRequest, filters: Query[MoveFilters]) -> Any:
    """The requests to move you may see, the soonest decision due first (those waiting on
    evidence or at the panel, with no clock running, after them): open ones unless
    `open_only` is false. Each says whether evidence it waits on may already be on record."""
    return moves.moves_list(user=caller(request), open_only=filters.open_only)


@router.post(
    "/households/{reference}/moves",
    response=responds(201, MoveOut),
    auth=requires("moves.request_move"),
)
@idempotent(_requested)
def move_create(request: HttpRequest, reference: Reference, payload: MoveRequestIn) -> Any:
    """Record the household's request to move: opens a transfer case (TRF). With
    `from_contact`, in one step from that contact, which the case keeps as its origin. A
    household with an open request is refused, naming it. The decision clock
    (`transfers.decision_working_days`) runs from when it was made."""
    user, at = caller(request), received_at(request)
    household = selectors.household_for(user=user, reference=reference)
    contact = (
        selectors.event_named(user=user, uid=payload.from_contact, field="from_contact")
        if payload.from_contact
        else None
    )
    evidence = [_document(request, ref, "evidence") for ref in payload.evidence]
    with fields_named(from_event="from_contact"):
        move = move_request(
            actor=user,
            household=household,
            reason=payload.reason,
            grounds=[g.value for g in payload.grounds],
            evidence=[d for d in evidence if d is not None],
            channel=payload.channel,
            from_contact=contact,
            title=payload.title,
            occurred=payload.when(),
            at=at,
        )
    return Status(201, moves.move_named(user=user, reference=move.case.reference))


@router.get(MOVE, response=responds(200, MoveOut), auth=requires(VIEW))
def move_read(request: HttpRequest, reference: Reference) -> Any:
    """One request to move: its grounds, the evidence asked for and received (with whether its
    source counts), the flag, its decisions, the routes offered and the decision due."""
    return _move(request, reference)


@router.post(f"{MOVE}/evidence/requests", response=responds(200, MoveOut), auth=requires(HANDLE))
@idempotent(_same)
def move_evidence_request_create(
    request: HttpRequest, reference: Reference, payload: MoveEvidenceRequestIn
) -> Any:
    """Ask for evidence: what, of whom, and the document types that would answer it. No
    decision clock runs until it is received; a matching document already on the household's
    record is flagged meanwhile."""
    return move_evidence_request(
        actor=caller(request),
        move=_move(request, reference),
        what=payload.what,
        to=_person(payload.to, "to"),
        to_name=payload.to_name,
        types=[t.value for t in payload.types],
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{MOVE}/evidence", response=responds(200, MoveOut), auth=requires(HANDLE))
@idempotent(_same)
def move_evidence_create(
    request: HttpRequest, reference: Reference, payload: MoveEvidenceReceivedIn
) -> Any:
    """Record evidence received: what, from whom, and the document on record it is. Evidence
    from anyone but the household or a third party it authorised for moves is recorded and
    marked as not from an authorised source; evidence nobody asked for is noted as such."""
    return move_evidence_receive(
        actor=caller(request),
        move=_move(request, reference),
        what=payload.what,
        source=_person(payload.source, "source"),
        source_name=payload.source_name,
        document=_document(request, payload.document, "document"),
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{MOVE}/panel", response=responds(200, MoveOut), auth=requires(DECIDE))
@idempotent(_same)
def move_panel_create(request: HttpRequest, reference: Reference, payload: MovePanelIn) -> Any:
    """Refer the request to the panel (a decision with outcome panel_referred), saying why.
    The panel's own decision is recorded at `/decision`."""
    return move_refer_to_panel(
        actor=caller(request),
        move=_move(request, reference),
        reason=payload.reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{MOVE}/decision", response=responds(200, MoveOut), auth=requires(DECIDE))
@idempotent(_same)
def move_decision_create(
    request: HttpRequest, reference: Reference, payload: MoveDecisionIn
) -> Any:
    """Decide the request: approved, or declined with the reason the household is told. Once
    only (422 on a second decision)."""
    return move_decide(
        actor=caller(request),
        move=_move(request, reference),
        outcome=payload.outcome,
        reason=payload.reason,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{MOVE}/routes", response=responds(200, MoveOut), auth=requires(HANDLE))
@idempotent(_same)
def move_routes_create(request: HttpRequest, reference: Reference, payload: MoveRoutesIn) -> Any:
    """Offer other routes to a move (mutual exchange, the housing register, another) with the
    support given."""
    return move_routes_offer(
        actor=caller(request),
        move=_move(request, reference),
        routes=[r.value for r in payload.routes],
        support=payload.support,
        occurred=payload.when(),
        at=received_at(request),
    )
