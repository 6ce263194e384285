"""Replay a chronology's clocks and promises as of a date: JSON for machines, text for people.

The JSON is the clock and commitment part of the chronology format's "Replay output"
(`shared/domain/chronology.md`): `{"as_of", "clocks": [...], "commitments": [...]}`, with more
members than the minimum (the explanation, the events each clock rests on, `imprecise`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from doorstep.clocks.appointments import Failure, Visit, appointments
from doorstep.clocks.asb import asb_cases, asb_json
from doorstep.clocks.compensation import Failure as CompensationFailure
from doorstep.clocks.compensation import Offer, Request, offers, requests
from doorstep.clocks.complaints import ComplaintView, StageView, complaints
from doorstep.clocks.engine import ClockResult, compute_clocks
from doorstep.clocks.explain import show
from doorstep.clocks.facts import Facts, facts_from_chronology, latest_date, local_date
from doorstep.clocks.ledger import CommitmentState, commitment_states
from doorstep.clocks.lens import finding_json, first_disclosed, lens
from doorstep.clocks.moves import transfer_cases, transfer_json, transfer_lines
from doorstep.clocks.permits import permission_cases, permission_json, permission_line
from doorstep.clocks.redress import summarise, summary_json
from doorstep.clocks.repeats import Repeat, repeats
from doorstep.interchange.validate import first_problem
from doorstep.workdays import AnnouncedDay, calendar_as_known, calendar_for

REFUSED = "This chronology breaks the doorstep-chronology/1 format: {problem}"
HEADING = "Clocks as of {day}"
COMMITMENTS = "Commitments as of {day}"
APPOINTMENTS = "Appointments as of {day}"
REPEATS = "Repeated defects as of {day}"
COMPENSATION = "Compensation offered as of {day}"
COMPLAINTS = "Complaints as of {day}"
ASB = "Anti-social behaviour as of {day}"
MOVES = "Moves as of {day}"
PERMISSIONS = "Permissions as of {day}"
FINDINGS = "What the Ombudsman would find, as of {day}"
TOPIC_HEADING = "By topic, as of {day}"
NO_FINDINGS = "  (no findings: every clock met, every promise kept or not yet due)"
NONE = "  (none)"
UNITS = {"working_days": "working days", "hours": "hours"}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# What of each clock of a replay stays the same from the day its facts settle (`settled_from`).
SETTLED = ("case", "clock", "subject", "started", "due", "stopped", "breached")


def settled_from(facts: Facts, replay: Mapping[str, Any]) -> dt.date | None:
    """The first day from which a replay of these facts shows every clock as it does on any
    later day: which clocks there are, and each one's start, due date, stop and breach
    (`SETTLED`; not how long it is overdue). A bound, read from the facts and the replay as of
    any day on or after the last fact's earliest day: the latest day any fact may have
    happened on (its window's end: an imprecise start counts from its latest moment); any
    completion's `completed_on` (a completion stops its clock from that day, not its own); and
    each clock's start (a complaint's response clock starts when its acknowledgement was due,
    and a stop sent before a clock starts counts from the start), its stop, and the day after
    it falls due (a running clock is breached from then on). None where there are no facts.
    `deadlines.tests.test_kept_clocks` holds it over generated homes made imprecise, the seeds
    and the small chronology."""
    days = [fact.latest_date for fact in facts.events]
    for fact in facts.of_kind("works.completed"):
        if fact.data.get("completed_on"):
            days.append(latest_date(str(fact.data["completed_on"])))
    after = dt.timedelta(days=1)
    for clock in replay["clocks"]:
        days.extend(dt.date.fromisoformat(clock[k]) for k in ("started", "stopped") if clock[k])
        for key in ("due", "original_due"):
            if clock[key]:
                days.append(dt.date.fromisoformat(clock[key]) + after)
        if clock["due_at"]:
            days.append(local_date(dt.datetime.fromisoformat(clock["due_at"])) + after)
    return max(days, default=None)


def clock_json(result: ClockResult) -> dict[str, Any]:
    """One clock as the replay's JSON."""
    return {
        "case": result.case,
        "clock": result.clock,
        "subject": result.subject,
        "started": _iso(result.started),
        "start_event": result.start_event,
        "due": _iso(result.due),
        "due_at": result.due_at.isoformat() if result.due_at else None,
        "original_due": _iso(result.original_due),
        "stopped": _iso(result.stopped),
        "stop_event": result.stop_event,
        "stop_outcome": result.stop_outcome,
        "breached": result.breached,
        "arises": _iso(result.arises),
        "overdue_working_days": result.overdue_working_days,
        "overdue_days": result.overdue_days,
        "overdue_hours": result.overdue_hours,
        "unit": str(result.unit),
        "used": result.used,
        "remaining": result.remaining,
        "rule": result.rule,
        "imprecise": result.imprecise,
        "extension_valid": result.extension_valid,
        "flags": list(result.flags),
        "events": list(result.events),
        "explanation": result.explanation.as_json(),
    }


