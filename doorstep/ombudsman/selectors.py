"""Reading a Housing Ombudsman referral from its case's events: the referral, the Ombudsman's
interventions, each evidence request with what was sent and what is still outstanding (due or
overdue as of the date asked about), the determination's findings, and its orders with where
each stands on the promise ledger.

Everything here is read from the timeline (an imported referral reads the same as one recorded
through Doorstep); orders' standings come from the promise ledger (`commitments.selectors`),
never from a rule repeated here. Time is an argument: the page passes today or the date asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.commitments.choices import PromiseKind
from doorstep.commitments.selectors import (
    CommitmentAsOf,
    commitments_of_cases,
    open_commitments,
)
from doorstep.timeline.models import Event
from doorstep.timeline.when import LONDON, When

KINDS = (
    "ombudsman.referred",
    "ombudsman.intervened",
    "ombudsman.evidence_requested",
    "ombudsman.evidence_sent",
    "ombudsman.determination",
    "ombudsman.order_complied",
)


def _day(event: Event) -> dt.date:
    return event.occurred_earliest.astimezone(LONDON).date()


def _display(event: Event) -> str:
    return When.parse(event.occurred_text).display()


def _texts(items: Any) -> list[str]:
    """The items of a request or a sending, as words (an item may be text or an object)."""
    found = []
    for item in items or ():
        if isinstance(item, Mapping):
            found.append(str(item.get("description") or item.get("id") or item))
        else:
            found.append(str(item))
    return found


def request_id(event: Event, position: int) -> str:
    """An evidence request's id: the one Doorstep gave it, else its place on the case."""
    return str(event.data.get("request") or f"ER{position}")


@dataclass
class EvidenceRequest:
    """One request for evidence: its items, its due date, what was sent and what is not."""

    id: str
    event: Event
    items: list[str]
    due_text: str | None
    sent: list[tuple[str, Event]] = field(default_factory=list)
    as_of: dt.date = dt.date.max

    @property
    def due(self) -> dt.date | None:
        return When.parse(self.due_text).latest_date if self.due_text else None

    @property
    def due_display(self) -> str:
        return When.parse(self.due_text).display() if self.due_text else ""

    @property
    def outstanding(self) -> list[str]:
        done = {item for item, _ in self.sent}
        return [item for item in self.items if item not in done]

    @property
    def overdue(self) -> bool:
        """Items still outstanding after the day they were due."""
        return bool(self.outstanding) and self.due is not None and self.as_of > self.due

    @property
    def requested_display(self) -> str:
        return _display(self.event)


@dataclass(frozen=True)
class Finding:
    topic: str
    outcome: str


@dataclass(frozen=True)
class Determination:
    event: Event
    findings: tuple[Finding, ...]
    orders: tuple[Mapping[str, Any], ...]

    @property
    def day(self) -> dt.date:
        return _day(self.event)

    @property
    def display(self) -> str:
        return _display(self.event)


@dataclass
class OmbudsmanRecord:
    """An Ombudsman case as of a date, read from its events."""

    case: Case
    as_of: dt.date
    referred: Event | None = None
    interventions: list[Event] = field(default_factory=list)
    requests: list[EvidenceRequest] = field(default_factory=list)
    sent_unmatched: list[Event] = field(default_factory=list)
    determination: Determination | None = None
    orders: list[CommitmentAsOf] = field(default_factory=list)

    @property
    def ombudsman_ref(self) -> str:
        return str(self.referred.data.get("ombudsman_ref") or "") if self.referred else ""

    @property
    def complaints(self) -> list[str]:
        return [str(c) for c in self.referred.data.get("complaints") or ()] if self.referred else []

    @property
    def outstanding_requests(self) -> list[EvidenceRequest]:
        return [r for r in self.requests if r.outstanding]

    @property
    def order_refs(self) -> set[str]:
        if self.determination is None:
            return set()
        return {str(o.get("commitment")) for o in self.determination.orders}

    def request(self, ref: str) -> EvidenceRequest | None:
        return next((r for r in self.requests if r.id == ref), None)


def ombudsman_events(*, case: Case) -> QuerySet[Event]:
    """The Ombudsman's events on the case, in the order they happened."""
    return (
        Event.objects.filter(case=case, kind__in=KINDS)
        .select_related("actor")
        .order_by("occurred_earliest", "id")
    )


