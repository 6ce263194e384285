"""Hazards: report a hazard (opens a hazard case, or adds to one), list and read a case's
hazards, and record the assessment, made safe, the written summary and decants.

Every answer says whether the case is prioritised: damp and mould in a home with a
vulnerability on the register (only that an entry exists; never its detail).
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.errors import fields_named
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.hazards import selectors as hazards
from doorstep.hazards.models import Hazard
from doorstep.hazards.schemas import (
    AssessIn,
    DecantConsiderIn,
    DecantEndIn,
    DecantStartIn,
    HazardIn,
    HazardOut,
    MadeSafeIn,
    SummaryIn,
)
from doorstep.hazards.services import (
    decant_consider,
    decant_end,
    decant_start,
    hazard_assess,
    hazard_made_safe,
    hazard_report,
    hazard_summary_send,
)
from doorstep.timeline.when import When

router = Router(tags=["hazards"])

HazardId = Annotated[int, Path(description="The hazard's id on the case", ge=1)]
HAZARD = "/cases/{reference}/hazards/{hazard_id}"
CHANGE = "hazards.change_hazard"


def _hazard(request: HttpRequest, reference: str, hazard_id: int) -> Hazard:
    case = selectors.case_for(user=caller(request), reference=reference)
    return hazards.hazard_on_case(case=case, hazard_id=hazard_id)


def _same(
    request: HttpRequest, first: IntakeRecord, reference: str, hazard_id: int, **_: Any
) -> Hazard:
    """An action's retry: the hazard as it stands (the first request's change is on it)."""
    return _hazard(request, reference, hazard_id)


def _reported(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(hazards.hazards_reported_by(user=caller(request), moment=first.received_at))


@router.post("/hazards", response=responds(201, HazardOut), auth=requires("hazards.report_hazard"))
@idempotent(_reported)
def hazard_create(request: HttpRequest, payload: HazardIn) -> Any:
    """Report a hazard in a household's home (one of the 29 HHSRS hazards): opens a hazard case,
    or adds it to the open hazard case named. Awaab's Law's clocks run from `occurred` (default
    now): see `GET /cases/{reference}/clocks`."""
    user, at = caller(request), received_at(request)
    household = (
        selectors.household_named(reference=payload.household, field="household")
        if payload.household
        else None
    )
    case = selectors.case_for(user=user, reference=payload.case) if payload.case else None
    contact = (
        selectors.event_named(user=user, uid=payload.from_contact, field="from_contact")
        if payload.from_contact
        else None
    )
    with fields_named(from_event="from_contact"):
        hazard = hazard_report(
            actor=user,
            household=household,
            case=case,
            hazard=payload.hazard,
            location=payload.location,
            description=payload.description,
            occurred=payload.when() or When.at(at),
            channel=payload.channel,
            from_contact=contact,
            at=at,
        )
    # Read back, so a retry's answer (from the database) is the same, to the time zone.
    return Status(201, hazards.hazard_on_case(case=hazard.case, hazard_id=hazard.pk))


@router.get(
    "/cases/{reference}/hazards",
    response=responds(200, list[HazardOut]),
    auth=requires("hazards.view_hazard"),
)
@paginate(LimitOffsetPagination)
def hazard_list(request: HttpRequest, reference: Reference) -> Any:
    """The hazards of a hazard case, in the order they were reported."""
    case = selectors.case_for(user=caller(request), reference=reference)
    return hazards.hazards_for_case(case=case)


@router.get(HAZARD, response=responds(200, HazardOut), auth=requires("hazards.view_hazard"))
def hazard_read(request: HttpRequest, reference: Reference, hazard_id: HazardId) -> Any:
    """One hazard of the case: severity, cause, made safe, written summary, decant."""
    return _hazard(request, reference, hazard_id)


@router.post(f"{HAZARD}/assess", response=responds(200, HazardOut), auth=requires(CHANGE))
@idempotent(_same)
def hazard_assess_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: AssessIn
) -> Any:
    """Record the assessment: severity (emergency, significant, not_significant) and cause. The
    investigation concludes here; the summary and safety-work clocks run from it."""
    at = received_at(request)
    return hazard_assess(
        actor=caller(request),
        hazard=_hazard(request, reference, hazard_id),
        severity=payload.severity,
        cause=payload.cause,
        occurred=payload.when(),
        at=at,
    )


@router.post(f"{HAZARD}/made-safe", response=responds(200, HazardOut), auth=requires(CHANGE))
@idempotent(_same)
def hazard_made_safe_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: MadeSafeIn
) -> Any:
    """Record the hazard made safe (the relevant safety work done)."""
    return hazard_made_safe(
        actor=caller(request),
        hazard=_hazard(request, reference, hazard_id),
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(f"{HAZARD}/summary", response=responds(200, HazardOut), auth=requires(CHANGE))
@idempotent(_same)
def hazard_summary_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: SummaryIn
) -> Any:
    """Record the written summary of the findings sent to the resident, naming the letter
    where it was uploaded to the case (`POST /cases/{reference}/documents`)."""
    user = caller(request)
    hazard = _hazard(request, reference, hazard_id)
    document = (
        selectors.document_for(user=user, reference=payload.document) if payload.document else None
    )
    return hazard_summary_send(
        actor=user,
        hazard=hazard,
        to=payload.to,
        document=document,
        occurred=payload.when(),
        at=received_at(request),
    )


@router.post(
    f"{HAZARD}/decant/considered", response=responds(200, HazardOut), auth=requires(CHANGE)
)
@idempotent(_same)
def decant_consider_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: DecantConsiderIn
) -> Any:
    """Record a decant (alternative accommodation) considered: offered, not_needed or declined
    (by the resident), with the reason."""
    return decant_consider(
        actor=caller(request),
        hazard=_hazard(request, reference, hazard_id),
        decision=payload.decision,
        reason=payload.reason,
        at=received_at(request),
    )


@router.post(f"{HAZARD}/decant/started", response=responds(200, HazardOut), auth=requires(CHANGE))
@idempotent(_same)
def decant_start_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: DecantStartIn
) -> Any:
    """Record the household moved out to alternative accommodation: why, and where."""
    return decant_start(
        actor=caller(request),
        hazard=_hazard(request, reference, hazard_id),
        reason=payload.reason,
        where=payload.where,
        at=received_at(request),
    )


@router.post(f"{HAZARD}/decant/ended", response=responds(200, HazardOut), auth=requires(CHANGE))
@idempotent(_same)
def decant_end_create(
    request: HttpRequest, reference: Reference, hazard_id: HazardId, payload: DecantEndIn
) -> Any:
    """Record the decant ended, with the reason."""
    return decant_end(
        actor=caller(request),
        hazard=_hazard(request, reference, hazard_id),
        reason=payload.reason,
        at=received_at(request),
    )