def commitment_json(state: CommitmentState) -> dict[str, Any]:
    return {
        "case": state.case,
        "commitment": state.commitment,
        "kind": state.kind,
        "action": state.action,
        "made": _iso(state.made),
        "due": _iso(state.due),
        "state": state.state,
        "job": state.job,
        "items": list(state.items),
        "imprecise": state.imprecise,
        "events": list(state.events),
    }


def failure_json(failure: Failure) -> dict[str, Any]:
    """An appointment failure, in the shape of a lens finding (`chronology.md`, "Replay
    output"): the day it arose, the events it rests on, why, and what it rests on."""
    return {
        "code": failure.code,
        "date": failure.date.isoformat(),
        "case": failure.case,
        "appointment": failure.appointment,
        "events": list(failure.events),
        "explanation": failure.explanation,
        "rule": failure.rule,
        "imprecise": failure.imprecise,
        "assumed": failure.assumed,
        "disputed": failure.disputed,
        "absence_of_records": failure.absence,
    }


def visit_json(visit: Visit) -> dict[str, Any]:
    return {
        "case": visit.case,
        "appointment": visit.appointment,
        "for": visit.purpose,
        "date": _iso(visit.date),
        "first_date": _iso(visit.first_date),
        "state": visit.state,
        "outcome": visit.outcome or None,
        "booked_event": visit.booked_event,
        "history": [
            {
                "event": step.event,
                "kind": step.kind,
                "on": step.on.isoformat(),
                "date": _iso(step.date),
                "by": step.by or None,
                "resident_informed": step.informed,
                "outcome": step.outcome or None,
                "imprecise": step.imprecise,
            }
            for step in visit.history
        ],
        "failures": [failure_json(f) for f in visit.failures],
    }


def _money(value: Any) -> float | None:
    return None if value is None else float(value)


def offer_json(offer: Offer) -> dict[str, Any]:
    """A compensation offer: its kind, method, each component against the band it names, its
    payments, and its failures (shaped as lens findings)."""
    return {
        "case": offer.case,
        "event": offer.event,
        "offered": offer.offered.isoformat(),
        "amount": _money(offer.amount),
        "kind": offer.kind,
        "counted_as_compensation": offer.counted_as_compensation,
        "method": offer.method,
        "resident_asked_for_offset": offer.resident_asked_for_offset,
        "components": [
            {
                "amount": _money(c.amount),
                "for": c.for_,
                "band": c.band,
                "band_min": _money(c.band_min),
                "band_max": _money(c.band_max),
                "standing": c.standing,
            }
            for c in offer.components
        ],
        "paid": list(offer.paid),
        "failures": [compensation_failure_json(f) for f in offer.failures],
        "imprecise": offer.imprecise,
    }


