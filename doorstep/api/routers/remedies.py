"""Remedies and compensation on a case: what the resident asked for, each offer (its parts,
kind, method, the landlord's band beside each amount, the replay's findings), its payments and
what is still owed; and recording a request, an offer or a payment.

A refund of the resident's own money is an offer of its own and is never counted as
compensation (there is no input to make it count). Paying to the rent account needs the
resident's request, with when and how she asked.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.remedies.schemas import (
    CompensationOut,
    OfferIn,
    OfferOut,
    PaymentIn,
    PaymentOut,
    RequestIn,
    RequestOut,
    WithdrawIn,
    compensation_out,
    offer_out,
    payment_out,
    request_out,
)
from doorstep.remedies.selectors import compensation_for_case, offer_on_case, recorded_by
from doorstep.remedies.services import (
    compensation_offer,
    compensation_offer_withdraw,
    compensation_pay,
    compensation_request,
)
from doorstep.timeline.when import When

router = Router(tags=["remedies and compensation"])
VIEW = "remedies.view_compensation"


class CompensationFilters(Schema):
    as_of: dt.date | None = Field(
        None, description="YYYY-MM-DD: as the record stood; default: today"
    )


@router.get(
    "/cases/{reference}/compensation",
    response=responds(200, CompensationOut),
    auth=requires(VIEW),
)
def compensation_read(
    request: HttpRequest, reference: Reference, filters: Query[CompensationFilters]
) -> Any:
    """The case's compensation as of a date: requests (and whether the next response answered
    them), offers with their parts, bands, findings and payments, and what is outstanding."""
    case = selectors.case_for(user=caller(request), reference=reference)
    as_of = filters.as_of or timezone.localdate(received_at(request))
    return compensation_out(case.reference, as_of, compensation_for_case(case=case, as_of=as_of))


def _first(request: HttpRequest, first: IntakeRecord, reference: str, kind: str) -> Any:
    case = selectors.case_for(user=caller(request), reference=reference)
    found = recorded_by(case=case, kind=kind, actor=caller(request), at=first.received_at)
    return case, only(found)


def _requested(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    case, event = _first(request, first, reference, "compensation.requested")
    return request_out(case.reference, event, None)


def _offered(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    case, event = _first(request, first, reference, "compensation.offered")
    return offer_out(case.reference, offer_on_case(case=case, ref=event.data["offer"]))  # type: ignore[arg-type]


def _paid(request: HttpRequest, first: IntakeRecord, reference: str, **_: Any) -> Any:
    _, event = _first(request, first, reference, "compensation.paid")
    return payment_out(event)


@router.post(
    "/cases/{reference}/compensation/requests",
    response=responds(201, RequestOut),
    auth=requires("remedies.request_compensation"),
)
@idempotent(_requested)
def compensation_request_create(
    request: HttpRequest, reference: Reference, payload: RequestIn
) -> Any:
    """Record that the resident asked for compensation: her words, and the amount she named."""
    user, at = caller(request), received_at(request)
    case = selectors.case_for(user=user, reference=reference)
    event = compensation_request(
        actor=user,
        case=case,
        text=payload.text,
        amount=payload.amount,
        occurred=payload.when(),
        at=at,
    )
    return Status(201, request_out(case.reference, event, None))


@router.post(
    "/cases/{reference}/compensation/offers",
    response=responds(201, OfferOut),
    auth=requires("remedies.offer_compensation"),
)
@idempotent(_offered)
def compensation_offer_create(request: HttpRequest, reference: Reference, payload: OfferIn) -> Any:
    """Make an offer of parts, each for a failure and each compensation, goodwill or a refund
    (a refund on its own, never counted as compensation). Direct unless the resident asked for
    the rent account. A part below its band, or an offer after the process closed, is
    recorded and the replay's finding follows."""
    user, at = caller(request), received_at(request)
    case = selectors.case_for(user=user, reference=reference)
    event = compensation_offer(
        actor=user,
        case=case,
        parts=[p.part() for p in payload.components],
        method=payload.method,
        occurred=payload.when(),
        resident_asked_for_offset=payload.resident_asked_for_offset,
        offset_asked_on=payload.asked_on(),
        offset_asked_how=payload.offset_asked_how,
        at=at,
    )
    return Status(201, offer_out(case.reference, offer_on_case(case=case, ref=event.data["offer"])))  # type: ignore[arg-type]


@router.post(
    "/cases/{reference}/compensation/payments",
    response=responds(201, PaymentOut),
    auth=requires("remedies.pay_compensation"),
)
@idempotent(_paid)
def compensation_payment_create(
    request: HttpRequest, reference: Reference, payload: PaymentIn
) -> Any:
    """Record a payment against an offer: never more than is outstanding, never against a
    withdrawn offer, and to the rent account only where the resident asked."""
    user, at = caller(request), received_at(request)
    case = selectors.case_for(user=user, reference=reference)
    event = compensation_pay(
        actor=user,
        case=case,
        offer=payload.offer,
        amount=payload.amount,
        method=payload.method,
        occurred=payload.when() or When.at(at),
        resident_asked_for_offset=payload.resident_asked_for_offset,
        offset_asked_on=payload.asked_on(),
        offset_asked_how=payload.offset_asked_how,
        at=at,
    )
    return Status(201, payment_out(event))


def _withdrawn(
    request: HttpRequest, first: IntakeRecord, reference: str, offer: str, **_: Any
) -> Any:
    case = selectors.case_for(user=caller(request), reference=reference)
    found = recorded_by(case=case, kind="note", actor=caller(request), at=first.received_at)
    only(found)
    return offer_out(case.reference, offer_on_case(case=case, ref=offer))  # type: ignore[arg-type]


@router.post(
    "/cases/{reference}/compensation/offers/{offer}/withdraw",
    response=responds(200, OfferOut),
    auth=requires("remedies.offer_compensation"),
)
@idempotent(_withdrawn)
def compensation_offer_withdraw_create(
    request: HttpRequest, reference: Reference, offer: str, payload: WithdrawIn
) -> Any:
    """Withdraw an offer, with the reason: what was paid stays paid, and nothing more can be
    paid against it. Refused for an unknown offer, one already withdrawn or paid in full."""
    user, at = caller(request), received_at(request)
    case = selectors.case_for(user=user, reference=reference)
    compensation_offer_withdraw(actor=user, case=case, offer=offer, reason=payload.reason, at=at)
    return offer_out(case.reference, offer_on_case(case=case, ref=offer))  # type: ignore[arg-type]
