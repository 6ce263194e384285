"""Management moves (`transfer.*`) as a housing officer reads them, and the rule that flags a
request waiting on evidence the record already holds.

The rule (`evidence_on_record`): a request is waiting on evidence when evidence was asked for
(`transfer.evidence_requested`) and none has been received since (`transfer.evidence_received`),
and no final decision (approved or declined) has been made. While it waits, the household's
record is searched for a document that may be that evidence:

- a document of type `medical_evidence` (whoever sent it);
- a document from an authorised third party of the household (a support worker, say), which
  Doorstep marks on its `document.added` with `from` and `from_authorised: true` (the third
  party's consent was in force and in scope for moves when it was added);
- a document of a type the request for evidence named (its `types`).

A document already named as the request's own evidence, or already recorded as received on the
case, is not flagged again. Of those left, the latest added is shown ("Evidence may already be
on record: DOC-2025-000004 (Letter from support worker), added 4 November 2025"), so the officer
records it as received instead of waiting for it (Bromford 202109189: the move stalled waiting
for medical evidence the support worker said she had sent). A disclosed vulnerability is not
evidence of itself and is not matched: the officer asks for the evidence it points to.

`transfer_cases` reads each transfer case of a replay: its requests (reason, grounds), the
evidence asked for and received (from whom, and whether from an authorised source), the flag,
the decisions (a panel referral is a `transfer.decided` with outcome `panel_referred`; the
panel's decision is a later `transfer.decided`), the other routes offered with the support
given, and the decision clock counted by the engine (`families.transfers`).

Pure: no Django. The live record feeds the same rule from its documents (`moves.selectors`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from doorstep.clocks.engine import ClockResult
from doorstep.clocks.facts import Fact, Facts, local_date

MEDICAL_EVIDENCE = "medical_evidence"
DECISION_CLOCK = "transfer.decision"
FINAL = ("approved", "declined")
PANEL = "panel_referred"

# Where a move request stands.
AWAITING_DECISION = "awaiting_decision"
AWAITING_EVIDENCE = "awaiting_evidence"
AT_PANEL = "at_panel"
APPROVED = "approved"
DECLINED = "declined"

# Why a document on record may be the evidence awaited.
WHY_MEDICAL = "medical evidence"
WHY_AUTHORISED = "from an authorised third party of the household"
WHY_TYPE = "a document of the type asked for"

FLAG = "Evidence may already be on record: {document} ({title}), added {day}"


def full_day(day: dt.date) -> str:
    """'4 November 2025'."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class OnRecord:
    """A document on the household's record."""

    document: str
    type: str
    title: str
    added: dt.date
    source: str | None = None
    authorised: bool = False
    event: str | None = None


@dataclass(frozen=True)
class Asked:
    """Evidence asked for: what, of whom, and the document types that would answer it."""

    event: str
    on: dt.date
    what: str
    to: str | None = None
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvidenceFlag:
    """A document on record that may be the evidence a request is waiting on."""

    document: str
    title: str
    added: dt.date
    why: str
    event: str | None

    @property
    def words(self) -> str:
        return FLAG.format(document=self.document, title=self.title, day=full_day(self.added))


def _why(doc: OnRecord, asked: Asked) -> str | None:
    if doc.type == MEDICAL_EVIDENCE:
        return WHY_MEDICAL
    if doc.authorised:
        return WHY_AUTHORISED
    if doc.type in asked.types:
        return WHY_TYPE
    return None


def evidence_on_record(
    awaiting: Asked | None, documents: Iterable[OnRecord], *, known: Iterable[str] = ()
) -> EvidenceFlag | None:
    """The document on record that may be the evidence awaited (None when nothing is awaited
    or nothing matches). `known`: documents already the request's evidence or received."""
    if awaiting is None:
        return None
    seen = set(known)
    found: list[tuple[dt.date, int, OnRecord, str]] = []
    for order, doc in enumerate(documents):
        why = _why(doc, awaiting)
        if why is not None and doc.document not in seen:
            found.append((doc.added, order, doc, why))
    if not found:
        return None
    _, _, doc, why = max(found, key=lambda item: (item[0], item[1]))
    return EvidenceFlag(doc.document, doc.title, doc.added, why, doc.event)


# --- reading the replay's facts ---------------------------------------------------------------


@dataclass(frozen=True)
class MoveRequested:
    event: str
    on: dt.date
    reason: str
    grounds: tuple[str, ...]
    evidence: tuple[str, ...]
    by: str


@dataclass(frozen=True)
class EvidenceReceived:
    event: str
    on: dt.date
    what: str
    source: str | None
    authorised: bool | None
    document: str | None
    requested: bool
    standing: str = ""


@dataclass(frozen=True)
class Decided:
    event: str
    on: dt.date
    outcome: str
    reason: str


