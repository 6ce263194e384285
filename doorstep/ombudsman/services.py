"""A complaint taken to the Housing Ombudsman: the referral, the Ombudsman's interventions,
evidence asked for and sent, the determination with its findings and orders, and each order
complied with.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its event on the Ombudsman case through `cases.services.record_on_case`, and,
where orders are concerned, brings the promise ledger's rows into line
(`commitments.projections.commitments_project`), all in one transaction. Time comes in as `at`
(when Doorstep is told) and `occurred` (when it happened). An order's deadline is counted
from the determination's date by the period the Ombudsman gave (`choices.PERIOD_DAYS`), or is
the date it gave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_link, case_open, record_on_case
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.documents.choices import DocumentType
from doorstep.documents.models import Document
from doorstep.documents.services import document_add
from doorstep.ombudsman.choices import PERIOD_DAYS, Outcome, Period
from doorstep.ombudsman.models import Referral
from doorstep.ombudsman.selectors import OmbudsmanRecord, ombudsman_state
from doorstep.residents.models import Household
from doorstep.staff.models import User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import When

ORDER_PREFIX = "ORD"
TEXT_LIMIT = 5000
REF_LIMIT = 60

NO_HOUSEHOLD = "Say which household took its complaint to the Ombudsman."
NO_OMBUDSMAN_REF = "Give the Ombudsman's reference for the complaint, like 202208650."
OMBUDSMAN_REF_TOO_LONG = "Keep the Ombudsman's reference to 60 characters."
OMBUDSMAN_REF_TAKEN = "The Ombudsman's reference {ref} already belongs to case {case}."
NO_COMPLAINT = "Choose the complaint case (or cases) the Ombudsman is looking at."
NOT_A_COMPLAINT = "{reference} is a {kind} case: the Ombudsman looks at complaint cases."
COMPLAINT_OTHER_HOUSEHOLD = "Complaint {reference} is about another household."
TEXT_TOO_LONG = "Keep it to 5,000 characters."
NOT_OMBUDSMAN = "{reference} is a {kind} case, not an Ombudsman referral."
CASE_CLOSED = "Case {reference} is closed: reopen it before recording more on it."
NO_INTERVENTION_TEXT = "Say what the Ombudsman asked the landlord to do."
NO_ITEMS = "List the evidence the Ombudsman asked for, one item a line."
NO_DUE = "Give the date the Ombudsman wants the evidence by."
DUE_BEFORE_REQUEST = "The evidence cannot be due ({due}) before it was asked for ({asked})."
UNKNOWN_REQUEST = "There is no evidence request {request} on case {reference}."
NO_ITEMS_SENT = "Choose the items of the request that were sent."
UNREQUESTED_ITEM = (
    "{item!r} was not asked for in request {request}. The Ombudsman asked for: {asked}."
)
DOCUMENT_ELSEWHERE = "Document {reference} belongs to another household."
ALREADY_DETERMINED = (
    "Case {reference} already has the Ombudsman's determination of {day}. Record a "
    "correction as a note naming it."
)
DETERMINATION_DAY = "Give the day of the determination: the orders' deadlines count from it."
DETERMINATION_BEFORE_REFERRAL = (
    "The determination cannot be dated ({day}) before the complaint was referred ({referred})."
)
NO_FINDINGS = "Record at least one finding: the topic and the Ombudsman's outcome for it."
NO_TOPIC = "Finding {n}: say what the finding is about, like complaint handling or repairs."
BAD_OUTCOME = "Finding {n}: choose the outcome the Ombudsman found: {allowed}."
ORDER_NO_ACTION = "Order {n}: say what the Ombudsman ordered the landlord to do."
ORDER_NO_DEADLINE = (
    "Order {n}: give its deadline: 28 days, 4, 6 or 8 weeks from the determination, or a date."
)
ORDER_TWO_DEADLINES = "Order {n}: give either a period or a date for the deadline, not both."
ORDER_BAD_PERIOD = "Order {n}: the period must be one of 28 days, 4 weeks, 6 weeks or 8 weeks."
ORDER_DUE_BEFORE = "Order {n}: its deadline ({due}) is before the determination ({day})."
ORDER_NO_OWNER = "Order {n}: name the member of staff who owns it."
ORDER_OWNER_CONTRACTOR = "Order {n}: a contractor cannot own an Ombudsman order."
NOT_DETERMINED = "Case {reference} has no determination yet, so no order to comply with."
UNKNOWN_ORDER = "There is no order {order} in the Ombudsman's determination on case {reference}."
ALREADY_COMPLIED = "Order {order} was already complied with on {day}."
NO_COMPLIANCE_EVIDENCE = (
    "Record the evidence of compliance: what was done, or attach the documents sent to the "
    "Ombudsman."
)
BEFORE_DETERMINATION = "That is dated {when}, before the determination of {day}."


@dataclass(frozen=True)
class Upload:
    """A file given with a step: its bytes, file name and title."""

    content: bytes
    name: str
    title: str


@dataclass(frozen=True)
class FindingIn:
    """A finding of the determination as given: the topic and the Ombudsman's outcome."""

    topic: str
    outcome: str