def compensation_failure_json(failure: CompensationFailure) -> dict[str, Any]:
    """A compensation failure, shaped as a lens finding."""
    return {
        "code": failure.code,
        "date": failure.date.isoformat(),
        "resolved": _iso(failure.resolved),
        "case": failure.case,
        "events": list(failure.events),
        "explanation": failure.explanation,
        "rule": failure.rule,
        "imprecise": failure.imprecise,
    }


def request_json(request: Request) -> dict[str, Any]:
    """A request for compensation: the stage it was made at, the response that should have
    answered it, the offer that did, and `compensation.request_unanswered` where none did."""
    return {
        "case": request.case,
        "event": request.event,
        "requested": request.requested.isoformat(),
        "amount": _money(request.amount),
        "text": request.text,
        "stage": request.stage,
        "response": request.response,
        "offer": request.offer,
        "failures": [compensation_failure_json(f) for f in request.failures],
        "imprecise": request.imprecise,
    }


def repeat_json(repeat: Repeat) -> dict[str, Any]:
    return {
        "case": repeat.case,
        "job": repeat.job,
        "event": repeat.event,
        "raised": repeat.raised.isoformat(),
        "earlier_case": repeat.earlier_case,
        "earlier_job": repeat.earlier_job,
        "earlier_event": repeat.earlier_event,
        "earlier_raised": repeat.earlier_raised.isoformat(),
        "basis": repeat.basis,
        "matched": repeat.matched,
        "earlier_left": repeat.earlier_left,
        "status": repeat.status,
        "decided_event": repeat.decided_event,
        "decided_on": _iso(repeat.decided_on),
        "explanation": repeat.explanation,
        "imprecise": repeat.imprecise,
    }


def _brief(clock: ClockResult | None) -> dict[str, Any] | None:
    """A stage's clock in brief: the full row is in `clocks`."""
    if clock is None:
        return None
    return {
        "clock": clock.clock,
        "started": _iso(clock.started),
        "due": _iso(clock.due),
        "original_due": _iso(clock.original_due),
        "extension_valid": clock.extension_valid,
        "stopped": _iso(clock.stopped),
        "stop_event": clock.stop_event,
        "breached": clock.breached,
        "overdue_working_days": clock.overdue_working_days,
        "imprecise": clock.imprecise,
    }


def stage_json(stage: StageView) -> dict[str, Any]:
    return {
        "stage": stage.stage,
        "opened": stage.opened.isoformat(),
        "opened_event": stage.opened_event,
        "state": stage.state,
        "outcome": stage.outcome,
        "acknowledgement": _brief(stage.acknowledgement),
        "response": _brief(stage.response),
        "responses": list(stage.responses),
        "refused": stage.refused,
        "extensions": list(stage.extensions),
        "imprecise": stage.imprecise,
    }


def complaint_json(view: ComplaintView) -> dict[str, Any]:
    """One complaint: its stages with their clocks, its responses' promises and claims, and the
    compensation offered on it (each offer in full under `compensation`)."""
    return {
        "case": view.case,
        "received": view.received.isoformat(),
        "received_event": view.received_event,
        "code": view.code,
        "stages": [stage_json(s) for s in view.stages],
        "commitments": [
            {
                "commitment": c.commitment,
                "action": c.action,
                "due": _iso(c.due),
                "state": c.state,
                "made_event": c.made_event,
            }
            for c in view.commitments
        ],
        "claims": [
            {
                "event": c.event,
                "job": c.job,
                "items": list(c.items),
                "commitment": c.commitment,
                "action": c.action,
                "state": c.state,
                "verify_by": _iso(c.due),
            }
            for c in view.claims
        ],
        "offers": [
            {"event": o.event, "amount": _money(o.amount), "kind": o.kind, "method": o.method}
            for o in view.offers
        ],
    }