@dataclass(frozen=True)
class RoutesOffered:
    event: str
    on: dt.date
    routes: tuple[str, ...]
    support: str


@dataclass(frozen=True)
class TransferView:
    """One transfer case as of the replay date."""

    case: str | None
    requests: tuple[MoveRequested, ...]
    asked: tuple[Asked, ...]
    received: tuple[EvidenceReceived, ...]
    awaiting: Asked | None
    flag: EvidenceFlag | None
    decisions: tuple[Decided, ...]
    routes: tuple[RoutesOffered, ...]
    state: str
    clock: ClockResult | None
    imprecise: bool


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return tuple(str(v) for v in value if v is not None and not isinstance(v, Mapping))
    return ()


def _day(fact: Fact) -> dt.date:
    return local_date(fact.starts_at)


def _asked(fact: Fact) -> Asked:
    to = fact.data.get("to")
    return Asked(
        event=fact.id,
        on=_day(fact),
        what=_text(fact.data.get("what")),
        to=None if to is None else str(to),
        types=_texts(fact.data.get("types")),
    )


def _received(fact: Fact, asked: Sequence[Fact]) -> EvidenceReceived:
    source = fact.data.get("from")
    authorised = fact.data.get("from_authorised")
    return EvidenceReceived(
        event=fact.id,
        on=_day(fact),
        what=_text(fact.data.get("what")),
        source=None if source is None else str(source),
        authorised=authorised if isinstance(authorised, bool) else None,
        document=None if fact.data.get("document") is None else str(fact.data["document"]),
        requested=any(fact.could_follow(a) for a in asked),
        standing=_text(fact.data.get("source_standing")),
    )


def documents_on_record(facts: Facts) -> list[OnRecord]:
    """Every document added to the record (`document.added`), as the rule reads them."""
    found = []
    for fact in facts.of_kind("document.added"):
        ref = fact.data.get("document")
        if not ref:
            continue
        source = fact.data.get("from")
        found.append(
            OnRecord(
                document=str(ref),
                type=_text(fact.data.get("type")),
                title=_text(fact.data.get("title")) or str(ref),
                added=_day(fact),
                source=None if source is None else str(source),
                authorised=fact.data.get("from_authorised") is True,
                event=fact.id,
            )
        )
    return found


def _state(decisions: Sequence[Decided], awaiting: Asked | None) -> str:
    final = [d for d in decisions if d.outcome in FINAL]
    if final:
        return final[-1].outcome
    if awaiting is not None:
        return AWAITING_EVIDENCE
    if decisions and decisions[-1].outcome == PANEL:
        return AT_PANEL
    return AWAITING_DECISION


def _awaiting(asked: Sequence[Fact], received: Sequence[Fact], final: bool) -> Fact | None:
    """The last request for evidence, where nothing was received after it (and no final
    decision made)."""
    if not asked or final:
        return None
    last = asked[-1]
    return None if any(r.could_follow(last) for r in received) else last


def _clock(clocks: Sequence[ClockResult], case: str | None) -> ClockResult | None:
    mine = [c for c in clocks if c.clock == DECISION_CLOCK and c.case == case]
    return mine[-1] if mine else None


def transfer_view(
    facts: Facts, case: str | None, documents: Sequence[OnRecord], clocks: Sequence[ClockResult]
) -> TransferView | None:
    """One case's move request (None where the case holds none)."""
    requested = facts.of_kind("transfer.requested", cases=[case])
    if not requested:
        return None
    asked = facts.of_kind("transfer.evidence_requested", cases=[case])
    received = facts.of_kind("transfer.evidence_received", cases=[case])
    decisions = tuple(
        Decided(f.id, _day(f), _text(f.data.get("outcome")), _text(f.data.get("reason")))
        for f in facts.of_kind("transfer.decided", cases=[case])
    )
    final = any(d.outcome in FINAL for d in decisions)
    waiting = _awaiting(asked, received, final)
    awaiting = _asked(waiting) if waiting is not None else None
    requests = tuple(
        MoveRequested(
            event=f.id,
            on=_day(f),
            reason=_text(f.data.get("reason")),
            grounds=_texts(f.data.get("grounds")),
            evidence=_texts(f.data.get("evidence")),
            by=f.by,
        )
        for f in requested
    )
    got = tuple(_received(f, asked) for f in received)
    known = [ref for r in requests for ref in r.evidence] + [g.document for g in got if g.document]
    routes = tuple(
        RoutesOffered(f.id, _day(f), _texts(f.data.get("routes")), _text(f.data.get("support")))
        for f in facts.of_kind("transfer.support_offered", cases=[case])
    )
    return TransferView(
        case=case,
        requests=requests,
        asked=tuple(_asked(f) for f in asked),
        received=got,
        awaiting=awaiting,
        flag=evidence_on_record(awaiting, documents, known=known),
        decisions=decisions,
        routes=routes,
        state=_state(decisions, awaiting),
        clock=_clock(clocks, case),
        imprecise=any(f.imprecise for f in requested),
    )


