"""Evidence packs: produce a case's pack (recorded on its timeline) and receive the zip."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import ApiError
from doorstep.api.idempotency import idempotent
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import ERROR_STATUSES, ErrorOut, Reference
from doorstep.core.errors import DomainError
from doorstep.evidence.schemas import EvidencePackIn
from doorstep.evidence.selectors import evidence_pack_again, pack_name
from doorstep.evidence.services import evidence_produce
from doorstep.timeline.models import Event

router = Router(tags=["evidence"])

ZIP = {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}


def _zip(data: bytes, *, reference: str, as_of: dt.date) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip", status=201)
    name = pack_name(reference=reference, as_of=as_of)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _produced(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    """The pack the first request produced, built again from the record as it stood before its
    entry, and refused where the record has changed since (the bytes would differ)."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    event = Event.objects.filter(
        kind="evidence.produced", case=case, actor=user, recorded_at=first.received_at
    ).first()
    if event is None:
        return Event.objects.none()  # refused by `only`: nothing to give again
    try:
        data = evidence_pack_again(event=event, user=user, at=received_at(request))
    except DomainError as error:
        raise ApiError(409, "idempotency_unresolved", error.message) from None
    return _zip(data, reference=case.reference, as_of=dt.date.fromisoformat(event.data["as_of"]))


@router.post(
    "/cases/{reference}/evidence-pack",
    response={ERROR_STATUSES: ErrorOut},
    auth=requires("evidence.produce_evidence_pack"),
    openapi_extra={"responses": {201: {"description": "The evidence pack (a zip)", **ZIP}}},
)
@idempotent(_produced)
def evidence_pack_create(
    request: HttpRequest, reference: Reference, payload: EvidencePackIn
) -> HttpResponse:
    """Produce the case's evidence pack as of a day (default today) for `to`, record it on the
    case's timeline (`evidence.produced`), and answer with the zip: `pack.pdf`,
    `chronology.json` (doorstep-chronology/1), `documents/` and `manifest.json` (every file's
    SHA-256 and size). Special category detail is included only where the caller's role may
    read it."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    at = received_at(request)
    as_of = payload.as_of or timezone.localdate(at)
    data, _ = evidence_produce(
        actor=user, case=case, to=payload.to, purpose=payload.purpose, as_of=as_of, at=at
    )
    return _zip(data, reference=case.reference, as_of=as_of)