@dataclass(frozen=True)
class OrderIn:
    """An order as given: what, its deadline (a period from the determination, or a date) and
    the member of staff who owns it."""

    action: str
    owner: User | None
    period: str = ""
    due: When | None = None


def _text(
    value: str, *, missing: str, field: str, limit: int = TEXT_LIMIT, too_long: str = TEXT_TOO_LONG
) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        raise DomainError(too_long, field=field)
    return value


def _ombudsman_case(case: Case) -> None:
    if case.case_type != CaseType.OMBUDSMAN:
        kind = case.get_case_type_display().lower()
        raise DomainError(NOT_OMBUDSMAN.format(reference=case.reference, kind=kind), field="case")
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")


def _record(case: Case) -> OmbudsmanRecord:
    return ombudsman_state(case=case)


# --- the referral ------------------------------------------------------------------------------


def _check_complaints(household: Household, complaints: Sequence[Case]) -> None:
    if not complaints:
        raise DomainError(NO_COMPLAINT, field="complaints")
    for complaint in complaints:
        if complaint.case_type != CaseType.COMPLAINT:
            kind = complaint.get_case_type_display().lower()
            raise DomainError(
                NOT_A_COMPLAINT.format(reference=complaint.reference, kind=kind),
                field="complaints",
            )
        if complaint.household_id != household.pk:
            raise DomainError(
                COMPLAINT_OTHER_HOUSEHOLD.format(reference=complaint.reference),
                field="complaints",
            )


@transaction.atomic
def ombudsman_refer(
    *,
    actor: Model | None,
    household: Household | None,
    complaints: Sequence[Case],
    ombudsman_ref: str,
    text: str,
    at: dt.datetime,
    occurred: When | None = None,
) -> Case:
    """Record that the household took its complaint to the Housing Ombudsman: open an Ombudsman
    case (OMB) with the Ombudsman's reference, write `ombudsman.referred` on it, and link it to
    each complaint case it is about (`case.linked` on both)."""
    if household is None:
        raise DomainError(NO_HOUSEHOLD, field="household")
    ref = _text(
        ombudsman_ref,
        missing=NO_OMBUDSMAN_REF,
        field="ombudsman_ref",
        limit=REF_LIMIT,
        too_long=OMBUDSMAN_REF_TOO_LONG,
    )
    taken = Referral.objects.filter(ombudsman_ref=ref).select_related("case").first()
    if taken is not None:
        raise DomainError(
            OMBUDSMAN_REF_TAKEN.format(ref=ref, case=taken.case.reference), field="ombudsman_ref"
        )
    _check_complaints(household, complaints)
    text = (text or "").strip()
    if len(text) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="text")
    occurred = occurred or When.at(at)
    case = case_open(
        actor=actor,
        case_type=CaseType.OMBUDSMAN,
        title=f"Housing Ombudsman complaint {ref}",
        household=household,
        at=at,
        occurred=occurred,
    )
    event = record_on_case(
        case=case,
        kind="ombudsman.referred",
        data={
            "text": text or None,
            "ombudsman_ref": ref,
            "complaints": [c.reference for c in complaints],
        },
        actor=actor,
        at=at,
        occurred=occurred,
        channel=Channel.INTERNAL,
        summary=f"Referred to the Housing Ombudsman (reference {ref})",
    )
    for complaint in complaints:
        case_link(
            actor=actor,
            case=case,
            other=complaint,
            reason=f"The Ombudsman's complaint {ref} is about this complaint",
            at=at,
        )
    Referral.objects.create(
        case=case, ombudsman_ref=ref, referred_event=event, referred_on=occurred.earliest_date
    )
    return case


@transaction.atomic
def ombudsman_intervene(
    *, actor: Model | None, case: Case, text: str, at: dt.datetime, occurred: When | None = None
) -> Event:
    """Record that the Ombudsman asked the landlord to act or to respond."""
    _ombudsman_case(case)
    text = _text(text, missing=NO_INTERVENTION_TEXT, field="text")
    return record_on_case(
        case=case,
        kind="ombudsman.intervened",
        data={"text": text},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"The Ombudsman intervened: {text[:150]}",
    )


# --- evidence ------------------------------------------------------------------------------------