def replay_clocks(
    doc: Mapping[str, Any], *, as_of: dt.date, announced: Iterable[AnnouncedDay] = ()
) -> dict[str, Any]:
    """Every clock, commitment, appointment (with its failures) and proposed or decided
    repeat of a chronology as of `as_of` (refused if the file breaks the format).
    `announced`: days off announced after the published bank holidays (the
    landlord's `policy.selectors.announced_days()`), each counted from its announcement."""
    problem = first_problem(doc)
    if problem is not None:
        raise ValueError(REFUSED.format(problem=problem))
    facts = replace(facts_from_chronology(doc), announced=tuple(announced))
    return replay_facts(facts, as_of=as_of)


def replay_facts(facts: Facts, *, as_of: dt.date) -> dict[str, Any]:
    """The replay of facts already read (their policy overrides and announced days included):
    the one place every member of the replay is computed, for a file and for the live record."""
    calendar = calendar_for(facts.nation)
    clocks = compute_clocks(facts, as_of=as_of, overrides=facts.overrides, calendar=calendar)
    known = calendar_as_known(calendar, facts.announced, as_of)
    ledger = commitment_states(facts, as_of=as_of, overrides=facts.overrides, calendar=known)
    offered = offers(facts, as_of=as_of)
    found = complaints(facts.as_of(as_of), clocks=clocks, ledger=ledger, offers=offered)
    visits = appointments(facts, as_of=as_of)
    repeated = repeats(facts, as_of=as_of)
    asked = requests(facts, as_of=as_of)
    asb = [asb_json(v) for v in asb_cases(facts, as_of=as_of)]
    findings = lens(
        facts,
        as_of=as_of,
        clocks=clocks,
        visits=visits,
        offers=offered,
        requests=asked,
        asb=asb,
        repeats=repeated,
    )
    return {
        "as_of": as_of.isoformat(),
        "clocks": [clock_json(c) for c in clocks],
        "commitments": [commitment_json(s) for s in ledger],
        "appointments": [visit_json(v) for v in visits],
        "repeats": [repeat_json(r) for r in repeated],
        "compensation": [offer_json(o) for o in offered],
        "compensation_requests": [request_json(r) for r in asked],
        "complaints": [complaint_json(c) for c in found],
        "asb": asb,
        "transfers": [transfer_json(t) for t in transfer_cases(facts, as_of, clocks=clocks)],
        "permissions": [permission_json(p) for p in permission_cases(facts, as_of=as_of)],
        "findings": [finding_json(f, as_of=as_of) for f in findings],
        "topics": [
            summary_json(t)
            for t in summarise(
                findings,
                as_of=as_of,
                vulnerable_from=first_disclosed(facts.as_of(as_of)),
                overrides=facts.overrides,
            )
        ],
    }


# --- text ------------------------------------------------------------------------------------


def _day(text: str | None) -> str:
    return show(dt.date.fromisoformat(text)) if text else ""


def _amount(clock: Mapping[str, Any]) -> str:
    if clock["unit"] == "working_days":
        return f"{clock['overdue_working_days']} working days"
    return f"{clock['overdue_days']} days"


def status_text(clock: Mapping[str, Any]) -> str:
    """'due in 3 working days', 'overdue by 60 working days', 'met', 'stopped ... late'."""
    due = _day(clock["due"])
    if clock["stopped"]:
        stopped = _day(clock["stopped"])
        if clock["breached"]:
            return f"stopped {stopped}, {_amount(clock)} late (due {due})"
        return f"met: stopped {stopped} (due {due})"
    if clock["breached"]:
        return f"overdue by {_amount(clock)} (due {due})"
    unit = UNITS.get(str(clock["unit"]), "days")
    return f"due in {clock['remaining']} {unit} ({due})"


def clock_line(clock: Mapping[str, Any]) -> str:
    case = clock["case"] or "-"
    extended = f", extended from {_day(clock['original_due'])}" if clock["original_due"] else ""
    imprecise = " [imprecise date]" if clock["imprecise"] else ""
    head = f"{case} {clock['clock']} ({clock['subject']}), started {_day(clock['started'])}"
    return f"  {head}: {status_text(clock)}{extended}{imprecise}"


