"""Recording remedies on a case: the resident's request for compensation, an offer made of
parts (each for a failure, each compensation, goodwill or a refund), its payments, and its
withdrawal.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below, on the field it concerns), and appends its event on the case, in one transaction. Time
comes in as `at` (when it is recorded) and `occurred` (when it happened); nothing here reads
the clock.

What the Ombudsman expects (`regulation.md`, "Remedies and compensation"): compensation is paid
directly to the resident unless she asks for the rent account (Bromford 202109189, orders); a
refund of her own money is not compensation, so it is kept apart and never counted as such
(Bromford, complaint handling 6); an offer below the landlord's own band, or made after the
complaint process closed, is allowed, and the lens says so (`clocks.compensation`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.remedies.choices import OFFSET_METHODS, Method, RemedyKind
from doorstep.remedies.events import money
from doorstep.remedies.selectors import (
    WITHDRAWN_MEMBER,
    OfferEntry,
    bands_in_force,
    day_of,
    offer_on_case,
)
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

PREFIX = "OFR"

WORDS_NEEDED = "Record what the resident asked for, in her words."
AMOUNT_NOT_MONEY = "Give the amount in pounds and pence, 0 or more, like 150 or 150.50."
PART_AMOUNT_NEEDED = "Give each part of the offer an amount of more than £0."
NO_PARTS = "Add at least one part to the offer: how much, and for what."
PART_FOR_NEEDED = (
    "Say what each part of the offer is for: choose a failure on the case, or describe it."
)
PART_KIND_UNKNOWN = "Say what each part is: compensation, goodwill, or a refund."
REFUND_KEPT_APART = (
    "A refund of the resident's own money is not compensation: record it as an offer of its "
    "own, apart from any compensation or goodwill."
)
REFUND_NO_BAND = (
    "A refund is the resident's own money back: it names no compensation band. Leave the band out."
)
BAND_NOT_IN_FORCE = (
    "The landlord's policy has no compensation band '{band}' in force on {day}. Choose one "
    "that is, or name none."
)
METHOD_UNKNOWN = "Say how it will be paid: directly to the resident, or to her rent account."
OFFSET_NOT_ASKED = (
    "Compensation is paid directly to the resident. It can go to her rent account only if she "
    "asked for that: record that she asked, when and how."
)
OFFSET_HOW_NEEDED = "Say when and how the resident asked for the money to go to her rent account."
OFFER_UNKNOWN = "There is no offer {offer} on {case}."
OFFER_WITHDRAWN = "Offer {offer} was withdrawn on {day}: nothing more can be paid against it."
PAYMENT_NEEDED = "Give the amount paid: more than £0."
OVERPAID = (
    "{amount} is more than is outstanding on offer {offer}: {left} of {total} (paid so far: "
    "{paid})."
)
PAID_BEFORE_OFFER = "A payment cannot be made before its offer was ({day})."
WITHDRAW_REASON_NEEDED = "Say why the offer is withdrawn."
ALREADY_WITHDRAWN = "Offer {offer} was already withdrawn on {day}."
PAID_IN_FULL = "Offer {offer} is paid in full: there is nothing left to withdraw."


@dataclass(frozen=True)
class Part:
    """One part of an offer, as the officer gives it: how much, for what (the failure's
    reference from the replay, where chosen, and the words), what it is, and the landlord's
    band it falls under."""

    amount: Decimal
    for_: str
    kind: str = RemedyKind.COMPENSATION
    band: str | None = None
    failure: str | None = None


def _money(value: Decimal, field: str, message: str = AMOUNT_NOT_MONEY) -> int | float:
    """An amount for the record (a JSON number): pounds, or pounds and pence."""
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise DomainError(message, field=field)
    return int(value) if value == value.to_integral_value() else float(value)


@transaction.atomic
def compensation_request(
    *,
    actor: Model | None,
    case: Case,
    text: str,
    at: dt.datetime,
    amount: Decimal | None = None,
    occurred: When | None = None,
    channel: str = Channel.INTERNAL,
) -> Event:
    """Record that the resident asked for compensation: her words, the amount where she named
    one, when and how she asked. The next response at that stage should answer it with an
    offer (`compensation.request_unanswered`)."""
    text = text.strip()
    if not text:
        raise DomainError(WORDS_NEEDED, field="text")
    data: dict[str, Any] = {
        "text": text,
        "amount": _money(amount, "amount") if amount is not None else None,
    }
    said = f" of {money(data['amount'])}" if amount is not None else ""
    return record_on_case(
        case=case,
        kind="compensation.requested",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"The resident asked for compensation{said}",
    )


def _offer_kind(parts: Sequence[Part]) -> str:
    kinds = {p.kind for p in parts}
    if RemedyKind.REFUND in kinds:
        if kinds != {RemedyKind.REFUND}:
            raise DomainError(REFUND_KEPT_APART, field="components")
        return RemedyKind.REFUND
    return RemedyKind.COMPENSATION if RemedyKind.COMPENSATION in kinds else RemedyKind.GOODWILL


def _part(index: int, part: Part, bands: set[str], day: dt.date) -> dict[str, Any]:
    field = f"components.{index}"
    if part.kind not in RemedyKind.values:
        raise DomainError(PART_KIND_UNKNOWN, field=f"{field}.kind")
    if part.amount <= 0:
        raise DomainError(PART_AMOUNT_NEEDED, field=f"{field}.amount")
    if not part.for_.strip():
        raise DomainError(PART_FOR_NEEDED, field=f"{field}.for")
    out: dict[str, Any] = {
        "amount": _money(part.amount, f"{field}.amount"),
        "for": part.for_.strip(),
        "kind": part.kind,
    }
    band = (part.band or "").strip() or None
    if band is not None:
        if part.kind == RemedyKind.REFUND:
            raise DomainError(REFUND_NO_BAND, field=f"{field}.band")
        if band not in bands:
            raise DomainError(
                BAND_NOT_IN_FORCE.format(band=band, day=day.isoformat()), field=f"{field}.band"
            )
        out["band"] = band
    if part.failure:
        out["failure"] = part.failure
    return out


def _offset(method: str, asked: bool, how: str, when: When | None) -> dict[str, Any]:
    if method not in Method.values:
        raise DomainError(METHOD_UNKNOWN, field="method")
    if method not in OFFSET_METHODS:
        return {"resident_asked_for_offset": False}
    if not asked:
        raise DomainError(OFFSET_NOT_ASKED, field="method")
    if not how.strip() or when is None:
        raise DomainError(OFFSET_HOW_NEEDED, field="offset_asked_how")
    return {
        "resident_asked_for_offset": True,
        "offset_asked_on": when.text,
        "offset_asked_how": how.strip(),
    }


@transaction.atomic
def compensation_offer(
    *,
    actor: Model | None,
    case: Case,
    parts: Sequence[Part],
    at: dt.datetime,
    method: str = Method.DIRECT,
    occurred: When | None = None,
    resident_asked_for_offset: bool = False,
    offset_asked_on: When | None = None,
    offset_asked_how: str = "",
    channel: str = Channel.INTERNAL,
) -> Event:
    """Record an offer made of parts, each for a failure and each compensation, goodwill or a
    refund (a refund is an offer of its own, never counted as compensation). Paid directly
    unless the resident asked for the rent account. A part below its band's minimum, or an
    offer after the complaint process closed, is recorded: the replay finds it."""
    if not parts:
        raise DomainError(NO_PARTS, field="components")
    offered = occurred or When.at(at)
    day = offered.earliest.astimezone(LONDON).date()
    kind = _offer_kind(parts)
    bands = set(bands_in_force(on=day))
    components = [_part(i, p, bands, day) for i, p in enumerate(parts)]
    data: dict[str, Any] = {
        "offer": next_reference(PREFIX, at.year),
        "amount": _money(sum((p.amount for p in parts), Decimal(0)), "components"),
        "components": components,
        "kind": kind,
        # Only compensation counts as compensation: a refund never does, whatever is asked.
        "counted_as_compensation": kind == RemedyKind.COMPENSATION,
        "method": method,
        **_offset(method, resident_asked_for_offset, offset_asked_how, offset_asked_on),
    }
    what = RemedyKind(kind).label
    return record_on_case(
        case=case,
        kind="compensation.offered",
        data=data,
        actor=actor,
        at=at,
        occurred=offered,
        channel=channel,
        summary=f"{what} of {money(data['amount'])} offered ({data['offer']})",
    )


def _offer(case: Case, ref: str) -> OfferEntry:
    offer = offer_on_case(case=case, ref=ref)
    if offer is None:
        raise DomainError(OFFER_UNKNOWN.format(offer=ref, case=case.reference), field="offer")
    if offer.withdrawn is not None:
        day = day_of(offer.withdrawn).isoformat()
        raise DomainError(OFFER_WITHDRAWN.format(offer=ref, day=day), field="offer")
    return offer


@transaction.atomic
def compensation_pay(
    *,
    actor: Model | None,
    case: Case,
    offer: str,
    amount: Decimal,
    at: dt.datetime,
    method: str = Method.DIRECT,
    occurred: When | None = None,
    resident_asked_for_offset: bool = False,
    offset_asked_on: When | None = None,
    offset_asked_how: str = "",
) -> Event:
    """Record a payment against an offer: how much, how, when. Never more than is outstanding,
    never against a withdrawn offer, and to the rent account only where the resident asked
    (on the offer, or now, with when and how)."""
    entry = _offer(case, offer)
    if amount <= 0:
        raise DomainError(PAYMENT_NEEDED, field="amount")
    paid = _money(amount, "amount")
    if amount > entry.outstanding:
        raise DomainError(
            OVERPAID.format(
                amount=money(amount),
                offer=offer,
                left=money(entry.outstanding),
                total=money(entry.amount),
                paid=money(entry.paid),
            ),
            field="amount",
        )
    when = occurred or When.at(at)
    if when.latest < entry.event.occurred_earliest:
        day = day_of(entry.event).isoformat()
        raise DomainError(PAID_BEFORE_OFFER.format(day=day), field="occurred")
    data: dict[str, Any] = {"amount": paid, "method": method, "offer": offer}
    if method in OFFSET_METHODS and entry.resident_asked_for_offset:
        data["resident_asked_for_offset"] = True
    else:
        data |= _offset(method, resident_asked_for_offset, offset_asked_how, offset_asked_on)
    how = Method(method).label.lower()
    return record_on_case(
        case=case,
        kind="compensation.paid",
        data=data,
        actor=actor,
        at=at,
        occurred=when,
        summary=f"{money(amount)} paid {how} ({offer})",
    )


@transaction.atomic
def compensation_offer_withdraw(
    *, actor: Model | None, case: Case, offer: str, reason: str, at: dt.datetime
) -> Event:
    """Record that an offer is withdrawn, and why (a `note` naming it: the format has no kind
    of its own for this). What was paid stays paid; nothing more can be paid against it."""
    entry = offer_on_case(case=case, ref=offer)
    if entry is None:
        raise DomainError(OFFER_UNKNOWN.format(offer=offer, case=case.reference), field="offer")
    if entry.withdrawn is not None:
        day = day_of(entry.withdrawn).isoformat()
        raise DomainError(ALREADY_WITHDRAWN.format(offer=offer, day=day), field="offer")
    if entry.outstanding <= 0:
        raise DomainError(PAID_IN_FULL.format(offer=offer), field="offer")
    reason = reason.strip()
    if not reason:
        raise DomainError(WITHDRAW_REASON_NEEDED, field="reason")
    return record_on_case(
        case=case,
        kind="note",
        data={"text": reason, WITHDRAWN_MEMBER: offer},
        actor=actor,
        at=at,
        summary=f"Offer {offer} withdrawn: {reason}",
    )