def _items(items: Iterable[str], *, missing: str) -> list[str]:
    listed = [i.strip() for i in items if i and i.strip()]
    if not listed:
        raise DomainError(missing, field="items")
    for item in listed:
        if len(item) > TEXT_LIMIT:
            raise DomainError(TEXT_TOO_LONG, field="items")
    return list(dict.fromkeys(listed))


@transaction.atomic
def evidence_request(
    *,
    actor: Model | None,
    case: Case,
    items: Iterable[str],
    due: When | None,
    at: dt.datetime,
    occurred: When | None = None,
) -> Event:
    """Record that the Ombudsman asked for evidence: the items and the date it wants them by.
    The request is named (`ER1`, `ER2`... on the case) so what is sent can answer it."""
    _ombudsman_case(case)
    listed = _items(items, missing=NO_ITEMS)
    occurred = occurred or When.at(at)
    if due is None:
        raise DomainError(NO_DUE, field="due")
    if due.latest < occurred.earliest:
        raise DomainError(
            DUE_BEFORE_REQUEST.format(due=due.display(), asked=occurred.display()), field="due"
        )
    request = f"ER{len(_record(case).requests) + 1}"
    return record_on_case(
        case=case,
        kind="ombudsman.evidence_requested",
        data={"request": request, "items": listed, "due": due.text},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"The Ombudsman asked for evidence by {due.display()} ({len(listed)} items)",
    )


def _documents(
    case: Case,
    *,
    actor: Model | None,
    documents: Iterable[Document],
    uploads: Iterable[Upload],
    at: dt.datetime,
) -> list[Document]:
    found = []
    for document in documents:
        if document.household_id != case.household_id:
            raise DomainError(
                DOCUMENT_ELSEWHERE.format(reference=document.reference), field="documents"
            )
        found.append(document)
    for upload in uploads:
        found.append(
            document_add(
                actor=actor,
                content=upload.content,
                original_name=upload.name,
                doc_type=DocumentType.OTHER,
                title=upload.title,
                case=case,
                at=at,
            )
        )
    return found


@transaction.atomic
def evidence_send(
    *,
    actor: Model | None,
    case: Case,
    request: str,
    items: Iterable[str],
    at: dt.datetime,
    documents: Iterable[Document] = (),
    uploads: Iterable[Upload] = (),
    occurred: When | None = None,
) -> Event:
    """Record the evidence sent to the Ombudsman for one of its requests: which items, and the
    documents sent (already on the record, or uploaded here onto the case)."""
    _ombudsman_case(case)
    found = _record(case).request(request.strip())
    if found is None:
        raise DomainError(
            UNKNOWN_REQUEST.format(request=request, reference=case.reference), field="request"
        )
    listed = _items(items, missing=NO_ITEMS_SENT)
    for item in listed:
        if item not in found.items:
            raise DomainError(
                UNREQUESTED_ITEM.format(item=item, request=found.id, asked="; ".join(found.items)),
                field="items",
            )
    sent = _documents(case, actor=actor, documents=documents, uploads=uploads, at=at)
    return record_on_case(
        case=case,
        kind="ombudsman.evidence_sent",
        data={"request": found.id, "items": listed, "documents": [d.reference for d in sent]},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Evidence sent to the Ombudsman for request {found.id} ({len(listed)} items)",
    )


# --- the determination ---------------------------------------------------------------------------


def _findings(findings: Sequence[FindingIn]) -> list[dict[str, str]]:
    if not findings:
        raise DomainError(NO_FINDINGS, field="findings")
    out = []
    for n, finding in enumerate(findings, start=1):
        topic = (finding.topic or "").strip()
        if not topic:
            raise DomainError(NO_TOPIC.format(n=n), field="findings")
        if finding.outcome not in Outcome.values:
            allowed = ", ".join(Outcome.values)
            raise DomainError(BAD_OUTCOME.format(n=n, allowed=allowed), field="findings")
        out.append({"topic": topic[:300], "outcome": finding.outcome})
    return out


def _order_due(n: int, order: OrderIn, day: dt.date) -> When:
    if order.period and order.due is not None:
        raise DomainError(ORDER_TWO_DEADLINES.format(n=n), field="orders")
    if order.period:
        if order.period not in Period.values:
            raise DomainError(ORDER_BAD_PERIOD.format(n=n), field="orders")
        return When.on(day + dt.timedelta(days=PERIOD_DAYS[order.period]))
    if order.due is None:
        raise DomainError(ORDER_NO_DEADLINE.format(n=n), field="orders")
    if order.due.latest_date < day:
        raise DomainError(
            ORDER_DUE_BEFORE.format(n=n, due=order.due.display(), day=f"{day:%-d %B %Y}"),
            field="orders",
        )
    return order.due