def _read(case: Case, events: Iterable[Event], as_of: dt.date) -> OmbudsmanRecord:
    record = OmbudsmanRecord(case=case, as_of=as_of)
    for event in events:
        if _day(event) > as_of:
            continue
        if event.kind == "ombudsman.referred" and record.referred is None:
            record.referred = event
        elif event.kind == "ombudsman.intervened":
            record.interventions.append(event)
        elif event.kind == "ombudsman.evidence_requested":
            position = len(record.requests) + 1
            record.requests.append(
                EvidenceRequest(
                    id=request_id(event, position),
                    event=event,
                    items=_texts(event.data.get("items")),
                    due_text=event.data.get("due"),
                    as_of=as_of,
                )
            )
        elif event.kind == "ombudsman.evidence_sent":
            _match_sent(record, event)
        elif event.kind == "ombudsman.determination" and record.determination is None:
            record.determination = Determination(
                event=event,
                findings=tuple(
                    Finding(str(f.get("topic") or ""), str(f.get("outcome") or ""))
                    for f in event.data.get("findings") or ()
                ),
                orders=tuple(event.data.get("orders") or ()),
            )
    return record


def _match_sent(record: OmbudsmanRecord, event: Event) -> None:
    """Evidence sent counts against the request it names; without one (an imported record),
    against the earliest request that asked for those same items."""
    items = _texts(event.data.get("items"))
    named = event.data.get("request")
    if named:
        request = record.request(str(named))
    else:
        request = next((r for r in record.requests if set(items) & set(r.items)), None)
    if request is None:
        record.sent_unmatched.append(event)
        return
    request.sent.extend((item, event) for item in items)


def ombudsman_record(*, case: Case, as_of: dt.date) -> OmbudsmanRecord:
    """The Ombudsman case as of `as_of`: referral, interventions, evidence requests (due,
    outstanding and overdue items), the determination and its orders on the promise ledger."""
    return ombudsman_records(cases=[case], as_of=as_of)[0]


def _read_all(cases: Iterable[Case], as_of: dt.date) -> list[OmbudsmanRecord]:
    """Each case's record from one query for all their events (without the orders)."""
    cases = list(cases)
    by_case: dict[int, list[Event]] = {c.pk: [] for c in cases}
    rows = (
        Event.objects.filter(case__in=cases, kind__in=KINDS)
        .select_related("actor")
        .order_by("occurred_earliest", "id")
    )
    for event in rows:
        by_case[event.case_id].append(event)
    return [_read(c, by_case[c.pk], as_of) for c in cases]


def ombudsman_records(*, cases: Iterable[Case], as_of: dt.date) -> list[OmbudsmanRecord]:
    """`ombudsman_record` for many cases at once (a page of the list): one query for their
    events and the ledger's for their orders, however many cases."""
    records = _read_all(cases, as_of)
    determined = [r.case for r in records if r.determination is not None]
    promised = commitments_of_cases(cases=determined, as_of=as_of) if determined else {}
    for record in records:
        if record.determination is not None:
            refs = record.order_refs
            owed = promised.get(record.case.pk, [])
            record.orders = [c for c in owed if c.commitment.ref in refs]
    return records


def ombudsman_state(*, case: Case) -> OmbudsmanRecord:
    """The Ombudsman case as the record stands, whatever the date (the services' checks):
    every request, what was sent, the determination; without the orders' standings."""
    return _read(case, ombudsman_events(case=case), dt.date.max)


def ombudsman_cases(*, user: Any) -> QuerySet[Case]:
    """The Ombudsman cases this person may see, newest first."""
    return (
        cases_visible_to(user=user)
        .filter(case_type=CaseType.OMBUDSMAN)
        .select_related("household__property", "property")
        .order_by("-opened_at", "-pk")
    )


@dataclass(frozen=True)
class ReferralsPage:
    """The `/ombudsman/` list: every referral, the evidence still outstanding (soonest due
    first), and the orders still owed (soonest deadline first)."""

    as_of: dt.date
    referrals: list[OmbudsmanRecord]
    outstanding: list[tuple[OmbudsmanRecord, EvidenceRequest]]
    orders: list[CommitmentAsOf]


def referrals_page(*, user: Any, as_of: dt.date) -> ReferralsPage:
    """Every Ombudsman referral this person may see, as of `as_of`. Cost: two queries for the
    cases and their events, and the ledger's for the orders owed."""
    records = _read_all(ombudsman_cases(user=user), as_of)
    outstanding = sorted(
        ((r, q) for r in records for q in r.outstanding_requests),
        key=lambda pair: (pair[1].due or dt.date.max, pair[0].case.reference),
    )
    orders = [
        c
        for c in open_commitments(user=user, as_of=as_of)
        if c.commitment.kind == PromiseKind.ORDER
    ]
    return ReferralsPage(as_of, records, outstanding, orders)


def referrals_made_by(*, user: Any, moment: dt.datetime) -> QuerySet[Case]:
    """The Ombudsman case a request arriving at `moment` opened (for an idempotent retry)."""
    return Case.objects.filter(
        case_type=CaseType.OMBUDSMAN,
        referral__referred_event__recorded_at=moment,
        referral__referred_event__actor=user,
    )
