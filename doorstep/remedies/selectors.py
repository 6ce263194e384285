"""Reading remedies: the compensation asked for, offered and paid on a case, straight from its
events; the landlord's bands in force on a day; whether the complaint process has closed; and
the case's failures (from the live replay) an offer may remedy.

No projection table: a case has few of these events, and the record is the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from doorstep.cases.models import Case
from doorstep.deadlines.selectors import CaseCompensation, Clocks, case_clocks
from doorstep.interchange.models import ExternalRef
from doorstep.policy.defaults import BAND_PREFIX
from doorstep.policy.selectors import policy_in_force
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON

OFFER_KINDS = ("compensation.offered", "compensation.paid", "note")
CLOSING_KINDS = ("complaint.response", "complaint.refused")
WITHDRAWN_MEMBER = "withdraws_offer"
FINAL_STAGE = 2  # the format's complaint process has two stages; a stage 2 response ends it


def day_of(event: Event) -> dt.date:
    """The London day of an entry's earliest possible moment."""
    return event.occurred_earliest.astimezone(LONDON).date()


def amount_of(value: Any) -> Decimal:
    """An amount in the record as a Decimal (0 where none is given)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Decimal(0)
    return Decimal(str(value))


@dataclass(frozen=True)
class Band:
    """A compensation band of the landlord's policy, as in force on a day."""

    name: str
    min: Decimal | None
    max: Decimal | None
    examples: tuple[str, ...]
    source: str

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()


def _band(name: str, value: Any, source: str) -> Band:
    value = value if isinstance(value, Mapping) else {}
    examples = value.get("examples") or ()
    if isinstance(examples, str):
        examples = (examples,)
    low, high = value.get("min"), value.get("max")
    return Band(
        name=name,
        min=amount_of(low) if low is not None else None,
        max=amount_of(high) if high is not None else None,
        examples=tuple(str(e) for e in examples),
        source=source,
    )


def bands_in_force(*, on: dt.date) -> dict[str, Band]:
    """The landlord's compensation bands (`compensation.band.<name>`) in force on `on`, by
    name (without the prefix). None where the landlord has set none: bands are its policy."""
    return {
        r.key.removeprefix(BAND_PREFIX): _band(r.key.removeprefix(BAND_PREFIX), r.value, r.source)
        for r in policy_in_force(on=on)
        if r.key.startswith(BAND_PREFIX)
    }


@dataclass
class OfferEntry:
    """An offer on the case, from its events: what was offered, how, its payments, whether it
    was withdrawn, what is still owed; and, from the replay, its bands and failures."""

    ref: str
    event: Event
    amount: Decimal
    kind: str
    method: str
    resident_asked_for_offset: bool
    components: list[dict[str, Any]]
    payments: list[Event] = field(default_factory=list)
    withdrawn: Event | None = None
    replay: Mapping[str, Any] | None = None

    @property
    def offered_on(self) -> dt.date:
        return day_of(self.event)

    @property
    def paid(self) -> Decimal:
        return sum((amount_of(p.data.get("amount")) for p in self.payments), Decimal(0))

    @property
    def outstanding(self) -> Decimal:
        if self.withdrawn is not None:
            return Decimal(0)
        return max(self.amount - self.paid, Decimal(0))

    @property
    def failures(self) -> list[Mapping[str, Any]]:
        return list(self.replay["failures"]) if self.replay else []

    @property
    def counted_as_compensation(self) -> bool:
        return self.event.data.get("counted_as_compensation") is True

    @property
    def parts(self) -> list[dict[str, Any]]:
        """Each part as recorded, with the replay's reading of its band (the range in force on
        the offer's day, and whether the amount is below, inside or above it)."""
        read = list(self.replay["components"]) if self.replay else []
        out = []
        for index, part in enumerate(self.components):
            judged = read[index] if index < len(read) else {}
            out.append(
                {
                    "amount": amount_of(part.get("amount")),
                    "for": part.get("for") or "",
                    "kind": part.get("kind") or self.kind,
                    "band": part.get("band"),
                    "band_min": judged.get("band_min"),
                    "band_max": judged.get("band_max"),
                    "standing": judged.get("standing"),
                }
            )
        return out


