"""Management moves: a household's request to move (from any channel, or from a contact on its
record), evidence asked for and received, a referral to the panel, the decision, and the other
routes to a move offered with the support given.

Each service checks its preconditions (a `DomainError` with one of the constant messages below,
on the field it concerns), appends its event on the transfer case, and rebuilds the
`MoveRequest` row from the case's events in the same transaction (`projections.move_project`).
Time comes in as `at` (when Doorstep is told) and `occurred` (when it happened, default `at`).
The decision clock is never counted here: the clock engine reads it from these events
(`clocks.families.transfers`).

Whose evidence counts: a household member's, or a third party's the household authorised for
moves (`ThirdPartyAuthority` with scope moves or everything, in force on the day it was
received, not withdrawn). Anyone else's is recorded all the same, marked as not from an
authorised source, so the officer can seek the household's consent or confirmation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.contacts.services import CONTACT_CHANNELS, case_open_from_contact
from doorstep.core.errors import DomainError
from doorstep.documents.choices import DocumentType
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.moves.choices import (
    FINAL_OUTCOMES,
    OPEN_STATUSES,
    Ground,
    MoveStatus,
    Outcome,
    Route,
    Standing,
)
from doorstep.moves.models import MoveRequest
from doorstep.moves.projections import move_project
from doorstep.residents.choices import ThirdPartyScope
from doorstep.residents.models import Household, Person, ThirdPartyAuthority
from doorstep.residents.selectors import authority_in_force
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

TEXT_LIMIT = 5000
MOVE_SCOPES = (ThirdPartyScope.MOVES.value, ThirdPartyScope.ALL.value)

NO_HOUSEHOLD = "Say which household is asking to move."
NO_REASON = "Write down why the household asks to move, in their words."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
NO_GROUNDS = (
    "Choose the grounds the request rests on (medical, anti-social behaviour, police, a "
    "support worker's advice, or another reason)."
)
BAD_GROUND = "Choose grounds from the list: {allowed}."
BAD_CHANNEL = "Say how it came in: phone, email, letter, visit, portal or in person."
NOT_A_CONTACT_IN = "Only a contact received from someone (not one sent) can be a request to move."
CONTACT_OTHER_HOUSEHOLD = "That contact was recorded for another household."
DOCUMENT_OTHER_HOUSEHOLD = "Document {reference} is on another household's record."
ALREADY_OPEN = (
    "Household {household} already has an open request to move ({reference}): record more on "
    "that case."
)
CASE_CLOSED = "Case {reference} is closed: reopen it before recording more on it."
NOT_A_MOVE = "{reference} is a {kind} case, not a request to move."
ALREADY_DECIDED = (
    "The request was already {outcome} on {day}: a request is decided once. If the household "
    "asks again, record a new request."
)
BEFORE_REQUEST = (
    "That is dated {when}, before the household asked to move on {requested}: record it on or "
    "after then."
)
NO_WHAT = "Say what evidence is asked for, as the household or the third party is told it."
NO_WHAT_RECEIVED = "Say what evidence was received (for example 'GP letter of 3 March')."
BAD_TYPE = "Choose document types from the list: {allowed}."
NO_SOURCE = "Say who the evidence came from: a person on record, or their name and role."
BOTH_DOCUMENTS = "Attach a new document or choose one on record, not both."
NO_DOCUMENT_TITLE = "Give the document a title."
BAD_OUTCOME = "Choose the decision: approved or declined."
NO_DECLINE_REASON = (
    "Give the reason the request is declined, as the household will be told it: say which "
    "grounds were considered, what evidence was weighed and why it does not meet the policy."
)
ALREADY_AT_PANEL = "The request was already referred to the panel on {day}: record its decision."
NO_PANEL_REASON = "Say why the request goes to the panel and what the panel is asked to decide."
NO_ROUTES = "Choose the routes offered: mutual exchange, the housing register or another."
BAD_ROUTE = "Choose routes from the list: {allowed}."
NO_SUPPORT = (
    "Say what support was given with these routes (for example 'registered her on "
    "HomeSwapper and sent the council's form'): an offer without help is not on the record."
)
NOT_REQUESTED_NOTE = " (nothing was asked for)"
NOT_AUTHORISED_NOTE = " (not from an authorised source)"


@dataclass(frozen=True)
class Upload:
    """A new document received as evidence."""

    content: bytes
    original_name: str
    doc_type: str
    title: str


def _text(value: str, *, missing: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _optional(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field=field)
    return value


def _show(moment: dt.datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.day} {local:%B %Y}"


def _title(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(80)


def _choices(values: Iterable[str], allowed: type[Any], *, message: str, field: str) -> list[str]:
    chosen = list(dict.fromkeys(v for v in values if v))
    if any(v not in allowed.values for v in chosen):
        words = "; ".join(str(c.label) for c in allowed)
        raise DomainError(message.format(allowed=words), field=field)
    return chosen


def _project(case: Case) -> MoveRequest:
    move = move_project(case)
    if move is None:  # pragma: no cover - a request is always written first
        raise MoveRequest.DoesNotExist(case.reference)
    return move


# --- the request -----------------------------------------------------------------------------


def _origin(
    contact: Event | None, household: Household | None, reason: str, occurred: When | None
) -> tuple[Household, str, When | None, str | None]:
    if contact is None:
        if household is None:
            raise DomainError(NO_HOUSEHOLD, field="household")
        return household, reason, occurred, None
    if contact.kind != "contact.in":
        raise DomainError(NOT_A_CONTACT_IN, field="from_contact")
    if household is not None and contact.household_id != household.pk:
        raise DomainError(CONTACT_OTHER_HOUSEHOLD, field="from_contact")
    if contact.household is None:
        raise DomainError(NO_HOUSEHOLD, field="from_contact")
    words = (reason or "").strip() or str(contact.data.get("text") or "")
    return contact.household, words, occurred or When.parse(contact.occurred_text), contact.channel


def _check_documents(household: Household, documents: Sequence[Document], field: str) -> None:
    for doc in documents:
        if doc.household_id != household.pk:
            raise DomainError(DOCUMENT_OTHER_HOUSEHOLD.format(reference=doc.reference), field=field)


@transaction.atomic
def move_request(
    *,
    actor: Model | None,
    reason: str,
    grounds: Iterable[str],
    at: dt.datetime,
    household: Household | None = None,
    evidence: Sequence[Document] = (),
    occurred: When | None = None,
    channel: str = Channel.PHONE,
    from_contact: Event | None = None,
    title: str = "",
) -> MoveRequest:
    """Record a household's request to move: opens a transfer case (TRF) with a
    `transfer.requested` holding the reason in their words, the grounds and the documents on
    record it rests on. From a contact on the household's record (`from_contact`), in one
    step: the case keeps the contact as its origin and takes its words, date and channel unless
    given. A household with an open request is refused, naming it. The decision clock runs from
    `occurred`."""
    household, reason, occurred, contact_channel = _origin(
        from_contact, household, reason, occurred
    )
    reason = _text(reason, missing=NO_REASON, field="reason")
    chosen = _choices(grounds, Ground, message=BAD_GROUND, field="grounds")
    if not chosen:
        raise DomainError(NO_GROUNDS, field="grounds")
    channel = contact_channel or channel
    if channel not in CONTACT_CHANNELS:
        raise DomainError(BAD_CHANNEL, field="channel")
    _check_documents(household, evidence, "evidence")
    open_move = (
        MoveRequest.objects.filter(
            case__household=household, status__in=OPEN_STATUSES, case__status=CaseStatus.OPEN
        )
        .select_related("case")
        .first()
    )
    if open_move is not None:
        raise DomainError(
            ALREADY_OPEN.format(household=household.reference, reference=open_move.case.reference),
            field="household",
        )
    occurred = occurred or When.at(at)
    title = (title or "").strip() or _title(f"Request to move: {reason}")
    if from_contact is not None:
        case = case_open_from_contact(
            actor=actor, contact=from_contact, case_type=CaseType.TRANSFER, title=title, at=at
        )
    else:
        case = case_open(
            actor=actor,
            case_type=CaseType.TRANSFER,
            title=title,
            household=household,
            at=at,
            occurred=occurred,
            channel=channel,
        )
    labels = ", ".join(str(Ground(g).label).lower() for g in chosen)
    record_on_case(
        case=case,
        kind="transfer.requested",
        data={"reason": reason, "grounds": chosen, "evidence": [d.reference for d in evidence]},
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"Move requested ({labels}): {_title(reason)}",
    )
    return _project(case)


# --- handling --------------------------------------------------------------------------------


def _check_open(move: MoveRequest) -> None:
    case = move.case
    if case.case_type != CaseType.TRANSFER:
        raise DomainError(
            NOT_A_MOVE.format(reference=case.reference, kind=case.get_case_type_display()),
            field="case",
        )
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")
    if move.outcome in FINAL_OUTCOMES and move.decided_at is not None:
        outcome = str(Outcome(move.outcome).value)
        raise DomainError(
            ALREADY_DECIDED.format(outcome=outcome, day=_show(move.decided_at)), field="outcome"
        )


def _when(move: MoveRequest, occurred: When | None, at: dt.datetime) -> When:
    occurred = occurred or When.at(at)
    if occurred.latest < move.requested_at:
        raise DomainError(
            BEFORE_REQUEST.format(when=occurred.display(), requested=_show(move.requested_at)),
            field="occurred",
        )
    return occurred


@transaction.atomic
def move_evidence_request(
    *,
    actor: Model | None,
    move: MoveRequest,
    what: str,
    at: dt.datetime,
    to: Person | None = None,
    to_name: str = "",
    types: Iterable[str] = (),
    occurred: When | None = None,
) -> MoveRequest:
    """Ask for evidence for the request (`transfer.evidence_requested`): what, of whom (a person
    on record, or in words), and the document types that would answer it. No decision clock
    runs until evidence is received; while it is awaited, a matching document already on the
    household's record is flagged (`clocks.moves.evidence_on_record`)."""
    _check_open(move)
    what = _text(what, missing=NO_WHAT, field="what")
    kinds = _choices(types, DocumentType, message=BAD_TYPE, field="types")
    to_name = _optional(to_name, "to_name") or (to.full_name if to is not None else "")
    occurred = _when(move, occurred, at)
    data: dict[str, Any] = {"what": what, "types": kinds}
    if to is not None:
        data["to"] = to.reference
    if to_name:
        data["to_name"] = to_name
    who = f" of {to_name}" if to_name else ""
    record_on_case(
        case=move.case,
        kind="transfer.evidence_requested",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Evidence for the move asked for{who}: {_title(what)}",
    )
    return _project(move.case)


