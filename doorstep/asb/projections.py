"""The `AsbCase` row of an ASB case, rebuilt from the case's events and nothing else.

One function, `asb_project(case)`, for every writer: the ASB services after each event, and the
import of a chronology. It reads the case's ASB events in the order they happened and says
where the case stands: its reports (with the reporter's safety wishes), the decision, the latest
risk assessment, the actions, the reviews and the closing; the ASB case review threshold across
every ASB report of the reporter's household (`clocks.asb.case_review_met`, with the policy in
force on each report's day) and whether the reporter was told of it; and the soonest date a
running clock of the case is due, as the clock engine counts it from the same events.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.asb.choices import AsbStatus, Category
from doorstep.asb.models import AsbCase
from doorstep.asb.selectors import household_report_days, policy_value
from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.clocks.asb import case_review_met, delay_until
from doorstep.clocks.engine import compute_clocks
from doorstep.clocks.facts import Facts, fact_from_event, local_date
from doorstep.policy.selectors import announced_days, overrides_all
from doorstep.residents.models import Household, Person
from doorstep.timeline.models import Event

KINDS = (
    "asb.reported",
    "asb.case_opened",
    "asb.case_declined",
    "asb.risk_assessed",
    "asb.action",
    "asb.reviewed",
    "asb.closed",
)
CASE_REVIEW_ABOUT = "asb.case_review"
# Looking this far past the last event finds every clock still running.
HORIZON = dt.timedelta(days=400)


def _events(case: Case) -> list[Event]:
    return list(case.events.filter(kind__in=KINDS).order_by("occurred_earliest", "seq"))


def _day(event: Event) -> dt.date:
    return local_date(event.occurred_earliest)


def _about(event: Event) -> str:
    """What a message was about (`message_send` keeps it on the `contact.out`)."""
    data = event.data or {}
    if data.get("about"):
        return str(data["about"])
    notification = data.get("notification") or {}
    return str(notification.get("about") or "") if isinstance(notification, dict) else ""


def asb_project(case: Case) -> AsbCase | None:
    """Bring the case's `AsbCase` row into line with its events (creating it at the first
    report); returns it, or None where the case holds no report yet."""
    events = _events(case)
    reports = [e for e in events if e.kind == "asb.reported"]
    if not reports:
        return None
    values = _values(case, events, reports)
    row, _ = AsbCase.objects.update_or_create(case=case, defaults=values)
    return row


def asb_project_household(household: Household | None) -> None:
    """Every ASB case of the household, again: a report on one changes the ASB case review
    threshold of all of them."""
    if household is None:
        return
    for case in Case.objects.filter(household=household, case_type=CaseType.ASB):
        asb_project(case)


def _report(event: Event) -> dict[str, Any]:
    data = event.data or {}
    days = data.get("informant_delay_requested_days")
    days = days if isinstance(days, int) and not isinstance(days, bool) else None
    until = delay_until(_day(event), days)
    return {
        "event": str(event.uid),
        "day": _day(event).isoformat(),
        "category": str(data.get("category") or ""),
        "text": str(data.get("text") or ""),
        "police_involved": data.get("police_involved"),
        "crime_reference": str(data.get("crime_reference") or ""),
        "location": str(data.get("location") or ""),
        "communal": data.get("communal"),
        "reporter": str(data.get("reporter") or ""),
        "alleged_perpetrator": str(data.get("alleged_perpetrator") or ""),
        "alleged_perpetrator_household": str(data.get("alleged_perpetrator_household") or ""),
        "incident_date": str(data.get("incident_date") or ""),
        "delay_days": days,
        "delay_until": until.isoformat() if until else None,
        "channel": event.channel,
    }


def _values(case: Case, events: list[Event], reports: list[Event]) -> dict[str, Any]:
    first = reports[0]
    shown = [_report(r) for r in reports]
    category = shown[0]["category"]
    reporter_ref = next((r["reporter"] for r in shown if r["reporter"]), "")
    untils = [dt.date.fromisoformat(r["delay_until"]) for r in shown if r["delay_until"]]
    v: dict[str, Any] = {
        "reporter": Person.objects.filter(reference=reporter_ref).first() if reporter_ref else None,
        "category": category if category in Category.values else Category.OTHER,
        "status": AsbStatus.REPORTED,
        "first_reported_at": first.occurred_earliest,
        "last_reported_at": reports[-1].occurred_earliest,
        "reports": shown,
        "alleged_perpetrator": next(
            (r["alleged_perpetrator"] for r in reversed(shown) if r["alleged_perpetrator"]), ""
        )[:300],
        "delay_until": max(untils, default=None),
        "opened_at": None,
        "declined_at": None,
        "decline_code": "",
        "decline_reason": "",
        "risk_level": "",
        "risk_assessed_at": None,
        "risk": {},
        "actions": [],
        "reviews": [],
        "closed_at": None,
        "close_reason": "",
        "reporter_told_closed": None,
    }
    for event in events:
        _apply(v, event)
    v.update(_case_review(case))
    # A declined or closed case has nothing more due (the replay still judges its clocks).
    live = v["status"] in (AsbStatus.REPORTED, AsbStatus.OPEN)
    v["next_due"] = _next_due(case, events) if live else None
    return v


def _apply(v: dict[str, Any], event: Event) -> None:
    data, moment = event.data or {}, event.occurred_earliest
    if event.kind == "asb.case_opened":
        v.update(status=AsbStatus.OPEN, opened_at=v["opened_at"] or moment)
    elif event.kind == "asb.case_declined":
        v.update(status=AsbStatus.DECLINED, declined_at=moment)
        v.update(decline_code=str(data.get("reason_code") or ""))
        v.update(decline_reason=str(data.get("reason") or ""))
    elif event.kind == "asb.risk_assessed":
        v.update(risk_level=str(data.get("level") or ""), risk_assessed_at=moment)
        v["risk"] = {**data, "day": _day(event).isoformat()}
    elif event.kind == "asb.action":
        v["actions"].append({**data, "day": _day(event).isoformat(), "event": str(event.uid)})
    elif event.kind == "asb.reviewed":
        v["reviews"].append({**data, "day": _day(event).isoformat(), "event": str(event.uid)})
    elif event.kind == "asb.closed":
        v.update(status=AsbStatus.CLOSED, closed_at=moment)
        v.update(close_reason=str(data.get("reason") or ""))
        told = data.get("reporter_told")
        v["reporter_told_closed"] = told if isinstance(told, bool) else None


def _case_review(case: Case) -> dict[str, Any]:
    """When the household's ASB reports first met the ASB case review threshold (with the
    policy in force on each report's day), and when the reporter was first told of it."""
    if case.household_id is None:
        return {"case_review_met_on": None, "case_review_told_at": None}
    household_cases = Case.objects.filter(household_id=case.household_id, case_type=CaseType.ASB)
    days = household_report_days(household_id=case.household_id)
    met_on = None
    for day in sorted(set(days)):
        threshold = int(policy_value("asb.case_review.threshold_reports", day))
        months = int(policy_value("asb.case_review.window_months", day))
        if case_review_met(days, on=day, threshold=threshold, months=months):
            met_on = day
            break
    told = [
        e.occurred_earliest
        for e in Event.objects.filter(case__in=household_cases, kind="contact.out").order_by(
            "occurred_earliest"
        )
        if _about(e) == CASE_REVIEW_ABOUT
    ]
    return {"case_review_met_on": met_on, "case_review_told_at": told[0] if told else None}


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


def _next_due(case: Case, events: list[Event]) -> dt.date | None:
    """The soonest due date of the case's clocks still running, as the engine counts them."""
    facts = Facts(events=tuple(_fact(e, case) for e in events), overrides=tuple(overrides_all()))
    as_of = max(local_date(e.occurred_latest) for e in events) + HORIZON
    running = [
        c.due
        for c in compute_clocks(facts, as_of=as_of, announced=announced_days())
        if c.clock.startswith("asb.") and c.stopped is None
    ]
    return min(running, default=None)
