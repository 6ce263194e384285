"""The Housing Ombudsman: refer a household's complaint (opens an Ombudsman case linked to the
complaints), list referrals, read one as of a date, and record the Ombudsman's interventions,
requests for evidence, evidence sent, the determination (findings and orders with deadlines
and owners: the orders go on the promise ledger, `GET /commitments`) and compliance with an
order.

Every write answers with the Ombudsman case as it stands on the day the request arrived.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.core.errors import DomainError
from doorstep.ombudsman import selectors as ombudsman
from doorstep.ombudsman.schemas import (
    ComplyIn,
    DeterminationIn,
    EvidenceRequestIn,
    EvidenceSentIn,
    InterventionIn,
    OmbudsmanOut,
    ReferIn,
    ombudsman_out,
)
from doorstep.ombudsman.services import (
    FindingIn,
    OrderIn,
    determination_record,
    evidence_request,
    evidence_send,
    ombudsman_intervene,
    ombudsman_refer,
    order_comply,
)
from doorstep.staff.models import User
from doorstep.timeline.when import When

router = Router(tags=["ombudsman"])

CASE = "/cases/{reference}/ombudsman"
VIEW = "ombudsman.view_referral"
CHANGE = "ombudsman.change_referral"
UNKNOWN_OWNER = "Order {n}: there is no member of staff with the username {username!r}."
UNKNOWN_COMPLAINT = "There is no case {reference} that you can see."


class AsOf(Schema):
    as_of: dt.date | None = None


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _ombudsman_case(request: HttpRequest, reference: str) -> Case:
    case = selectors.case_for(user=caller(request), reference=reference)
    if case.case_type != CaseType.OMBUDSMAN:
        raise Case.DoesNotExist
    return case


def _out(case: Case, day: dt.date) -> dict[str, Any]:
    return ombudsman_out(ombudsman.ombudsman_record(case=case, as_of=day))


def _outs(cases: list[Case], day: dt.date) -> list[dict[str, Any]]:
    return [ombudsman_out(r) for r in ombudsman.ombudsman_records(cases=cases, as_of=day)]


def _same(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    """A step's retry: the case as it stands (the first request's step is on it)."""
    return _out(_ombudsman_case(request, reference), _day(first.received_at))


def _referred(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    case = only(ombudsman.referrals_made_by(user=caller(request), moment=first.received_at))
    return _out(case, _day(first.received_at))


@router.get("/ombudsman/referrals", response=responds(200, list[OmbudsmanOut]), auth=requires(VIEW))
@paginate(LimitOffsetPagination)
def referral_list(request: HttpRequest, filters: Query[AsOf]) -> Any:
    """Every Ombudsman referral the caller may see, newest first, as of `as_of` (default
    today): evidence outstanding and overdue, the determination, the orders and where each
    stands."""
    day = filters.as_of or _day(received_at(request))
    cases = ombudsman.ombudsman_cases(user=caller(request))
    return selectors.ReadPage(cases, lambda page: _outs(page, day))


@router.post(
    "/ombudsman/referrals",
    response=responds(201, OmbudsmanOut),
    auth=requires("ombudsman.add_referral"),
)
@idempotent(_referred)
def referral_create(request: HttpRequest, payload: ReferIn) -> Any:
    """Refer a household's complaint to the Housing Ombudsman: opens an Ombudsman case (OMB)
    with the Ombudsman's reference, linked to each complaint case named."""
    user, at = caller(request), received_at(request)
    household = selectors.household_named(reference=payload.household, field="household")
    complaints = []
    for reference in payload.complaints:
        try:
            complaints.append(selectors.case_for(user=user, reference=reference))
        except Case.DoesNotExist:
            raise DomainError(
                UNKNOWN_COMPLAINT.format(reference=reference), field="complaints"
            ) from None
    case = ombudsman_refer(
        actor=user,
        household=household,
        complaints=complaints,
        ombudsman_ref=payload.ombudsman_ref,
        text=payload.text,
        occurred=payload.when() or When.at(at),
        at=at,
    )
    return Status(201, _out(case, _day(at)))


@router.get(CASE, response=responds(200, OmbudsmanOut), auth=requires(VIEW))
def ombudsman_read(request: HttpRequest, reference: Reference, filters: Query[AsOf]) -> Any:
    """An Ombudsman case as of `as_of` (default today)."""
    case = _ombudsman_case(request, reference)
    return _out(case, filters.as_of or _day(received_at(request)))