def transfer_cases(
    facts: Facts, as_of: dt.date, *, clocks: Sequence[ClockResult] = ()
) -> list[TransferView]:
    """Every transfer case of the replay as of `as_of`, with its decision clock where the
    engine's clocks are given."""
    known = facts.as_of(as_of)
    documents = documents_on_record(known)
    found = []
    for case in known.case_refs():
        view = transfer_view(known, case, documents, clocks)
        if view is not None:
            found.append(view)
    return found


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _asked_json(a: Asked) -> dict[str, Any]:
    return {"event": a.event, "on": a.on.isoformat(), "what": a.what, "to": a.to,
            "types": list(a.types)}  # fmt: skip


def flag_json(flag: EvidenceFlag | None) -> dict[str, Any] | None:
    if flag is None:
        return None
    return {
        "document": flag.document,
        "title": flag.title,
        "added": flag.added.isoformat(),
        "why": flag.why,
        "event": flag.event,
        "text": flag.words,
    }


def transfer_json(view: TransferView) -> dict[str, Any]:
    """One transfer case as the replay's JSON."""
    clock = view.clock
    return {
        "case": view.case,
        "state": view.state,
        "requests": [
            {
                "event": r.event,
                "on": r.on.isoformat(),
                "reason": r.reason,
                "grounds": list(r.grounds),
                "evidence": list(r.evidence),
                "by": r.by,
            }
            for r in view.requests
        ],
        "evidence_requested": [_asked_json(a) for a in view.asked],
        "evidence_received": [
            {
                "event": g.event,
                "on": g.on.isoformat(),
                "what": g.what,
                "from": g.source,
                "authorised": g.authorised,
                "document": g.document,
                "requested": g.requested,
                "standing": g.standing or None,
            }
            for g in view.received
        ],
        "awaiting_evidence": _asked_json(view.awaiting) if view.awaiting else None,
        "evidence_on_record": flag_json(view.flag),
        "decisions": [
            {"event": d.event, "on": d.on.isoformat(), "outcome": d.outcome, "reason": d.reason}
            for d in view.decisions
        ],
        "routes_offered": [
            {
                "event": r.event,
                "on": r.on.isoformat(),
                "routes": list(r.routes),
                "support": r.support,
            }
            for r in view.routes
        ],
        "decision_clock": None
        if clock is None
        else {
            "started": _iso(clock.started),
            "due": _iso(clock.due),
            "stopped": _iso(clock.stopped),
            "breached": clock.breached,
            "overdue_working_days": clock.overdue_working_days,
            "remaining": clock.remaining,
        },
        "imprecise": view.imprecise,
    }


def _show(text: str | None) -> str:
    return full_day(dt.date.fromisoformat(text)) if text else ""


def transfer_lines(replay: Mapping[str, Any]) -> list[str]:
    """The moves of a replay, for people."""
    lines = []
    for move in replay.get("transfers", ()):
        first = move["requests"][0]
        grounds = f" (grounds: {', '.join(first['grounds'])})" if first["grounds"] else ""
        lines.append(
            f"  {move['case'] or '-'} requested {_show(first['on'])}{grounds}: "
            f"{move['state'].replace('_', ' ')}"
        )
        for asked in move["evidence_requested"]:
            lines.append(f"    evidence asked for {_show(asked['on'])}: {asked['what']}")
        for got in move["evidence_received"]:
            source = f" from {got['from']}" if got["from"] else ""
            standing = {True: " (authorised)", False: " (not from an authorised source)"}.get(
                got["authorised"], ""
            )
            lines.append(
                f"    evidence received {_show(got['on'])}{source}{standing}: {got['what']}"
            )
        if move["evidence_on_record"]:
            lines.append(f"    {move['evidence_on_record']['text']}")
        for decision in move["decisions"]:
            reason = f": {decision['reason']}" if decision["reason"] else ""
            lines.append(
                f"    {decision['outcome'].replace('_', ' ')} {_show(decision['on'])}{reason}"
            )
        for offered in move["routes_offered"]:
            routes = ", ".join(r.replace("_", " ") for r in offered["routes"])
            support = f"; support: {offered['support']}" if offered["support"] else ""
            lines.append(f"    other routes offered {_show(offered['on'])}: {routes}{support}")
        clock = move["decision_clock"]
        if clock and clock["breached"]:
            lines.append(
                f"    decision due {_show(clock['due'])}: "
                f"{clock['overdue_working_days']} working days late"
            )
    return lines