def commitment_line(item: Mapping[str, Any]) -> str:
    due = f", due {_day(item['due'])}" if item["due"] else ", no due date"
    return f"  {item['case'] or '-'} {item['commitment']}: {item['state']}{due}. {item['action']}"


def appointment_lines(replay: Mapping[str, Any]) -> list[str]:
    lines = []
    for visit in replay.get("appointments", ()):
        when = _day(visit["date"]) or "no date on record"
        head = f"  {visit['case'] or '-'} {visit['appointment']}"
        head += f" for {visit['for']}" if visit["for"] else ""
        lines.append(f"{head}, {when}: {visit['state'].replace('_', ' ')}")
        lines.extend(
            f"    {f['code']} from {_day(f['date'])}: {f['explanation']}" for f in visit["failures"]
        )
    return lines or [NONE]


def repeat_lines(replay: Mapping[str, Any]) -> list[str]:
    lines = [
        f"  {r['case'] or '-'} {r['status']}: {r['explanation']}" for r in replay.get("repeats", ())
    ]
    return lines or [NONE]


def offer_lines(replay: Mapping[str, Any]) -> list[str]:
    lines = []
    for offer in replay.get("compensation", ()):
        method = f", {offer['method'].replace('_', ' ')}" if offer["method"] else ""
        lines.append(
            f"  {offer['case'] or '-'} {offer['event']}: £{offer['amount']} {offer['kind']}"
            f"{method}, offered {_day(offer['offered'])}"
        )
        for part in offer["components"]:
            band = f" [{part['band']}: {part['standing']}]" if part["band"] else ""
            lines.append(f"    £{part['amount']} for {part['for']}{band}")
        lines.extend(
            f"    {f['code']} from {_day(f['date'])}: {f['explanation']}" for f in offer["failures"]
        )
    for request in replay.get("compensation_requests", ()):
        answer = f"answered by {request['offer']}" if request["offer"] else "no offer yet"
        lines.append(
            f"  {request['case'] or '-'} {request['event']}: compensation asked for "
            f"{_day(request['requested'])}, {answer}"
        )
        lines.extend(
            f"    {f['code']} from {_day(f['date'])}: {f['explanation']}"
            for f in request["failures"]
        )
    return lines or [NONE]


def _stage_line(stage: Mapping[str, Any]) -> str:
    words = [f"    stage {stage['stage']}: opened {_day(stage['opened'])}"]
    ack = stage["acknowledgement"]
    if ack:
        done = f"acknowledged {_day(ack['stopped'])}" if ack["stopped"] else "not acknowledged"
        late = " (late)" if ack["breached"] else ""
        words.append(f"acknowledgement due {_day(ack['due'])}, {done}{late}")
    response = stage["response"]
    if response:
        extended = (
            f" (extended from {_day(response['original_due'])})" if response["original_due"] else ""
        )
        if response["extension_valid"] is False:
            extended += " (an extension on record is not valid)"
        words.append(f"response due {_day(response['due'])}{extended}")
        if response["stopped"]:
            late = (
                f", {response['overdue_working_days']} working days late"
                if response["breached"]
                else ""
            )
            words.append(f"answered {_day(response['stopped'])}{late}")
        elif response["breached"]:
            words.append(f"no response, {response['overdue_working_days']} working days overdue")
    if stage["outcome"]:
        words.append(f"outcome: {stage['outcome'].replace('_', ' ')}")
    if stage["refused"]:
        words.append(f"refused ({stage['refused']})")
    return "; ".join(words)