@router.post(f"{CASE}/interventions", response=responds(201, OmbudsmanOut), auth=requires(CHANGE))
@idempotent(_same)
def intervention_create(request: HttpRequest, reference: Reference, payload: InterventionIn) -> Any:
    """Record that the Ombudsman asked the landlord to act or to respond."""
    at = received_at(request)
    case = _ombudsman_case(request, reference)
    ombudsman_intervene(
        actor=caller(request), case=case, text=payload.text, occurred=payload.when(), at=at
    )
    return Status(201, _out(case, _day(at)))


@router.post(
    f"{CASE}/evidence-requests", response=responds(201, OmbudsmanOut), auth=requires(CHANGE)
)
@idempotent(_same)
def evidence_request_create(
    request: HttpRequest, reference: Reference, payload: EvidenceRequestIn
) -> Any:
    """Record the evidence the Ombudsman asked for, and the date it is due by. The request is
    named ER1, ER2... on the case."""
    at = received_at(request)
    case = _ombudsman_case(request, reference)
    evidence_request(
        actor=caller(request),
        case=case,
        items=payload.items,
        due=When.parse(payload.due),
        occurred=payload.when(),
        at=at,
    )
    return Status(201, _out(case, _day(at)))


@router.post(f"{CASE}/evidence-sent", response=responds(201, OmbudsmanOut), auth=requires(CHANGE))
@idempotent(_same)
def evidence_sent_create(
    request: HttpRequest, reference: Reference, payload: EvidenceSentIn
) -> Any:
    """Record evidence sent for a request: which of its items, and the documents sent (upload
    them first: `POST /cases/{reference}/documents`)."""
    user, at = caller(request), received_at(request)
    case = _ombudsman_case(request, reference)
    documents = [selectors.document_for(user=user, reference=r) for r in payload.documents]
    evidence_send(
        actor=user,
        case=case,
        request=payload.request,
        items=payload.items,
        documents=documents,
        occurred=payload.when(),
        at=at,
    )
    return Status(201, _out(case, _day(at)))


def _owner(n: int, username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username).first()
    if found is None:
        raise DomainError(UNKNOWN_OWNER.format(n=n, username=username), field="orders")
    return found


@router.post(
    f"{CASE}/determination",
    response=responds(201, OmbudsmanOut),
    auth=requires("ombudsman.record_determination"),
)
@idempotent(_same)
def determination_create(
    request: HttpRequest, reference: Reference, payload: DeterminationIn
) -> Any:
    """Record the Ombudsman's determination: its date, a finding per topic, and its orders,
    each with a deadline (`period`: 28_days, 4_weeks, 6_weeks, 8_weeks from the determination,
    or `due`) and an owner. The orders go on the promise ledger (`GET /commitments`)."""
    at = received_at(request)
    case = _ombudsman_case(request, reference)
    determination_record(
        actor=caller(request),
        case=case,
        occurred=When.parse(payload.occurred),
        findings=[FindingIn(f.topic, f.outcome) for f in payload.findings],
        orders=[
            OrderIn(
                action=o.action,
                owner=_owner(n, o.owner),
                period=o.period or "",
                due=When.parse(o.due) if o.due else None,
            )
            for n, o in enumerate(payload.orders, start=1)
        ],
        at=at,
    )
    return Status(201, _out(case, _day(at)))


@router.post(
    f"{CASE}/orders/{{order}}/complied", response=responds(201, OmbudsmanOut), auth=requires(CHANGE)
)
@idempotent(_same)
def order_complied_create(
    request: HttpRequest, reference: Reference, order: str, payload: ComplyIn
) -> Any:
    """Record the evidence of compliance with an order (text and/or documents already on
    record): the order is then kept on the promise ledger."""
    user, at = caller(request), received_at(request)
    case = _ombudsman_case(request, reference)
    documents = [selectors.document_for(user=user, reference=r) for r in payload.documents]
    order_comply(
        actor=user,
        case=case,
        order=order,
        evidence=payload.evidence,
        documents=documents,
        occurred=payload.when(),
        at=at,
    )
    return Status(201, _out(case, _day(at)))
