"""Recording inspections and surveys, and attaching a report that arrives later.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its events, updates the projection (`Inspection`) in the same transaction, and
returns it. Time comes in as `at`. Documents are stored by `documents.services.document_add`
(checked by content, stored once with their checksum); nothing here touches storage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.inspections.choices import REPORT_TYPE, InspectionKind
from doorstep.inspections.models import Inspection
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When

PREFIX = "INS"
TEXT_LIMIT = 5000
RECOMMENDATION_LIMIT = 1000

NOT_A_WORKS_CASE = (
    "Inspections and surveys are recorded on a hazard or repair case; {reference} is a {kind} case."
)
CASE_CLOSED = "Case {reference} is closed: reopen it before recording an inspection on it."
BAD_KIND = "Choose what it was: an inspection, a survey or a post-inspection."
NO_BY = "Say who inspected: the surveyor's name or the contractor."
NO_FINDINGS = "Write what the inspection found."
FINDINGS_TOO_LONG = "Keep the findings to 5,000 characters."
RECOMMENDATION_TOO_LONG = "Recommendation {n}: keep it to 1,000 characters."
DONE_IN_FUTURE = "The inspection date, {day}, is in the future: record it once it is done."
DONE_BEFORE_CASE = "The inspection date, {day}, is before case {reference} was opened on {opened}."
REPORT_OTHER_CASE = "Document {document} is on another case: attach the report to this one."
REPORT_ALREADY = "Inspection {reference} already has its report: {document}."
NO_REPORT_TITLE = "{kind} report, {day}"


@dataclass(frozen=True)
class ReportFile:
    """A report document as uploaded: its bytes and file name, and a title (default: the
    inspection's kind and date)."""

    content: bytes
    name: str
    title: str = ""


def _check_case(case: Case) -> None:
    if case.case_type not in (CaseType.HAZARD, CaseType.REPAIR):
        kind = case.get_case_type_display().lower()
        raise DomainError(
            NOT_A_WORKS_CASE.format(reference=case.reference, kind=kind), field="case"
        )
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")


def _store_report(
    *,
    actor: Any,
    case: Case,
    kind: str,
    done_on: dt.date,
    file: ReportFile,
    at: dt.datetime,
    about: dict[str, str] | None = None,
) -> Document:
    title = file.title.strip() or NO_REPORT_TITLE.format(
        kind=InspectionKind(kind).label, day=f"{done_on:%d %B %Y}"
    )
    return document_add(
        actor=actor,
        content=file.content,
        original_name=file.name,
        doc_type=REPORT_TYPE[InspectionKind(kind)],
        title=title,
        case=case,
        at=at,
        dated=done_on,
        about=about,
    )


@transaction.atomic
def inspection_record(
    *,
    actor: Model | None,
    case: Case,
    kind: str,
    by: str,
    done_on: dt.date,
    findings: str,
    at: dt.datetime,
    cause: str = "",
    recommends: Sequence[str] = (),
    report: Document | None = None,
    report_file: ReportFile | None = None,
    appointment: str = "",
) -> Inspection:
    """Record an inspection or survey done on a hazard or repair case: `inspection.done` with
    who, what it found, the cause, what it recommends and its report (a document already on the
    case, or one uploaded now: stored first, so the event names it). Without a report the
    event's `report` is null and the case shows the gap until it is attached."""
    _check_case(case)
    if kind not in InspectionKind.values:
        raise DomainError(BAD_KIND, field="kind")
    by, findings, cause = by.strip(), findings.strip(), cause.strip()
    if not by:
        raise DomainError(NO_BY, field="by")
    if not findings:
        raise DomainError(NO_FINDINGS, field="findings")
    if len(findings) > TEXT_LIMIT:
        raise DomainError(FINDINGS_TOO_LONG, field="findings")
    items = [r.strip() for r in recommends if r.strip()]
    for n, item in enumerate(items):
        if len(item) > RECOMMENDATION_LIMIT:
            raise DomainError(RECOMMENDATION_TOO_LONG.format(n=n + 1), field=f"recommends.{n}")
    day = f"{done_on:%d %B %Y}"
    if done_on > at.astimezone(LONDON).date():
        raise DomainError(DONE_IN_FUTURE.format(day=day), field="done_on")
    opened = case.opened_at.astimezone(LONDON).date()
    if done_on < opened:
        raise DomainError(
            DONE_BEFORE_CASE.format(day=day, reference=case.reference, opened=f"{opened:%d %B %Y}"),
            field="done_on",
        )
    if report is not None and report.case_id != case.pk:
        raise DomainError(REPORT_OTHER_CASE.format(document=report.reference), field="report")
    reference = next_reference(PREFIX, at.year)
    if report_file is not None:
        report = _store_report(
            actor=actor,
            case=case,
            kind=kind,
            done_on=done_on,
            file=report_file,
            at=at,
            about={"inspection": reference},
        )
    data: dict[str, Any] = {
        "by": by,
        "findings": findings,
        "cause": cause or None,
        "report": report.reference if report else None,
        "recommends": items,
        "inspection": reference,
        "type": kind,
    }
    if appointment.strip():
        data["appointment"] = appointment.strip()
    event = record_on_case(
        case=case,
        kind="inspection.done",
        data=data,
        actor=actor,
        at=at,
        occurred=When.on(done_on),
        summary=f"{InspectionKind(kind).label} done by {by}"
        + ("" if report else " (no report on record)"),
    )
    return Inspection.objects.create(
        reference=reference,
        case=case,
        property=case.property,
        event=event,
        kind=kind,
        by=by,
        done_on=done_on,
        findings=findings,
        cause=cause,
        recommendations=items,
        report=report,
        appointment=appointment.strip(),
        recorded_at=at,
        recorded_by_name=actor_name_of(actor),
    )


@transaction.atomic
def inspection_report_attach(
    *, actor: Model | None, inspection: Inspection, file: ReportFile, at: dt.datetime
) -> Inspection:
    """Attach the report of an inspection recorded without one: stored as a document on the
    case (`document.added`, type inspection_report or survey_report, naming the inspection in
    Doorstep's `inspection` field), and the gap on the case closes."""
    if not inspection.report_missing:
        raise DomainError(
            REPORT_ALREADY.format(
                reference=inspection.reference,
                document=inspection.report.reference  # type: ignore[union-attr]
                if inspection.report_id
                else inspection.report_ref,
            ),
            field="file",
        )
    inspection.report = _store_report(
        actor=actor,
        case=inspection.case,
        kind=inspection.kind,
        done_on=inspection.done_on,
        file=file,
        at=at,
        about={"inspection": inspection.reference},
    )
    inspection.save(update_fields=["report"])
    return inspection


IMPORTED_BY = "Not stated in the imported record"
IMPORTED_FINDINGS = "No findings in the imported record"


def inspection_from_record(*, event: Event) -> Inspection:
    """The row for an `inspection.done` that came in with an imported chronology, as the record
    gives it (legacy records may lack the surveyor, the findings or the report: nothing is
    refused, and a report named only by the file's own reference is kept as such). Called by
    the import in its transaction, so an imported case shows its inspections, and their gaps."""
    data = event.data or {}
    kind = str(data.get("type")) if data.get("type") in InspectionKind.values else "inspection"
    report = data.get("report")
    case = event.case
    if case is None:
        raise ValueError("An inspection belongs to a case.")
    return Inspection.objects.create(
        reference=next_reference(PREFIX, event.recorded_at.year),
        case=case,
        property=case.property,
        event=event,
        kind=kind,
        by=str(data.get("by") or IMPORTED_BY)[:200],
        done_on=event.occurred_earliest.astimezone(LONDON).date(),
        findings=str(data.get("findings") or IMPORTED_FINDINGS),
        cause=str(data.get("cause") or ""),
        recommendations=[str(r) for r in data.get("recommends") or ()],
        report_ref=str(report)[:100] if report else "",
        appointment=str(data.get("appointment") or "")[:60],
        recorded_at=event.recorded_at,
        recorded_by_name=event.actor_name,
    )