def source_standing(
    household: Household, person: Person | None, on: dt.date
) -> tuple[str, list[str]]:
    """Whether evidence from `person` counts, as the record stands on `on`: a household
    member's does; so does a third party's the household authorised for moves (in force, not
    withdrawn); anyone else's, or an unnamed source's, does not. With the authority's scope."""
    if person is None:
        return Standing.NOT_AUTHORISED.value, []
    if household.members.filter(person=person, left_on__isnull=True).exists():
        return Standing.HOUSEHOLD.value, []
    authorities = ThirdPartyAuthority.objects.filter(
        household=household, third_party=person, withdrawn_on__isnull=True
    ).order_by("-consent_given_on", "-pk")
    for authority in authorities:
        in_scope = any(s in MOVE_SCOPES for s in authority.scope)
        if in_scope and authority_in_force(authority=authority, on=on):
            return Standing.AUTHORISED.value, list(authority.scope)
    return Standing.NOT_AUTHORISED.value, []


@transaction.atomic
def move_evidence_receive(
    *,
    actor: Model | None,
    move: MoveRequest,
    what: str,
    at: dt.datetime,
    source: Person | None = None,
    source_name: str = "",
    document: Document | None = None,
    upload: Upload | None = None,
    occurred: When | None = None,
) -> MoveRequest:
    """Record evidence received for the request (`transfer.evidence_received`): what, from whom,
    and the document (a new one attached, added to the case with its source, or one already on
    the household's record). Where evidence was asked for, the decision clock runs from here.
    Evidence nobody asked for is recorded all the same, noted as such. Whether its source counts
    (`source_standing`) is recorded with it: evidence from anyone but the household or a third
    party it authorised for moves is marked as not from an authorised source."""
    _check_open(move)
    household = move.case.household
    if household is None:  # pragma: no cover - a transfer case is always a household's
        raise DomainError(NO_HOUSEHOLD, field="case")
    what = _text(what, missing=NO_WHAT_RECEIVED, field="what")
    source_name = _optional(source_name, "source_name")
    if source is None and not source_name:
        raise DomainError(NO_SOURCE, field="source")
    if document is not None and upload is not None:
        raise DomainError(BOTH_DOCUMENTS, field="document")
    if document is not None:
        _check_documents(household, [document], "document")
    occurred = _when(move, occurred, at)
    standing, scope = source_standing(household, source, occurred.latest_date)
    counts = standing != Standing.NOT_AUTHORISED
    if upload is not None:
        if not (upload.title or "").strip():
            raise DomainError(NO_DOCUMENT_TITLE, field="title")
        about: dict[str, Any] = {"from_authorised": counts}
        if source is not None:
            about["from"] = source.reference
        if source_name:
            about["from_name"] = source_name
        document = document_add(
            actor=actor,
            content=upload.content,
            original_name=upload.original_name,
            doc_type=upload.doc_type,
            title=upload.title,
            at=at,
            case=move.case,
            about=about,
        )
    requested = any(
        dt.date.fromisoformat(e["on"]) <= occurred.latest_date for e in move.evidence_requested
    )
    data: dict[str, Any] = {
        "what": what,
        "from": source.reference if source is not None else None,
        "from_authorised": counts,
        "source_standing": standing,
        "requested": requested,
    }
    if source_name:
        data["from_name"] = source_name
    if scope:
        data["authority_scope"] = scope
    if document is not None:
        data["document"] = document.reference
    who = source_name or (source.full_name if source is not None else "")
    notes = ("" if requested else NOT_REQUESTED_NOTE) + ("" if counts else NOT_AUTHORISED_NOTE)
    record_on_case(
        case=move.case,
        kind="transfer.evidence_received",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Evidence for the move received from {who}{notes}: {_title(what)}",
    )
    return _project(move.case)


