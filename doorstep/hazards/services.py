"""Reporting hazards, assessing them, making them safe, the written summary to the resident,
and decants (alternative accommodation) considered, started and ended.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its events, updates the projection (`Hazard`) in the same transaction, and
returns it. Time comes in as `at` (when Doorstep is told) and `occurred` (when it happened,
default: `at`): an import or a test passes the dates of the record. Awaab's Law's timescales
are never counted here: the clock engine reads them from these events (`clocks.families.hazards`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.core.errors import DomainError
from doorstep.documents.choices import DocumentType
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.hazards.choices import (
    HAZARD_NAMES,
    DecantDecision,
    DecantState,
    Severity,
    hazard_label,
)
from doorstep.hazards.models import Hazard
from doorstep.residents.models import Household
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import When

LOCATION_LIMIT = 200
TEXT_LIMIT = 5000

UNKNOWN_HAZARD = "{name!r} is not one of the 29 HHSRS hazards. Choose one of: {allowed}."
NO_HOUSEHOLD = "Say which household the hazard is in."
NO_LOCATION = "Say where the hazard is, like 'bathroom ceiling' or 'stairs to the loft'."
NO_DESCRIPTION = "Describe the hazard: what the resident or the visitor saw."
LOCATION_TOO_LONG = "Keep the location to 200 characters; put the rest in the description."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
NOT_A_HAZARD_CASE = "Hazards are reported on a hazard case; {reference} is a {kind} case."
CASE_OTHER_HOUSEHOLD = "Case {reference} is about another household."
CASE_CLOSED = "Case {reference} is closed: reopen it before recording more on it."
BAD_SEVERITY = "Choose the severity: emergency, significant or not significant."
NO_CAUSE = "Say what is causing the hazard, as the investigation found it."
BEFORE_REPORT = (
    "That is dated {when}, before the hazard was reported on {reported}: record it on or after "
    "the report."
)
ALREADY_MADE_SAFE = "The hazard was already recorded as made safe on {when}."
NOT_ASSESSED = (
    "The written summary is of the investigation's findings: assess the hazard (its severity "
    "and cause) first."
)
NO_RECIPIENT = "Say who the written summary was sent to."
BAD_DECISION = "Choose what was decided: offered, not needed, or declined by the resident."
NO_DECANT_REASON = "Give the reason for the decant decision."
NO_DECANT_WHERE = "Say where the household is staying."
ALREADY_DECANTED = "The household is already decanted ({where}): end that decant first."
NOT_DECANTED = "The household is not decanted: there is no decant to end."
DECANTED_NOW = (
    "The household is decanted ({where}): end the decant before recording another decision."
)


def _text(value: str, *, missing: str, field: str, limit: int = TEXT_LIMIT) -> str:
    value = value.strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        too_long = LOCATION_TOO_LONG if limit == LOCATION_LIMIT else TEXT_TOO_LONG
        raise DomainError(too_long, field=field)
    return value


def _check_open(case: Case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")


def _check_after_report(hazard: Hazard, occurred: When) -> None:
    reported = hazard.reported_event
    if occurred.latest < reported.occurred_earliest:
        raise DomainError(
            BEFORE_REPORT.format(
                when=occurred.display(), reported=When.parse(reported.occurred_text).display()
            ),
            field="occurred",
        )


def _record(
    hazard: Hazard,
    *,
    kind: str,
    data: dict[str, Any],
    actor: Model | None,
    at: dt.datetime,
    occurred: When,
    summary: str = "",
) -> Event:
    return record_on_case(
        case=hazard.case,
        kind=kind,
        data={**data, "hazard": hazard.hazard},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=summary,
    )


# --- reporting -------------------------------------------------------------------------------


@transaction.atomic
def hazard_report(
    *,
    actor: Model | None,
    hazard: str,
    location: str,
    description: str,
    occurred: When,
    at: dt.datetime,
    household: Household | None = None,
    case: Case | None = None,
    from_contact: Event | None = None,
    channel: str = Channel.INTERNAL,
) -> Hazard:
    """Report a hazard in a household's home: open a hazard case (or add it to the hazard case
    given) and write `hazard.reported` on it. `occurred` is when the landlord became aware of
    it: Awaab's Law's clocks run from then. `from_contact` is the contact it came in, kept as
    the case's origin."""
    name = hazard.strip()
    if name not in HAZARD_NAMES:
        allowed = ", ".join(sorted(HAZARD_NAMES))
        raise DomainError(UNKNOWN_HAZARD.format(name=name, allowed=allowed), field="hazard")
    location = _text(location, missing=NO_LOCATION, field="location", limit=LOCATION_LIMIT)
    description = _text(description, missing=NO_DESCRIPTION, field="description")
    if from_contact is not None:
        channel = from_contact.channel
    if case is not None:
        if case.case_type != CaseType.HAZARD:
            kind = case.get_case_type_display().lower()
            raise DomainError(
                NOT_A_HAZARD_CASE.format(reference=case.reference, kind=kind), field="case"
            )
        if household is not None and case.household_id != household.pk:
            raise DomainError(CASE_OTHER_HOUSEHOLD.format(reference=case.reference), field="case")
        _check_open(case)
    else:
        if household is None:
            raise DomainError(NO_HOUSEHOLD, field="household")
        title = Truncator(f"{hazard_label(name)}: {location}").chars(120)
        case = case_open(
            actor=actor,
            case_type=CaseType.HAZARD,
            title=title,
            household=household,
            at=at,
            from_event=from_contact,
            occurred=occurred,
            channel=channel,
        )
    event = record_on_case(
        case=case,
        kind="hazard.reported",
        data={"hazard": name, "location": location, "description": description},
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"{hazard_label(name)} reported: {location}",
    )
    return Hazard.objects.create(
        case=case,
        reported_event=event,
        hazard=name,
        location=location,
        description=description,
        reported_at=event.occurred_earliest,
    )


