"""Reading moves: the open requests by decision due (flagged ones marked), one request, the
flag of each (a request waiting on evidence the household's record may already hold: the pure
rule of `clocks.moves`, fed from the record's documents), and what the forms choose from (the
household's documents, the people evidence may come from, the contacts a request may come
from)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, QuerySet

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_visible_to
from doorstep.clocks.facts import local_date
from doorstep.clocks.moves import Asked, EvidenceFlag, OnRecord, evidence_on_record
from doorstep.documents.models import Document
from doorstep.moves.choices import OPEN_STATUSES, MoveStatus
from doorstep.moves.models import MoveRequest
from doorstep.residents.models import Household, Person
from doorstep.timeline.models import Event

RELATED = ("case__household__property", "case__property", "case__officer")


def moves_list(*, user: Any, open_only: bool = True) -> QuerySet[MoveRequest]:
    """The move requests this person may see, the soonest decision due first (those with no
    clock running, waiting on evidence or at the panel, after them); open ones only unless
    asked."""
    rows = MoveRequest.objects.filter(case__in=cases_visible_to(user=user)).select_related(*RELATED)
    if open_only:
        rows = rows.filter(status__in=OPEN_STATUSES)
    return rows.order_by(F("decision_due").asc(nulls_last=True), "requested_at", "pk")


def move_for_case(*, case: Case) -> MoveRequest:
    """The move request of a transfer case. Raises `MoveRequest.DoesNotExist` where none is
    recorded."""
    return MoveRequest.objects.select_related(*RELATED, "from_contact").get(case=case)


def move_named(*, user: Any, reference: str) -> MoveRequest:
    """The move request of the case with this reference, if this person may see it. Raises
    `MoveRequest.DoesNotExist` otherwise."""
    return (
        MoveRequest.objects.filter(case__in=cases_visible_to(user=user))
        .select_related(*RELATED, "from_contact")
        .get(case__reference=reference)
    )


def move_requested_by(*, user: Any, moment: dt.datetime) -> QuerySet[MoveRequest]:
    """The request a call arriving at `moment` recorded (for an idempotent retry)."""
    return MoveRequest.objects.filter(
        case__events__kind="transfer.requested",
        case__events__recorded_at=moment,
        case__events__actor=user,
    ).select_related(*RELATED)


def _on_record(event: Event) -> OnRecord | None:
    data = event.data or {}
    ref = data.get("document")
    if not ref:
        return None
    source = data.get("from")
    return OnRecord(
        document=str(ref),
        type=str(data.get("type") or ""),
        title=str(data.get("title") or ref),
        added=local_date(event.occurred_latest),
        source=None if source is None else str(source),
        authorised=data.get("from_authorised") is True,
        event=str(event.uid),
    )


def _asked(awaiting: Any) -> Asked | None:
    if not awaiting:
        return None
    return Asked(
        event=str(awaiting["event"]),
        on=dt.date.fromisoformat(awaiting["on"]),
        what=str(awaiting.get("what") or ""),
        to=awaiting.get("to"),
        types=tuple(awaiting.get("types") or ()),
    )


def _known(move: MoveRequest) -> list[str]:
    return [*move.evidence, *(g["document"] for g in move.evidence_received if g.get("document"))]


def evidence_flags(moves: Iterable[MoveRequest]) -> dict[int, EvidenceFlag]:
    """For each request waiting on evidence, the document on its household's record that may
    be that evidence (`clocks.moves.evidence_on_record`), by the request's pk. One query for
    all the households."""
    waiting = [m for m in moves if m.status == MoveStatus.AWAITING_EVIDENCE and m.awaiting]
    households = {m.case.household_id for m in waiting if m.case.household_id}
    if not households:
        return {}
    documents: dict[int, list[OnRecord]] = {}
    events = Event.objects.filter(household_id__in=households, kind="document.added").order_by(
        "occurred_earliest", "seq"
    )
    for event in events:
        doc = _on_record(event)
        if doc is not None and event.household_id is not None:
            documents.setdefault(event.household_id, []).append(doc)
    found = {}
    for move in waiting:
        on_record = documents.get(move.case.household_id or 0, [])
        flag = evidence_on_record(_asked(move.awaiting), on_record, known=_known(move))
        if flag is not None:
            found[move.pk] = flag
    return found


def evidence_flag(move: MoveRequest) -> EvidenceFlag | None:
    return evidence_flags([move]).get(move.pk)


def household_documents(*, household: Household | None) -> QuerySet[Document]:
    """The documents on the household's record, newest first: what a request may rest on, or
    evidence received may be."""
    if household is None:
        return Document.objects.none()
    return Document.objects.filter(household=household).order_by("-uploaded_at", "-pk")


def evidence_sources(*, household: Household | None) -> list[Person]:
    """The people evidence may come from: the household's members and every third party it
    has named (authorised or not: whether their word counts is worked out when recorded)."""
    if household is None:
        return []
    people = Person.objects.filter(memberships__household=household) | Person.objects.filter(
        authorities__household=household
    )
    return list(people.distinct().order_by("full_name", "pk"))


def people_named(references: Iterable[str]) -> dict[str, Person]:
    wanted = {r for r in references if r}
    if not wanted:
        return {}
    return {p.reference: p for p in Person.objects.filter(reference__in=wanted)}


def contacts_to_record(*, household: Household) -> QuerySet[Event]:
    """The household's contacts received that have not opened a case: what a request may be
    recorded from, newest first."""
    opened = Event.objects.filter(kind="case.opened", household=household).values_list(
        "data__from_event", flat=True
    )
    return (
        Event.objects.filter(household=household, kind="contact.in")
        .exclude(uid__in=[u for u in opened if u])
        .order_by("-occurred_earliest", "-seq")
    )
