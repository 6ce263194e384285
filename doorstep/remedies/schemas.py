"""What the API accepts for remedies (`...In`) and returns (`...Out`). Served by
`doorstep/api/routers/remedies.py` (remedies never import the API).

An offer's input has no `counted_as_compensation`: only compensation counts as compensation,
and a refund never does, whatever a caller would like (the field is refused as unknown)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from doorstep.remedies.selectors import CaseRemedies, OfferEntry, day_of
from doorstep.remedies.services import Part
from doorstep.timeline.models import Event
from doorstep.timeline.schemas import OCCURRED, In, when_text
from doorstep.timeline.when import When

Money = Decimal
KindName = Literal["compensation", "goodwill", "refund"]
MethodName = Literal["direct", "rent_account", "rent_account_if_arrears"]


class WhenIn(In):
    occurred: str | None = Field(None, description=OCCURRED)

    _when = field_validator("occurred")(when_text)

    def when(self) -> When | None:
        return When.parse(self.occurred) if self.occurred is not None else None


class OffsetIn(WhenIn):
    method: MethodName = Field(
        "direct", description="Directly to the resident, unless she asked for the rent account"
    )
    resident_asked_for_offset: bool = Field(
        False, description="She asked for the money to go to her rent account"
    )
    offset_asked_on: str | None = Field(None, description="When she asked for that")
    offset_asked_how: str = Field("", max_length=500, description="How she asked for that")

    _asked = field_validator("offset_asked_on")(when_text)

    def asked_on(self) -> When | None:
        return When.parse(self.offset_asked_on) if self.offset_asked_on else None


class RequestIn(WhenIn):
    text: str = Field(min_length=1, max_length=5000, description="The resident's words")
    amount: Money | None = Field(None, ge=0, description="The amount she asked for, if any")


class PartIn(In):
    amount: Money = Field(gt=0, description="Pounds and pence")
    for_: str = Field(
        "", alias="for", max_length=500, description="The failure it remedies, in words"
    )
    failure: str | None = Field(
        None,
        max_length=200,
        description="The failure's reference from the replay (clock:<name>:<subject>, "
        "appointment:<ref>:<code>, commitment:<ref>)",
    )
    kind: KindName = "compensation"
    band: str | None = Field(None, max_length=100, description="A compensation band's name")

    def part(self) -> Part:
        return Part(
            amount=self.amount,
            for_=self.for_ or self.failure or "",
            kind=self.kind,
            band=self.band,
            failure=self.failure,
        )


class OfferIn(OffsetIn):
    components: list[PartIn] = Field(min_length=1, description="The parts of the offer")


class PaymentIn(OffsetIn):
    offer: str = Field(min_length=1, max_length=100, description="The offer's reference")
    amount: Money = Field(gt=0, description="Pounds and pence")


class WithdrawIn(In):
    reason: str = Field(
        min_length=1, max_length=2000, description="Why the offer is withdrawn, as told to her"
    )


class RequestOut(Schema):
    event: uuid.UUID
    case: str
    requested: dt.date
    text: str
    amount: float | None
    answered_by: str | None = Field(
        description="The offer that answered it (as the replay reads it)"
    )
    failures: list[dict[str, Any]]


class PartOut(Schema):
    amount: float
    for_: str = Field(alias="for")
    kind: str
    band: str | None
    band_min: float | None
    band_max: float | None
    standing: str | None = Field(description="below, inside or above the band; null: not judged")


class PaymentOut(Schema):
    event: uuid.UUID
    offer: str
    paid: dt.date
    amount: float
    method: str


class OfferOut(Schema):
    offer: str
    event: uuid.UUID
    case: str
    offered: dt.date
    amount: float
    kind: KindName
    counted_as_compensation: bool
    method: MethodName
    resident_asked_for_offset: bool
    components: list[PartOut]
    payments: list[PaymentOut]
    paid: float
    outstanding: float
    withdrawn: dt.date | None
    failures: list[dict[str, Any]] = Field(description="The replay's compensation findings")


class CompensationOut(Schema):
    case: str
    as_of: dt.date
    process_closed: dt.date | None = Field(
        description="When the final response or a refusal closed the complaint process"
    )
    requests: list[RequestOut]
    offers: list[OfferOut]
    compensation_offered: float = Field(description="Compensation and goodwill still offered")
    refunds_offered: float = Field(description="Refunds of her own money: not compensation")
    outstanding: float


def payment_out(event: Event) -> dict[str, Any]:
    return {
        "event": event.uid,
        "offer": str(event.data.get("offer") or ""),
        "paid": day_of(event),
        "amount": float(event.data.get("amount") or 0),
        "method": str(event.data.get("method") or "direct"),
    }


def request_out(case: str, event: Event, read: Any) -> dict[str, Any]:
    return {
        "event": event.uid,
        "case": case,
        "requested": day_of(event),
        "text": str(event.data.get("text") or ""),
        "amount": event.data.get("amount"),
        "answered_by": (read or {}).get("offer"),
        "failures": list((read or {}).get("failures") or ()),
    }


def offer_out(case: str, offer: OfferEntry) -> dict[str, Any]:
    return {
        "offer": offer.ref,
        "event": offer.event.uid,
        "case": case,
        "offered": offer.offered_on,
        "amount": float(offer.amount),
        "kind": offer.kind,
        "counted_as_compensation": offer.counted_as_compensation,
        "method": offer.method,
        "resident_asked_for_offset": offer.resident_asked_for_offset,
        "components": [{**p, "amount": float(p["amount"])} for p in offer.parts],
        "payments": [payment_out(p) for p in offer.payments],
        "paid": float(offer.paid),
        "outstanding": float(offer.outstanding),
        "withdrawn": day_of(offer.withdrawn) if offer.withdrawn else None,
        "failures": offer.failures,
    }


def compensation_out(case: str, as_of: dt.date, found: CaseRemedies) -> dict[str, Any]:
    return {
        "case": case,
        "as_of": as_of,
        "process_closed": day_of(found.closed) if found.closed else None,
        "requests": [request_out(case, e, read) for e, read in found.requests],
        "offers": [offer_out(case, o) for o in found.offers],
        "compensation_offered": float(found.compensation_offered),
        "refunds_offered": float(found.refunds_offered),
        "outstanding": float(found.outstanding),
    }
