"""Inspections and surveys on a hazard or repair case: record one, list and read them, and
attach a report that arrives later (multipart). `report_missing` says where the report is not
on record: a gap on the case."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Path, Router
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import REFERENCE_PATTERN, Reference, responds
from doorstep.inspections import selectors as inspections
from doorstep.inspections.models import Inspection
from doorstep.inspections.schemas import InspectionIn, InspectionOut, ReportIn
from doorstep.inspections.services import ReportFile, inspection_record, inspection_report_attach

router = Router(tags=["inspections"])

InspectionRef = Annotated[
    str,
    Path(pattern=REFERENCE_PATTERN, description="The inspection's reference, INS-2025-000001"),
]


def _inspection(request: HttpRequest, reference: str, inspection: str) -> Inspection:
    case = selectors.case_for(user=caller(request), reference=reference)
    return inspections.inspection_get(case=case, reference=inspection)


def _recorded(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    case = selectors.case_for(user=caller(request), reference=reference)
    return only(inspections.inspections_recorded(case=case, moment=first.received_at))


@router.post(
    "/cases/{reference}/inspections",
    response=responds(201, InspectionOut),
    auth=requires("inspections.add_inspection"),
)
@idempotent(_recorded)
def inspection_create(request: HttpRequest, reference: Reference, payload: InspectionIn) -> Any:
    """Record an inspection or survey on a hazard or repair case (`inspection.done`). Name its
    report where it was uploaded to the case; without one, the case shows the gap until
    `POST .../inspections/{inspection}/report`."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    report = selectors.document_for(user=user, reference=payload.report) if payload.report else None
    inspection = inspection_record(
        actor=user,
        case=case,
        kind=payload.kind,
        by=payload.by,
        done_on=payload.done_on,
        findings=payload.findings,
        cause=payload.cause,
        recommends=payload.recommends,
        report=report,
        appointment=payload.appointment,
        at=received_at(request),
    )
    return Status(201, inspection)


@router.get(
    "/cases/{reference}/inspections",
    response=responds(200, list[InspectionOut]),
    auth=requires("inspections.view_inspection"),
)
@paginate(LimitOffsetPagination)
def inspection_list(request: HttpRequest, reference: Reference) -> Any:
    """The case's inspections and surveys, newest first, each saying whether its report is
    missing."""
    case = selectors.case_for(user=caller(request), reference=reference)
    return inspections.inspections_for_case(case=case)


@router.get(
    "/cases/{reference}/inspections/{inspection}",
    response=responds(200, InspectionOut),
    auth=requires("inspections.view_inspection"),
)
def inspection_read(request: HttpRequest, reference: Reference, inspection: InspectionRef) -> Any:
    return _inspection(request, reference, inspection)


def _attached(
    request: HttpRequest, first: IntakeRecord, reference: str, inspection: str, **_: Any
) -> Any:
    return _inspection(request, reference, inspection)


@router.post(
    "/cases/{reference}/inspections/{inspection}/report",
    response=responds(201, InspectionOut),
    auth=requires("inspections.change_inspection"),
)
@idempotent(_attached)
def inspection_report_create(
    request: HttpRequest,
    reference: Reference,
    inspection: InspectionRef,
    payload: Form[ReportIn],
    file: File[UploadedFile],
) -> Any:
    """Attach the report of an inspection recorded without one (multipart/form-data: `file`,
    `title`): a `document.added` of type inspection_report or survey_report naming it."""
    found = _inspection(request, reference, inspection)
    attached = inspection_report_attach(
        actor=caller(request),
        inspection=found,
        file=ReportFile(file.read(), file.name or "", payload.title),
        at=received_at(request),
    )
    return Status(201, attached)