# --- the investigation and after -------------------------------------------------------------


@transaction.atomic
def hazard_assess(
    *,
    actor: Model | None,
    hazard: Hazard,
    severity: str,
    cause: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Hazard:
    """Record the hazard's assessment: its severity (emergency, significant, not significant)
    and its cause. The investigation concludes here; a later assessment replaces the severity
    and cause shown, and both stay on the timeline. Awaab's Law counts the occupiers'
    characteristics (a vulnerability on the register) in deciding the severity."""
    _check_open(hazard.case)
    if severity not in Severity.values:
        raise DomainError(BAD_SEVERITY, field="severity")
    cause = _text(cause, missing=NO_CAUSE, field="cause")
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    event = _record(
        hazard,
        kind="hazard.assessed",
        data={"severity": severity, "cause": cause},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"{hazard.get_hazard_display()} assessed: {Severity(severity).label.lower()}",
    )
    hazard.severity, hazard.cause, hazard.assessed_at = severity, cause, event.occurred_earliest
    hazard.save(update_fields=["severity", "cause", "assessed_at"])
    return hazard


@transaction.atomic
def hazard_made_safe(
    *, actor: Model | None, hazard: Hazard, at: dt.datetime, occurred: When | None = None
) -> Hazard:
    """Record that the hazard was made safe (the relevant safety work is done)."""
    _check_open(hazard.case)
    if hazard.made_safe_at is not None:
        raise DomainError(
            ALREADY_MADE_SAFE.format(when=f"{hazard.made_safe_at:%d %B %Y}"), field="hazard"
        )
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    event = _record(
        hazard,
        kind="hazard.made_safe",
        data={},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"{hazard.get_hazard_display()} made safe",
    )
    hazard.made_safe_at = event.occurred_earliest
    hazard.save(update_fields=["made_safe_at"])
    return hazard


@dataclass(frozen=True)
class Letter:
    """The letter of a written summary, as uploaded: its bytes, file name and title."""

    content: bytes
    name: str
    title: str = "Written summary of the hazard investigation"


@transaction.atomic
def hazard_summary_send(
    *,
    actor: Model | None,
    hazard: Hazard,
    to: str,
    at: dt.datetime,
    occurred: When | None = None,
    letter: Letter | None = None,
    document: Document | None = None,
) -> Hazard:
    """Record the written summary of the investigation's findings sent to the resident (`to`):
    `hazard.summary_sent`. The letter, where given, is stored as a document on the case
    (`documents.services.document_add`, a `document.added` of type letter) or, already on the
    record, named (`document`); the event names it."""
    _check_open(hazard.case)
    if hazard.assessed_at is None:
        raise DomainError(NOT_ASSESSED, field="hazard")
    to = _text(to, missing=NO_RECIPIENT, field="to", limit=LOCATION_LIMIT)
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    if letter is not None:
        document = document_add(
            actor=actor,
            content=letter.content,
            original_name=letter.name,
            doc_type=DocumentType.LETTER,
            title=letter.title,
            case=hazard.case,
            at=at,
        )
    data: dict[str, Any] = {"to": to}
    if document is not None:
        data["document"] = document.reference
    event = _record(
        hazard,
        kind="hazard.summary_sent",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Written summary of the findings sent to {to}",
    )
    hazard.summary_sent_at, hazard.summary_sent_to = event.occurred_earliest, to
    hazard.summary_document = document
    hazard.save(update_fields=["summary_sent_at", "summary_sent_to", "summary_document"])
    return hazard


# --- decants ---------------------------------------------------------------------------------


@transaction.atomic
def decant_consider(
    *,
    actor: Model | None,
    hazard: Hazard,
    decision: str,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Hazard:
    """Record that a decant (alternative accommodation) was considered, and what was decided:
    offered, not needed, or declined by the resident, with the reason (`decant.considered`)."""
    _check_open(hazard.case)
    if decision not in DecantDecision.values:
        raise DomainError(BAD_DECISION, field="decision")
    reason = _text(reason, missing=NO_DECANT_REASON, field="reason")
    if hazard.decant == DecantState.DECANTED:
        raise DomainError(DECANTED_NOW.format(where=hazard.decant_where), field="decision")
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    label = DecantDecision(decision).label.lower()
    _record(
        hazard,
        kind="decant.considered",
        data={"decision": decision, "reason": reason},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Decant considered: {label}",
    )
    hazard.decant, hazard.decant_reason = decision, reason
    hazard.save(update_fields=["decant", "decant_reason"])
    return hazard


@transaction.atomic
def decant_start(
    *,
    actor: Model | None,
    hazard: Hazard,
    reason: str,
    where: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Hazard:
    """Record that the household moved out to alternative accommodation (`decant.started`)."""
    _check_open(hazard.case)
    reason = _text(reason, missing=NO_DECANT_REASON, field="reason")
    where = _text(where, missing=NO_DECANT_WHERE, field="where", limit=LOCATION_LIMIT)
    if hazard.decant == DecantState.DECANTED:
        raise DomainError(ALREADY_DECANTED.format(where=hazard.decant_where), field="where")
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    _record(
        hazard,
        kind="decant.started",
        data={"reason": reason, "where": where},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Household decanted to {where}",
    )
    hazard.decant, hazard.decant_reason, hazard.decant_where = DecantState.DECANTED, reason, where
    hazard.save(update_fields=["decant", "decant_reason", "decant_where"])
    return hazard


@transaction.atomic
def decant_end(
    *,
    actor: Model | None,
    hazard: Hazard,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Hazard:
    """Record that the decant ended (`decant.ended`): the household is back, or why not."""
    _check_open(hazard.case)
    reason = _text(reason, missing=NO_DECANT_REASON, field="reason")
    if hazard.decant != DecantState.DECANTED:
        raise DomainError(NOT_DECANTED, field="reason")
    occurred = occurred or When.at(at)
    _check_after_report(hazard, occurred)
    _record(
        hazard,
        kind="decant.ended",
        data={"reason": reason},
        actor=actor,
        at=at,
        occurred=occurred,
        summary="Decant ended",
    )
    hazard.decant, hazard.decant_reason = DecantState.RETURNED, reason
    hazard.save(update_fields=["decant", "decant_reason"])
    return hazard


# --- an imported record ----------------------------------------------------------------------

IMPORTED_TEXT = "Not stated in the imported record"
IMPORTED_KINDS = (
    "hazard.reported",
    "hazard.assessed",
    "hazard.made_safe",
    "hazard.summary_sent",
    "decant.started",
    "decant.ended",
)


def _imported_hazard(event: Event) -> Hazard | None:
    """The hazard an imported event after the report is about: the case's latest of the
    hazard it names, or its latest of any."""
    hazards = Hazard.objects.filter(case=event.case).order_by("-reported_at", "-pk")
    named = (event.data or {}).get("hazard")
    return (hazards.filter(hazard=named).first() if named else None) or hazards.first()


def hazard_from_record(*, event: Event) -> Hazard | None:
    """Keep the `Hazard` rows in step with a hazard event that came in with an imported
    chronology, as the record gives it (a legacy record may lack a location or a description,
    or name a hazard outside the 29: nothing is refused). Called by the import in its
    transaction, so an imported hazard case shows its hazards."""
    data = event.data or {}
    if event.case is None:
        return None
    if event.kind == "hazard.reported":
        return Hazard.objects.create(
            case=event.case,
            reported_event=event,
            hazard=str(data.get("hazard") or "")[:40],
            location=str(data.get("location") or IMPORTED_TEXT)[:LOCATION_LIMIT],
            description=str(data.get("description") or IMPORTED_TEXT),
            reported_at=event.occurred_earliest,
        )
    hazard = _imported_hazard(event)
    if hazard is None:
        return None
    moment = event.occurred_earliest
    if event.kind == "hazard.assessed":
        hazard.severity = str(data.get("severity") or "")
        hazard.cause = str(data.get("cause") or "")
        hazard.assessed_at = hazard.assessed_at or moment
    elif event.kind == "hazard.made_safe":
        hazard.made_safe_at = hazard.made_safe_at or moment
    elif event.kind == "hazard.summary_sent":
        hazard.summary_sent_at = hazard.summary_sent_at or moment
        hazard.summary_sent_to = str(data.get("to") or "")[:200]
    elif event.kind == "decant.started":
        hazard.decant = DecantState.DECANTED
        hazard.decant_reason = str(data.get("reason") or "")
        hazard.decant_where = str(data.get("where") or "")[:300]
    elif event.kind == "decant.ended":
        hazard.decant = DecantState.RETURNED
    hazard.save()
    return hazard