def offer_ref(event: Event) -> str:
    """An offer's reference: its own (`offer`, where Doorstep recorded it), else its uid."""
    return str(event.data.get("offer") or event.uid)


def _events(case: Case, kinds: Iterable[str]) -> list[Event]:
    return list(
        Event.objects.filter(case=case, kind__in=tuple(kinds)).order_by("occurred_earliest", "pk")
    )


def _offers(events: list[Event]) -> list[OfferEntry]:
    found: dict[str, OfferEntry] = {}
    for event in events:
        if event.kind == "compensation.offered":
            data = event.data
            found[offer_ref(event)] = OfferEntry(
                ref=offer_ref(event),
                event=event,
                amount=amount_of(data.get("amount")),
                kind=str(data.get("kind") or "compensation"),
                method=str(data.get("method") or "direct"),
                resident_asked_for_offset=data.get("resident_asked_for_offset") is True,
                components=[dict(c) for c in data.get("components") or () if isinstance(c, dict)],
            )
    loose = [e for e in events if e.kind == "compensation.paid" and not e.data.get("offer")]
    for event in events:
        if event.kind == "compensation.paid" and event.data.get("offer") in found:
            found[str(event.data["offer"])].payments.append(event)
        elif event.kind == "note" and (event.data or {}).get(WITHDRAWN_MEMBER) in found:
            found[str(event.data[WITHDRAWN_MEMBER])].withdrawn = event
    if len(found) == 1 and loose:  # an imported payment naming no offer: the only one there is
        next(iter(found.values())).payments.extend(loose)
    return list(found.values())


def offers_on_case(*, case: Case) -> list[OfferEntry]:
    """Every offer on the case in the order made, with its payments and any withdrawal."""
    return _offers(_events(case, OFFER_KINDS))


def offer_on_case(*, case: Case, ref: str) -> OfferEntry | None:
    """The offer `ref` on the case, or None."""
    return next((o for o in offers_on_case(case=case) if o.ref == ref), None)


def requests_on_case(*, case: Case) -> list[Event]:
    """The resident's requests for compensation on the case, in the order made."""
    return _events(case, ("compensation.requested",))


def _closing(events: Iterable[Event]) -> Event | None:
    for event in events:
        if event.kind == "complaint.refused" or (
            event.kind == "complaint.response" and (event.data or {}).get("stage") == FINAL_STAGE
        ):
            return event
    return None


def process_closed(*, case: Case) -> Event | None:
    """The entry that closed the case's complaint process, if any: the first response at the
    final stage, or a refusal to take the complaint on. An offer after it is outside the
    process (`compensation.outside_process`)."""
    return _closing(_events(case, CLOSING_KINDS))


def failure_choices(*, clocks: Clocks) -> list[tuple[str, str]]:
    """The case's failures as the replay sees them, for an offer's parts to name: each clock
    breached, each appointment failure, each commitment overdue, contradicted or claimed but
    not verified. (value: a stable reference; label: what a person reads)."""
    out: list[tuple[str, str]] = []
    for clock in clocks.clocks:
        if clock.breached:
            subject = f" ({clock.subject})" if clock.subject else ""
            out.append(
                (f"clock:{clock.clock}:{clock.subject}", f"{clock.name}{subject}: {clock.status}")
            )
    for visit in clocks.appointments:
        for failure in visit.failures:
            ref = f"appointment:{visit.data['appointment']}:{failure['code']}"
            out.append((ref, str(failure["explanation"])))
    for promise in clocks.commitments:
        if promise.data["state"] in ("overdue", "contradicted", "claimed_not_verified"):
            ref = f"commitment:{promise.data['commitment']}"
            out.append((ref, f"{promise.data['action'] or ref}: {promise.state}"))
    return out


