"""The `MoveRequest` row of a transfer case, rebuilt from the case's events and nothing else.

One function, `move_project(case)`, for every writer. It reads the case's `transfer.*` events
with the replay's own reading (`clocks.moves.transfer_view`: requests, evidence asked for and
received, decisions, routes, where the request stands) and the decision clock's due date as the
clock engine counts it from the same events, with the landlord's policy and the days off on
record. The flag (evidence on record) is not kept here: it depends on the household's documents,
read when the request is shown (`selectors.evidence_flags`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.cases.models import Case
from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import Facts, fact_from_event, local_date
from doorstep.clocks.moves import FINAL, PANEL, transfer_json, transfer_view
from doorstep.moves.models import MoveRequest
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.timeline.models import Event

KINDS = (
    "transfer.requested",
    "transfer.evidence_requested",
    "transfer.evidence_received",
    "transfer.decided",
    "transfer.support_offered",
)
# Looking this far past the last event counts every announced day off and every clock.
HORIZON = dt.timedelta(days=400)


def _fact(event: Event, case: Case) -> Any:
    entry = {
        "id": str(event.uid),
        "case": case.reference,
        "kind": event.kind,
        "by": event.by,
        "at": event.occurred_text,
        "summary": event.summary,
        "data": event.data,
    }
    return fact_from_event(entry, event.seq)


def _from_contact(case: Case) -> Event | None:
    opened = case.events.filter(kind="case.opened").first()
    uid = (opened.data or {}).get("from_event") if opened else None
    return Event.objects.filter(uid=uid).first() if uid else None


def move_project(case: Case) -> MoveRequest | None:
    """Bring the case's `MoveRequest` row into line with its events (creating it at the first
    request); returns it, or None where the case holds no request yet."""
    events = list(case.events.filter(kind__in=KINDS).order_by("occurred_earliest", "seq"))
    if not any(e.kind == "transfer.requested" for e in events):
        return None
    facts = Facts(events=tuple(_fact(e, case) for e in events), overrides=tuple(overrides_all()))
    as_of = max(local_date(e.occurred_latest) for e in events) + HORIZON
    clocks = compute_clocks(facts, as_of=as_of, announced=announced_days())
    view = transfer_view(facts, case.reference, (), clocks)
    if view is None:  # pragma: no cover - a request is on the case
        return None
    read = transfer_json(view)
    by_uid = {str(e.uid): e for e in events}
    first = by_uid[view.requests[0].event]
    extra = {str(e.uid): e.data or {} for e in events}
    final = [d for d in view.decisions if d.outcome in FINAL]
    panel = [d for d in view.decisions if d.outcome == PANEL]
    running = view.clock if view.clock is not None and view.clock.stopped is None else None
    values: dict[str, Any] = {
        "requested_event": first,
        "from_contact": _from_contact(case),
        "requested_at": first.occurred_earliest,
        "reason": view.requests[0].reason,
        "grounds": list(view.requests[0].grounds),
        "evidence": [ref for r in view.requests for ref in r.evidence],
        "status": view.state,
        "evidence_requested": [
            {**a, "to_name": extra[a["event"]].get("to_name") or ""}
            for a in read["evidence_requested"]
        ],
        "evidence_received": [
            {**g, "from_name": extra[g["event"]].get("from_name") or ""}
            for g in read["evidence_received"]
        ],
        "awaiting": read["awaiting_evidence"],
        "decisions": read["decisions"],
        "outcome": final[-1].outcome if final else "",
        "decided_at": by_uid[final[-1].event].occurred_earliest if final else None,
        "decision_reason": final[-1].reason if final else "",
        "panel_referred_at": by_uid[panel[-1].event].occurred_earliest if panel else None,
        "routes": read["routes_offered"],
        "decision_due": running.due if running is not None else None,
    }
    row, _ = MoveRequest.objects.update_or_create(case=case, defaults=values)
    return row
