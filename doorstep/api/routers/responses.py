"""Complaint responses: a complaint case's responses (sent, and drafts in progress), the draft
of a stage's response saved, and the response sent.

Sending checks what the Complaint Handling Code requires (each refusal names its field), keeps
the letter as a document, writes `complaint.response`, sends it through the notifier (or
records it posted) and puts its promises on the ledger (`GET /commitments`).
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.cases.models import Case
from doorstep.responses import selectors as responses
from doorstep.responses.schemas import (
    ResponseDraftIn,
    ResponseDraftOut,
    ResponseSentOut,
    ResponsesOut,
)
from doorstep.responses.services import response_draft_save, response_send

router = Router(tags=["complaint responses"])

Stage = Annotated[int, Path(description="The complaint's stage: 1 or 2", ge=1, le=2)]
STAGE = "/cases/{reference}/responses/{stage}"


def _case(request: HttpRequest, reference: str) -> Case:
    return selectors.case_for(user=caller(request), reference=reference)


@router.get(
    "/cases/{reference}/responses",
    response=responds(200, ResponsesOut),
    auth=requires("responses.view_responsedraft"),
)
def response_list(request: HttpRequest, reference: Reference) -> Any:
    """The responses sent on a complaint case (the record: each with its letter's reference)
    and the drafts in progress."""
    case = _case(request, reference)
    return {
        "sent": responses.responses_sent(case=case),
        "drafts": list(responses.drafts_in_progress(case=case)),
    }


def _draft(request: HttpRequest, first: IntakeRecord, reference: str, stage: int, **_: Any) -> Any:
    """A retried save: the draft as it stands (the first request's content is in it)."""
    return responses.draft_for(case=_case(request, reference), stage=stage)


@router.post(
    f"{STAGE}/draft",
    response=responds(200, ResponseDraftOut),
    auth=requires("responses.change_responsedraft"),
)
@idempotent(_draft)
def response_draft_update(
    request: HttpRequest, reference: Reference, stage: Stage, payload: ResponseDraftIn
) -> Any:
    """Save the draft of the stage's response (created on the first save; each save replaces
    its content). A draft is a working document: nothing is written on the timeline."""
    data = payload.dict()
    return response_draft_save(
        actor=caller(request),
        case=_case(request, reference),
        stage=stage,
        at=received_at(request),
        understood=data["understood"],
        points=[{**p, "decision": p["decision"] or ""} for p in data["points"]],
        outcome=data["outcome"] or "",
        remedy=data["remedy"],
        commitments=[{**c, "due": c["due"] or ""} for c in data["commitments"]],
        claims_done=data["claims_done"],
        outstanding=data["outstanding"],
        escalation=data["escalation"],
        send_to=data["send_to"],
        posted=data["posted"],
    )


def _sent(request: HttpRequest, first: IntakeRecord, reference: str, stage: int, **_: Any) -> Any:
    return responses.response_sent(case=_case(request, reference), stage=stage)


@router.post(
    f"{STAGE}/send",
    response=responds(201, ResponseSentOut),
    auth=requires("responses.send_response"),
)
@idempotent(_sent)
def response_send_create(request: HttpRequest, reference: Reference, stage: Stage) -> Any:
    """Send the stage's drafted response: refused, naming what is missing, unless it says what
    the Complaint Handling Code requires and the stage is open to answer."""
    case = _case(request, reference)
    response_send(actor=caller(request), case=case, stage=stage, at=received_at(request))
    return Status(201, responses.response_sent(case=case, stage=stage))