@dataclass(frozen=True)
class CaseRemedies:
    """The remedies section of a case: requests (with the replay's reading of each), offers
    (with payments, outstanding balance, bands and failures), and the totals."""

    requests: list[tuple[Event, Mapping[str, Any] | None]]
    offers: list[OfferEntry]
    closed: Event | None

    @property
    def compensation_offered(self) -> Decimal:
        live = (o for o in self.offers if o.withdrawn is None and o.kind != "refund")
        return sum((o.amount for o in live), Decimal(0))

    @property
    def refunds_offered(self) -> Decimal:
        live = (o for o in self.offers if o.withdrawn is None and o.kind == "refund")
        return sum((o.amount for o in live), Decimal(0))

    @property
    def outstanding(self) -> Decimal:
        return sum((o.outstanding for o in self.offers), Decimal(0))


def _by_event(items: Iterable[CaseCompensation], events: Iterable[Event]) -> dict[int, Any]:
    """The replay's entries (keyed by export id: a Doorstep event's uid, an imported one's
    file id) onto the case's events."""
    events = list(events)
    if not events:
        return {}
    wanted = {str(e.uid): e.pk for e in events}
    imported = ExternalRef.objects.filter(event__in=events).values_list("ref", "event_id")
    wanted |= {ref: pk for ref, pk in imported if pk is not None}
    found = {}
    for item in items:
        pk = wanted.get(str(item.data["event"]))
        if pk is not None:
            found[pk] = item.data
    return found


def case_remedies(*, case: Case, clocks: Clocks) -> CaseRemedies:
    """Everything the remedies section shows for the case, as of the replay's date (one query
    for the case's entries; one more to find an imported entry's file id, where there are
    any)."""
    events = [
        e
        for e in _events(case, (*OFFER_KINDS, *CLOSING_KINDS, "compensation.requested"))
        if day_of(e) <= clocks.as_of
    ]
    offers = _offers(events)
    asked = [e for e in events if e.kind == "compensation.requested"]
    replayed = _by_event(clocks.compensation, (o.event for o in offers))
    for offer in offers:
        offer.replay = replayed.get(offer.event.pk)
    read = _by_event(clocks.compensation_requests, asked)
    return CaseRemedies(
        requests=[(r, read.get(r.pk)) for r in asked],
        offers=offers,
        closed=_closing(events),
    )


BELOW_BAND = (
    "Part {n}: £{amount} is below the minimum of £{min} for the band '{band}'. The landlord's "
    "policy for that failure is £{min} to £{max}."
)


def parts_below_band(
    *, parts: Iterable[tuple[Decimal, str | None]], bands: Mapping[str, Band]
) -> list[str]:
    """A warning for each part (amount, band name) below the minimum of the band it names:
    allowed, but the lens will find `compensation.below_policy`."""
    out = []
    for n, (amount, name) in enumerate(parts, start=1):
        band = bands.get(name or "")
        if band is not None and band.min is not None and amount < band.min:
            out.append(
                BELOW_BAND.format(n=n, amount=amount, min=band.min, max=band.max, band=band.label)
            )
    return out


def compensation_for_case(*, case: Case, as_of: dt.date) -> CaseRemedies:
    """The case's remedies as of `as_of`, with the live replay's reading (for the API; the
    case page shares its replay through `deadlines.views.clocks_for_page`)."""
    return case_remedies(case=case, clocks=case_clocks(case=case, as_of=as_of))


def recorded_by(*, case: Case, kind: str, actor: Any, at: dt.datetime) -> Any:
    """The entries of `kind` on the case that `actor` recorded at `at` (a request's arrival:
    what an idempotent retry returns)."""
    return Event.objects.filter(case=case, kind=kind, recorded_at=at, actor=actor)