def complaint_lines(replay: Mapping[str, Any]) -> list[str]:
    lines = []
    for complaint in replay.get("complaints", ()):
        code = "2024 Code" if complaint["code"] == "2024" else "earlier Code"
        lines.append(
            f"  {complaint['case'] or '-'} received {_day(complaint['received'])} ({code})"
        )
        lines.extend(_stage_line(stage) for stage in complaint["stages"])
        for promise in complaint["commitments"]:
            due = f"due {_day(promise['due'])}" if promise["due"] else "no due date"
            state = promise["state"].replace("_", " ")
            lines.append(f"    promised {promise['commitment']} ({due}): {state}")
        for claim in complaint["claims"]:
            what = claim["commitment"] or (
                f"job {claim['job']}" if claim["job"] else claim["action"]
            )
            lines.append(f"    said done: {what}: {claim['state'].replace('_', ' ')}")
        for offer in complaint["offers"]:
            method = f", {offer['method'].replace('_', ' ')}" if offer["method"] else ""
            lines.append(
                f"    offered £{offer['amount']} {offer['kind']}{method} ({offer['event']})"
            )
    return lines or [NONE]


def _asb_head(case: Mapping[str, Any]) -> str:
    closed = (case["closed"] or {}).get("date")
    state = {
        "not_opened": "no case opened",
        "declined": "declined, no case opened",
        "opened": f"opened {_day(case['opened'])}",
        "closed": f"opened {_day(case['opened'])}, closed {_day(closed)}",
    }[case["state"]]
    assessed = case["risk_assessed"]
    risk = f"risk {case['risk_level']}" if assessed else "never risk-assessed"
    return f"  {case['case'] or '-'}: {len(case['reports'])} report(s), {state}, {risk}"


POLICE = {True: "police involved", False: "police not involved", None: ""}


def _report_line(report: Mapping[str, Any]) -> str:
    words = [POLICE[report["police_involved"]]]
    if report["crime_reference"]:
        words.append(f"crime ref {report['crime_reference']}")
    if report["delay_until"]:
        words.append(f"asked for no action before {_day(report['delay_until'])}")
    extra = ", ".join(w for w in words if w)
    what = report["category"].replace("_", " ") + (f" ({extra})" if extra else "")
    return f"    reported {report['at']}: {what} [{report['event']}]"


def _decline_line(decline: Mapping[str, Any]) -> str:
    verdict = "allowed by the policy" if decline["allowed"] else decline["problem"]
    code = decline["reason_code"].replace("_", " ")
    return f"    declined {_day(decline['date'])} ({code}): {verdict} [{decline['event']}]"


def _action_line(action: Mapping[str, Any]) -> str:
    what = action["type"].replace("_", " ")
    if action["against"]:
        what += f" against {action['against']}"
    if action["inside_delay_until"]:
        what += f": inside the reporter's delay (until {_day(action['inside_delay_until'])})"
        reason = action["override_reason"]
        what += f", overridden: {reason}" if reason else ", no override"
    return f"    action {_day(action['date'])}: {what} [{action['event']}]"


def _review_line(review: Mapping[str, Any]) -> str:
    told = review["reporter_updated"]
    outcome = f"reporter updated {_day(told)}" if told else "reporter not updated"
    return f"    reviewed {_day(review['date'])}: {outcome} [{review['event']}]"


def _closed_line(closed: Mapping[str, Any]) -> str:
    told = closed["reporter_told"]
    outcome = f"reporter told {_day(told)}" if told else "reporter not told"
    return f"    closed {_day(closed['date'])} ({closed['reason']}): {outcome} [{closed['event']}]"


def _case_review_line(review: Mapping[str, Any]) -> str:
    told = review["reporter_told"]
    outcome = f"told {_day(told)}" if told else "reporter not told"
    reports = ", ".join(review["reports"])
    return (
        f"    ASB case review threshold met {_day(review['threshold_met'])} ({reports}): {outcome}"
    )


