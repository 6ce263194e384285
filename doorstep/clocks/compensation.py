"""Compensation as the record tells it: each offer with its kind, payment method and, for each
component, the landlord's policy band it names; and where an offer failed the resident.

The kinds are the chronology format's (`compensation.offered`, `compensation.paid`); the bands
are the landlord's own policy (`compensation.band.<name>`: {"min", "max", "examples"}), in
force on the day of the offer (`regulation.md`, "Remedies and compensation"). The failures are
the lens's compensation codes (`shared/domain/findings.md`):

- `compensation.below_policy`: a component below the minimum of the band it names (components
  naming no band are not judged);
- `compensation.offset_without_request`: paid to, or stated to be set against, the rent
  account without the resident asking (Bromford 202109189 orders: compensation is paid
  directly to the resident);
- `compensation.refund_as_compensation`: a refund of the resident's own money counted as
  compensation (Bromford, complaint handling 6);
- `compensation.outside_process`: offered after the final response closed the complaint
  process (a stage 2 response, or a refusal to take the complaint on, in the case before the
  offer's earliest moment);
- `compensation.request_unanswered`: the resident asked for compensation, and the next
  response at the stage the complaint was then at made no offer (no `compensation.offered` in
  the case from the request to the response's day). Dated the response's day; resolved by a
  later offer in the case.

Each is dated at the offer's earliest possible moment (`chronology.md`, "Events").

Pure: facts in, offers out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from doorstep.clocks.explain import show
from doorstep.clocks.facts import Fact, Facts
from doorstep.policy.resolve import Override, resolve

BELOW_POLICY = "compensation.below_policy"
OFFSET = "compensation.offset_without_request"
REFUND = "compensation.refund_as_compensation"
OUTSIDE = "compensation.outside_process"
UNANSWERED = "compensation.request_unanswered"
OFFSET_METHODS = frozenset({"rent_account", "rent_account_if_arrears"})
BAND_PREFIX = "compensation.band."

BELOW_TEXT = (
    "£{amount} was offered on {day} for {what}, naming the band '{band}' (£{min} to £{max}), "
    "below its minimum by £{short}."
)
OFFSET_TEXT = (
    "The offer of £{amount} on {day} was to be {how} the rent account, and the resident had not "
    "asked for that."
)
HOW = {"rent_account": "paid to", "rent_account_if_arrears": "set against any arrears on"}
REFUND_TEXT = (
    "£{amount} offered on {day} was a refund of the resident's own money, counted as compensation."
)
OUTSIDE_TEXT = (
    "£{amount} was offered on {day}, after the stage 2 response of {closed} had closed the "
    "complaint process."
)
OUTSIDE_REFUSED_TEXT = (
    "£{amount} was offered on {day}, after the complaint was refused on {closed}, which closed "
    "the complaint process."
)
UNANSWERED_TEXT = (
    "The resident asked for compensation on {asked}{sum}; the stage {stage} response of "
    "{answered} made no offer."
)
RULE_UNANSWERED = (
    "A response addresses all the points raised, including a request for compensation "
    "(Housing Ombudsman Complaint Handling Code; remedies guidance)"
)
IMPRECISE = " The offer's date is imprecise (between {first} and {last}): dated at the earliest."
RULE_BAND = "The landlord's compensation policy: {key} ({source})"
RULE_OFFSET = (
    "Compensation is paid directly to the resident, not set against the rent account, unless "
    "she asks (Housing Ombudsman, Bromford 202109189, orders)"
)
RULE_REFUND = (
    "A refund of the resident's own money is not compensation (Housing Ombudsman, Bromford "
    "202109189, complaint handling 6)"
)
RULE_OUTSIDE = (
    "Remedies belong inside the complaint process (Housing Ombudsman remedies guidance; "
    "Bromford 202109189, complaint handling 6)"
)


@dataclass(frozen=True)
class Component:
    """One part of an offer: how much, for what, and the band it names with its range."""

    amount: Decimal | None
    for_: str
    band: str | None
    band_min: Decimal | None
    band_max: Decimal | None
    standing: str | None  # below | inside | above; None: no band named, or none in force


@dataclass(frozen=True)
class Failure:
    code: str
    date: dt.date
    case: str | None
    events: tuple[str, ...]
    explanation: str
    rule: str
    imprecise: bool
    resolved: dt.date | None = None


@dataclass(frozen=True)
class Offer:
    case: str | None
    event: str
    offered: dt.date
    amount: Decimal | None
    kind: str
    counted_as_compensation: bool
    method: str | None
    resident_asked_for_offset: bool
    components: tuple[Component, ...]
    paid: tuple[str, ...]
    failures: tuple[Failure, ...]
    imprecise: bool


def _money(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _shown(value: Decimal | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.2f}".removesuffix(".00")


def _band(
    name: str | None, on: dt.date, overrides: tuple[Override, ...]
) -> tuple[Decimal | None, Decimal | None, str]:
    if not name:
        return None, None, ""
    try:  # the format allows the band's name, or its whole key
        found = resolve(BAND_PREFIX + name.removeprefix(BAND_PREFIX), on, overrides)
    except LookupError:
        return None, None, ""
    value = found.value if isinstance(found.value, Mapping) else {}
    return _money(value.get("min")), _money(value.get("max")), found.source


def _standing(amount: Decimal | None, low: Decimal | None, high: Decimal | None) -> str | None:
    if amount is None or low is None:
        return None
    if amount < low:
        return "below"
    return "above" if high is not None and amount > high else "inside"


def _suffix(offer: Fact) -> str:
    if not offer.imprecise:
        return ""
    return IMPRECISE.format(first=show(offer.earliest_date), last=show(offer.latest_date))


def _closed_before(facts: Facts, offer: Fact) -> Fact | None:
    """The stage 2 response, or the refusal, in the offer's case that certainly came before
    it, if any: the end of the complaint process."""
    for closing in facts.of_kind("complaint.response", "complaint.refused", cases=(offer.case,)):
        final = closing.kind == "complaint.refused" or closing.data.get("stage") == 2
        if final and closing.latest < offer.earliest:
            return closing
    return None


def _failures(facts: Facts, offer: Fact, components: tuple[Component, ...]) -> list[Failure]:
    day, data = offer.earliest_date, offer.data
    amount = _shown(_money(data.get("amount")))
    suffix = _suffix(offer)
    found: list[Failure] = []

    def add(code: str, text: str, rule: str, events: tuple[str, ...] = (offer.id,)) -> None:
        found.append(Failure(code, day, offer.case, events, text + suffix, rule, offer.imprecise))

    same_day = [
        r.id
        for r in facts.of_kind("complaint.response", cases=(offer.case,))
        if r.earliest_date == offer.earliest_date
    ]
    for part in components:
        if part.standing == "below" and part.band_min is not None and part.amount is not None:
            text = BELOW_TEXT.format(
                amount=_shown(part.amount),
                day=show(day),
                what=part.for_ or "an unnamed failure",
                band=part.band,
                min=_shown(part.band_min),
                max=_shown(part.band_max),
                short=_shown(part.band_min - part.amount),
            )
            _, _, source = _band(part.band, day, facts.overrides)
            rule = RULE_BAND.format(key=BAND_PREFIX + str(part.band), source=source)
            add(BELOW_POLICY, text, rule, (*same_day, offer.id))
    method = data.get("method")
    if method in OFFSET_METHODS and data.get("resident_asked_for_offset") is not True:
        text = OFFSET_TEXT.format(amount=amount, day=show(day), how=HOW[str(method)])
        add(OFFSET, text, RULE_OFFSET)
    if data.get("kind") == "refund" and data.get("counted_as_compensation") is True:
        add(REFUND, REFUND_TEXT.format(amount=amount, day=show(day)), RULE_REFUND)
    closed = _closed_before(facts, offer)
    if closed is not None:
        words = OUTSIDE_REFUSED_TEXT if closed.kind == "complaint.refused" else OUTSIDE_TEXT
        text = words.format(amount=amount, day=show(day), closed=show(closed.latest_date))
        add(OUTSIDE, text, RULE_OUTSIDE, (closed.id, offer.id))
    return found


def _components(offer: Fact, overrides: tuple[Override, ...]) -> tuple[Component, ...]:
    out = []
    for part in offer.data.get("components") or ():
        if not isinstance(part, Mapping):
            continue
        amount = _money(part.get("amount"))
        band = str(part["band"]) if part.get("band") else None
        low, high, _ = _band(band, offer.earliest_date, overrides)
        out.append(
            Component(
                amount, str(part.get("for") or ""), band, low, high, _standing(amount, low, high)
            )
        )
    return tuple(out)


def offer_id(offer: Fact) -> str:
    """The offer's own reference (`offer`, where Doorstep recorded it), else the event's id."""
    return str(offer.data.get("offer") or offer.id)


def _paid_for(offer: Fact, paid: list[Fact], known: frozenset[str]) -> tuple[str, ...]:
    """The payments of an offer: those naming it (`offer`: its own reference or its id), and
    those in its case that may have followed it naming no offer the file holds."""
    own = {offer_id(offer), offer.id}
    found = []
    for payment in paid:
        named = str(payment.data.get("offer") or "")
        if payment.case != offer.case:
            continue
        if named in known:
            if named in own:
                found.append(payment.id)
        elif payment.could_follow(offer):
            found.append(payment.id)
    return tuple(found)


def offers(facts: Facts, *, as_of: dt.date) -> list[Offer]:
    """Every compensation offer in the record as of `as_of`, in time order: its components
    judged against the bands in force on its day, its payments, and its failures."""
    seen = facts.as_of(as_of)
    paid = seen.of_kind("compensation.paid")
    made = seen.of_kind("compensation.offered")
    known = frozenset(offer_id(o) for o in made) | frozenset(o.id for o in made)
    found = []
    for offer in made:
        components = _components(offer, seen.overrides)
        data = offer.data
        found.append(
            Offer(
                case=offer.case,
                event=offer.id,
                offered=offer.earliest_date,
                amount=_money(data.get("amount")),
                kind=str(data.get("kind") or "compensation"),
                counted_as_compensation=data.get("counted_as_compensation") is True
                or data.get("kind", "compensation") == "compensation",
                method=str(data["method"]) if data.get("method") else None,
                resident_asked_for_offset=data.get("resident_asked_for_offset") is True,
                components=components,
                paid=_paid_for(offer, paid, known),
                failures=tuple(_failures(seen, offer, components)),
                imprecise=offer.imprecise,
            )
        )
    return found


@dataclass(frozen=True)
class Request:
    """The resident's request for compensation: when, how much (where she said), the stage
    the complaint was at, the response that should have answered it, the offer that did."""

    case: str | None
    event: str
    requested: dt.date
    amount: Decimal | None
    text: str
    stage: int
    response: str | None
    offer: str | None
    failures: tuple[Failure, ...]
    imprecise: bool


def _stage_at(facts: Facts, request: Fact) -> int:
    """The stage the complaint was at when the resident asked: 2 once escalated, else 1."""
    escalated = facts.of_kind("complaint.escalated", cases=(request.case,))
    return 2 if any(e.earliest <= request.latest for e in escalated) else 1


def _next_response(facts: Facts, request: Fact, stage: int) -> Fact | None:
    for response in facts.of_kind("complaint.response", cases=(request.case,)):
        if response.data.get("stage", 1) == stage and response.could_follow(request):
            return response
    return None


def _answering(facts: Facts, request: Fact, until: dt.date | None) -> Fact | None:
    """The first offer in the case from the request's day (to `until`, the response's day)."""
    for offer in facts.of_kind("compensation.offered", cases=(request.case,)):
        if offer.latest_date >= request.earliest_date and (
            until is None or offer.earliest_date <= until
        ):
            return offer
    return None


def _unanswered(facts: Facts, request: Fact, stage: int, response: Fact) -> Failure:
    day = response.earliest_date
    later = _answering(facts, request, None)
    amount = _money(request.data.get("amount"))
    text = UNANSWERED_TEXT.format(
        asked=show(request.earliest_date),
        sum=f" (£{_shown(amount)})" if amount is not None else "",
        stage=stage,
        answered=show(day),
    )
    imprecise = request.imprecise or response.imprecise
    if imprecise:
        text += " A date it rests on is imprecise: dated at the earliest."
    return Failure(
        UNANSWERED,
        day,
        request.case,
        (request.id, response.id),
        text,
        RULE_UNANSWERED,
        imprecise,
        resolved=later.earliest_date if later is not None else None,
    )


def requests(facts: Facts, *, as_of: dt.date) -> list[Request]:
    """Every request for compensation in the record as of `as_of`, in time order: the stage
    the complaint was at, the next response at that stage, the offer that answered it, and
    `compensation.request_unanswered` where that response came with no offer."""
    seen = facts.as_of(as_of)
    found = []
    for request in seen.of_kind("compensation.requested"):
        stage = _stage_at(seen, request)
        response = _next_response(seen, request, stage)
        until = response.latest_date if response is not None else None
        offer = _answering(seen, request, until) if response is not None else None
        if response is None:
            offer = _answering(seen, request, None)
        failures: tuple[Failure, ...] = ()
        if response is not None and offer is None:
            failures = (_unanswered(seen, request, stage, response),)
        found.append(
            Request(
                case=request.case,
                event=request.id,
                requested=request.earliest_date,
                amount=_money(request.data.get("amount")),
                text=str(request.data.get("text") or ""),
                stage=stage,
                response=response.id if response is not None else None,
                offer=offer.id if offer is not None else None,
                failures=failures,
                imprecise=request.imprecise,
            )
        )
    return found