def _orders(orders: Sequence[OrderIn], day: dt.date, at: dt.datetime) -> list[dict[str, Any]]:
    out = []
    for n, order in enumerate(orders, start=1):
        action = (order.action or "").strip()
        if not action:
            raise DomainError(ORDER_NO_ACTION.format(n=n), field="orders")
        if len(action) > TEXT_LIMIT:
            raise DomainError(TEXT_TOO_LONG, field="orders")
        due = _order_due(n, order, day)
        if order.owner is None:
            raise DomainError(ORDER_NO_OWNER.format(n=n), field="orders")
        if getattr(order.owner, "contractor_id", None) is not None:
            raise DomainError(ORDER_OWNER_CONTRACTOR.format(n=n), field="orders")
        entry: dict[str, Any] = {
            "commitment": next_reference(ORDER_PREFIX, at.year),
            "action": action,
            "due": due.text,
            "owner": actor_name_of(order.owner),
            "owner_username": order.owner.get_username(),
        }
        if order.period:
            entry["period"] = order.period
        out.append(entry)
    return out


@transaction.atomic
def determination_record(
    *,
    actor: Model | None,
    case: Case,
    occurred: When,
    findings: Sequence[FindingIn],
    orders: Sequence[OrderIn],
    at: dt.datetime,
) -> Event:
    """Record the Ombudsman's determination: its date, a finding per topic (Scheme paragraph
    52's outcomes, or outside jurisdiction) and its orders, each with its deadline (a period
    counted from the determination's date, or a date) and its owner. Each order becomes a
    commitment of kind order on the promise ledger, listed at `/commitments/`."""
    _ombudsman_case(case)
    record = _record(case)
    if record.determination is not None:
        raise DomainError(
            ALREADY_DETERMINED.format(reference=case.reference, day=record.determination.display),
            field="case",
        )
    if not occurred.is_precise:
        raise DomainError(DETERMINATION_DAY, field="occurred")
    day = occurred.earliest_date
    if record.referred is not None and occurred.latest < record.referred.occurred_earliest:
        referred = When.parse(record.referred.occurred_text).display()
        raise DomainError(
            DETERMINATION_BEFORE_REFERRAL.format(day=occurred.display(), referred=referred),
            field="occurred",
        )
    found = _findings(findings)
    ordered = _orders(orders, day, at)
    event = record_on_case(
        case=case,
        kind="ombudsman.determination",
        data={"findings": found, "orders": ordered},
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"The Ombudsman's determination: {len(found)} finding(s), {len(ordered)} order(s)",
    )
    commitments_project(stream=event.stream)
    return event


# --- compliance ----------------------------------------------------------------------------------


@transaction.atomic
def order_comply(
    *,
    actor: Model | None,
    case: Case,
    order: str,
    evidence: str,
    at: dt.datetime,
    documents: Iterable[Document] = (),
    uploads: Iterable[Upload] = (),
    occurred: When | None = None,
) -> Commitment:
    """Record the evidence that the landlord complied with an order of the determination
    (`ombudsman.order_complied`): what was done, and the documents sent to the Ombudsman. The
    order is then kept on the promise ledger, and its `ombudsman.order` clock stops."""
    _ombudsman_case(case)
    record = _record(case)
    if record.determination is None:
        raise DomainError(NOT_DETERMINED.format(reference=case.reference), field="order")
    order = order.strip()
    if order not in record.order_refs:
        raise DomainError(
            UNKNOWN_ORDER.format(order=order, reference=case.reference), field="order"
        )
    complied = case.events.filter(kind="ombudsman.order_complied", data__commitment=order).first()
    if complied is not None:
        day = When.parse(complied.occurred_text).display()
        raise DomainError(ALREADY_COMPLIED.format(order=order, day=day), field="order")
    evidence = (evidence or "").strip()
    if len(evidence) > TEXT_LIMIT:
        raise DomainError(TEXT_TOO_LONG, field="evidence")
    documents, uploads = list(documents), list(uploads)
    if not evidence and not documents and not uploads:
        raise DomainError(NO_COMPLIANCE_EVIDENCE, field="evidence")
    occurred = occurred or When.at(at)
    determined = record.determination.event
    if occurred.latest < determined.occurred_earliest:
        raise DomainError(
            BEFORE_DETERMINATION.format(when=occurred.display(), day=record.determination.display),
            field="occurred",
        )
    sent = _documents(case, actor=actor, documents=documents, uploads=uploads, at=at)
    event = record_on_case(
        case=case,
        kind="ombudsman.order_complied",
        data={
            "commitment": order,
            "evidence": evidence or None,
            "documents": [d.reference for d in sent],
        },
        actor=actor,
        at=at,
        occurred=occurred,
        summary=f"Complied with the Ombudsman's order {order}",
    )
    commitments_project(stream=event.stream)
    return Commitment.objects.select_related("case", "owner").get(stream=event.stream, ref=order)