@transaction.atomic
def move_refer_to_panel(
    *,
    actor: Model | None,
    move: MoveRequest,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> MoveRequest:
    """Refer the request to the panel (`transfer.decided` with outcome panel_referred), saying
    why and what it is asked to decide. It stops the decision clock; the panel's decision is
    recorded with `move_decide`."""
    _check_open(move)
    if move.status == MoveStatus.AT_PANEL and move.panel_referred_at is not None:
        raise DomainError(
            ALREADY_AT_PANEL.format(day=_show(move.panel_referred_at)), field="outcome"
        )
    reason = _text(reason, missing=NO_PANEL_REASON, field="reason")
    occurred = _when(move, occurred, at)
    record_on_case(
        case=move.case,
        kind="transfer.decided",
        data={"outcome": Outcome.PANEL_REFERRED.value, "reason": reason},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Move request referred to the panel: {_title(reason)}",
    )
    return _project(move.case)


@transaction.atomic
def move_decide(
    *,
    actor: Model | None,
    move: MoveRequest,
    outcome: str,
    reason: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> MoveRequest:
    """Decide the request: approved, or declined with a reason a housing officer can defend to
    the household and the Ombudsman (`transfer.decided`). Once only: a second decision is
    refused. Where the request was referred to the panel, this is the panel's decision."""
    _check_open(move)
    if outcome not in (Outcome.APPROVED, Outcome.DECLINED):
        raise DomainError(BAD_OUTCOME, field="outcome")
    if outcome == Outcome.DECLINED:
        reason = _text(reason, missing=NO_DECLINE_REASON, field="reason")
    else:
        reason = _optional(reason, "reason")
    occurred = _when(move, occurred, at)
    panel = move.status == MoveStatus.AT_PANEL
    data: dict[str, Any] = {"outcome": outcome, "reason": reason or None}
    if panel:
        data["panel"] = True
    by = "The panel" if panel else "Move request"
    words = f": {_title(reason)}" if reason else ""
    record_on_case(
        case=move.case,
        kind="transfer.decided",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"{by} {outcome}{words}",
    )
    return _project(move.case)


@transaction.atomic
def move_routes_offer(
    *,
    actor: Model | None,
    move: MoveRequest,
    routes: Iterable[str],
    support: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> MoveRequest:
    """Offer other routes to a move (mutual exchange, the housing register, another) with the
    support given (`transfer.support_offered`). At any time while the case is open, whatever
    the decision: a declined household still needs a way to move."""
    case = move.case
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")
    chosen = _choices(routes, Route, message=BAD_ROUTE, field="routes")
    if not chosen:
        raise DomainError(NO_ROUTES, field="routes")
    support = _text(support, missing=NO_SUPPORT, field="support")
    occurred = _when(move, occurred, at)
    labels = ", ".join(str(Route(r).label).lower() for r in chosen)
    record_on_case(
        case=case,
        kind="transfer.support_offered",
        data={"routes": chosen, "support": support},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Other routes offered ({labels}): {_title(support)}",
    )
    return _project(case)
