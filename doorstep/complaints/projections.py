"""The `Complaint` row of a complaint case, rebuilt from the case's events and nothing else.

One function, `complaint_project(case)`, for every writer: the complaints services after each
event, the responses app after a `complaint.response`, and the import of a chronology. It reads
the case's complaint events in the order they happened and says where the complaint stands:
its stage, status, acknowledgements, extensions, escalation, answers, refusal and officers; and
the current stage's response due date, as the clock engine counts it from the same events
(`clocks.engine.compute_clocks`, with the landlord's policy and the days off on record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from doorstep.cases.models import Case
from doorstep.clocks.definitions import complaint_code_2024
from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import Facts, fact_from_event, latest_date, local_date
from doorstep.complaints.choices import CodeVersion, ComplaintStatus, RefusalReason
from doorstep.complaints.models import Complaint
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.staff.models import User
from doorstep.timeline.models import Event

KINDS = (
    "complaint.received",
    "complaint.acknowledged",
    "complaint.extended",
    "complaint.escalated",
    "complaint.response",
    "complaint.refused",
)
# The events at stage 1 that involve their actor in handling it (logging a complaint does not).
HANDLING = (
    "complaint.acknowledged",
    "complaint.extended",
    "complaint.refused",
    "complaint.response",
)
ANSWERED = {1: ComplaintStatus.STAGE1_ANSWERED, 2: ComplaintStatus.STAGE2_ANSWERED}
OPENED = {1: ComplaintStatus.STAGE1_OPEN, 2: ComplaintStatus.STAGE2_OPEN}
# Looking this far past the last event counts every announced day off and every clock.
HORIZON = dt.timedelta(days=400)


def _stage(event: Event) -> int:
    stage = (event.data or {}).get("stage")
    if isinstance(stage, int) and stage in (1, 2):
        return stage
    return 2 if event.kind == "complaint.escalated" else 1


def _date(text: Any) -> dt.date | None:
    try:
        return latest_date(str(text)) if text else None
    except ValueError:
        return None


def _events(case: Case) -> list[Event]:
    return list(
        case.events.filter(kind__in=(*KINDS, "case.assigned", "case.opened"))
        .select_related("actor")
        .order_by("occurred_earliest", "seq")
    )


def _users(events: Iterable[Event]) -> dict[str, User]:
    names = {str(e.data.get("officer_username")) for e in events if e.data.get("officer_username")}
    return {u.username: u for u in User.objects.filter(username__in=names)} if names else {}


def _from_contact(events: Iterable[Event]) -> Event | None:
    opened = next((e for e in events if e.kind == "case.opened"), None)
    uid = (opened.data or {}).get("from_event") if opened else None
    return Event.objects.filter(uid=uid).first() if uid else None


def complaint_project(case: Case) -> Complaint | None:
    """Bring the case's `Complaint` row into line with its events (creating it at the first
    receipt or escalation); returns it, or None where the case holds no complaint yet."""
    events = _events(case)
    complaint_events = [e for e in events if e.kind in KINDS]
    opener = next(
        (e for e in complaint_events if e.kind in ("complaint.received", "complaint.escalated")),
        None,
    )
    if opener is None:
        return None
    values = _values(case, events, opener)
    row, _ = Complaint.objects.update_or_create(case=case, defaults=values)
    return row


def _values(case: Case, events: list[Event], opener: Event) -> dict[str, Any]:
    users = _users(events)
    received_on = local_date(opener.occurred_latest)
    v: dict[str, Any] = {
        "received_event": opener if opener.kind == "complaint.received" else None,
        "from_contact": _from_contact(events),
        "received_at": opener.occurred_earliest,
        "text": str(opener.data.get("text") or "") if opener.kind == "complaint.received" else "",
        "code_version": CodeVersion.CODE_2024
        if complaint_code_2024(received_on)
        else CodeVersion.EARLIER,
        "stage": 1,
        "status": ComplaintStatus.STAGE1_OPEN,
        "acknowledged1_at": None,
        "acknowledged2_at": None,
        "extended1_to": None,
        "extended2_to": None,
        "answered1_at": None,
        "answered2_at": None,
        "escalated_at": None,
        "escalation_text": "",
        "refused_at": None,
        "refused_stage": None,
        "refusal_code": "",
        "refusal_reason": "",
        "officer": None,
        "stage1_officer": None,
        "stage2_officer": None,
    }
    involved: list[str] = []
    for event in events:
        _apply(v, event, users, involved)
    v["status"] = _status(v)
    v["stage1_involved"] = sorted(set(involved))
    v["response_due"] = _response_due(case, [e for e in events if e.kind in KINDS], v["stage"])
    return v


def _apply(v: dict[str, Any], event: Event, users: dict[str, User], involved: list[str]) -> None:
    data, stage, moment = event.data or {}, _stage(event), event.occurred_earliest
    if event.kind == "case.assigned":
        officer = users.get(str(data.get("officer_username") or ""))
        if officer is not None:
            v["officer"] = officer
            v[f"stage{v['stage']}_officer"] = officer
            if v["stage"] == 1:
                involved.append(officer.username)
        return
    if event.kind in HANDLING and stage == 1 and event.actor is not None:
        involved.append(event.actor.get_username())
    if event.kind == "complaint.acknowledged":
        v[f"acknowledged{stage}_at"] = v[f"acknowledged{stage}_at"] or moment
    elif event.kind == "complaint.extended":
        v[f"extended{stage}_to"] = _date(data.get("new_due"))
    elif event.kind == "complaint.escalated":
        v.update(stage=2, escalated_at=moment)
        v.update(escalation_text=str(data.get("text") or ""), officer=None)
    elif event.kind == "complaint.response":
        v[f"answered{stage}_at"] = v[f"answered{stage}_at"] or moment
    elif event.kind == "complaint.refused":
        code = str(data.get("reason_code") or "")
        v.update(refused_at=moment, refused_stage=stage)
        v.update(refusal_code=code if code in RefusalReason.values else "")
        v.update(refusal_reason=str(data.get("reason") or ""))


def _status(v: dict[str, Any]) -> str:
    """Where the complaint stands at its stage: refused at it, answered at it, or open. (A stage 2
    response does not answer stage 1, nor a late stage 1 response stage 2.)"""
    stage = v["stage"]
    if v["refused_stage"] == stage:
        return ComplaintStatus.REFUSED
    if v[f"answered{stage}_at"] is not None:
        return ANSWERED[stage]
    return OPENED[stage]


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


def _response_due(case: Case, events: list[Event], stage: int) -> dt.date | None:
    """The current stage's response due date (as validly extended), counted by the engine."""
    facts = Facts(events=tuple(_fact(e, case) for e in events), overrides=tuple(overrides_all()))
    as_of = max(local_date(e.occurred_latest) for e in events) + HORIZON
    name = f"complaint.stage{stage}.response"
    clocks = [
        c for c in compute_clocks(facts, as_of=as_of, announced=announced_days()) if c.clock == name
    ]
    return clocks[-1].due if clocks else None