def asb_lines(replay: Mapping[str, Any]) -> list[str]:
    lines = []
    for case in replay.get("asb", ()):
        lines.append(_asb_head(case))
        lines.extend(_report_line(r) for r in case["reports"])
        lines.extend(_decline_line(d) for d in case["declines"])
        lines.extend(_action_line(a) for a in case["actions"])
        lines.extend(_review_line(r) for r in case["reviews"])
        if case["closed"]:
            lines.append(_closed_line(case["closed"]))
        lines.extend(_case_review_line(r) for r in case["case_review"])
    return lines or [NONE]


FLAG_WORDS = (
    ("imprecise", "imprecise date"),
    ("assumed", "assumed value"),
    ("disputed", "disputed"),
    ("absence_of_records", "absence of records"),
    ("inferred", "read from the words of a contact"),
)


def finding_lines(replay: Mapping[str, Any]) -> list[str]:
    """One line per finding: its date, code and case, whether it ended, what it rests on."""
    lines = []
    for finding in replay.get("findings", ()):
        ended = f", resolved {_day(finding['resolved'])}" if finding["resolved"] else ""
        flags = [words for member, words in FLAG_WORDS if finding.get(member)]
        rests = f" [rests on: {', '.join(flags)}]" if flags else ""
        lines.append(
            f"  {_day(finding['date'])} {finding['code']} ({finding['case'] or '-'}, "
            f"{finding['severity']}){ended}: {finding['explanation']}{rests} "
            f"Events: {', '.join(finding['events'])}."
        )
    return lines or [NO_FINDINGS]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _pounds(value: float | None) -> str:
    return "?" if value is None else f"£{value:,.0f}"


def topic_lines(replay: Mapping[str, Any]) -> list[str]:
    """Per topic: how many findings, how long, and the redress the pattern suggests."""
    lines = []
    for topic in replay.get("topics", ()):
        s = topic["suggestion"]
        high = f"-{_pounds(s['high'])}" if s["high"] is not None else " and above"
        own = (
            f"; the landlord's band '{s['landlord_band']}' is {_pounds(s['landlord_low'])}"
            f"-{_pounds(s['landlord_high'])}"
            if s["landlord_band"]
            else ""
        )
        lines.append(
            f"  {topic['label']}: {_n(topic['count'], 'finding')} ({topic['ongoing']} going on) "
            f"in {_n(len(topic['cases']), 'case')}, "
            f"{_day(topic['first'])} to {_day(topic['last'])}; "
            f"longest {topic['longest_days']} days. Suggested redress "
            f"{_pounds(s['low'])}{high}{own}. {s['reasoning']}"
        )
    return lines or [NONE]


def render_text(replay: Mapping[str, Any]) -> str:
    """The replay for people: one line per clock and per commitment."""
    day = _day(str(replay["as_of"]))
    lines = [HEADING.format(day=day), *(clock_line(c) for c in replay["clocks"])]
    if not replay["clocks"]:
        lines.append(NONE)
    lines.append(COMMITMENTS.format(day=day))
    lines.extend(commitment_line(c) for c in replay.get("commitments", ()))
    if not replay.get("commitments"):
        lines.append(NONE)
    lines.append(APPOINTMENTS.format(day=day))
    lines.extend(appointment_lines(replay))
    lines.append(REPEATS.format(day=day))
    lines.extend(repeat_lines(replay))
    lines.append(COMPENSATION.format(day=day))
    lines.extend(offer_lines(replay))
    lines.append(COMPLAINTS.format(day=day))
    lines.extend(complaint_lines(replay))
    lines.append(ASB.format(day=day))
    lines.extend(asb_lines(replay))
    lines.append(MOVES.format(day=day))
    lines.extend(transfer_lines(replay) or [NONE])
    lines.append(PERMISSIONS.format(day=day))
    lines.extend([permission_line(p) for p in replay.get("permissions", ())] or [NONE])
    lines.append(FINDINGS.format(day=day))
    lines.extend(finding_lines(replay))
    lines.append(TOPIC_HEADING.format(day=day))
    lines.extend(topic_lines(replay))
    return "\n".join(lines) + "\n"
